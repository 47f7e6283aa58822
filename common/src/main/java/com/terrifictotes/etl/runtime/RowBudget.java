package com.terrifictotes.etl.runtime;

import com.terrifictotes.etl.config.EnvironmentVariables;
import com.terrifictotes.etl.error.ConfigurationException;
import java.util.Map;

/**
 * How much one transformer or loader invocation may take on (issue #19): pending batches are taken oldest first,
 * and an invocation stops before a batch once it has committed at least one and that batch would take its rows past
 * {@code maxRows}. A first batch is always taken, whatever its size, so an invocation that finds work always makes
 * progress; many small batches still go in one invocation; a chain's full batches (cut by the extractor's
 * {@code EXTRACT_MAX_BATCH_ROWS}, which the stack sets to the same value) go one per invocation.
 *
 * <p>Only committed batches count: a batch found committed meanwhile by a concurrent invocation (a lost race) is
 * not charged, so an invocation ends without committing only when nothing was pending.
 *
 * @param maxRows rows (as the batch's manifest counts them) one invocation may commit, beyond its first batch
 */
public record RowBudget(long maxRows) {
    /** The transformer's and the loader's variable; the stack sets it from {@code extractMaxBatchRows}. */
    public static final String VARIABLE = "MAX_ROWS_PER_INVOCATION";
    /** The extractor's default batch limit: one full chain batch per invocation. */
    public static final long DEFAULT_MAX_ROWS = 2_000_000;
    /** No bound: every pending batch in one call (operator commands, tests that drive the service directly). */
    public static final RowBudget UNBOUNDED = new RowBudget(Long.MAX_VALUE);
    public static final RowBudget DEFAULT = new RowBudget(DEFAULT_MAX_ROWS);

    public RowBudget {
        if (maxRows < 1) {
            throw new ConfigurationException(VARIABLE + " must be at least 1, got " + maxRows);
        }
    }

    /** {@value #VARIABLE} if set (a whole number, at least 1), else {@value #DEFAULT_MAX_ROWS}. */
    public static RowBudget fromEnvironment(Map<String, String> environment) {
        return new RowBudget(EnvironmentVariables.wholeNumber(environment, VARIABLE, 1, DEFAULT_MAX_ROWS));
    }

    /**
     * Whether an invocation that has committed {@code batches} batches holding {@code rows} rows may start one more
     * of {@code nextRows} rows.
     */
    public boolean admits(int batches, long rows, long nextRows) {
        return batches == 0 || nextRows <= maxRows - rows; // rows and nextRows are never negative: no overflow
    }
}
