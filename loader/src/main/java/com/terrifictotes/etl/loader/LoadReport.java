package com.terrifictotes.etl.loader;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The outcome of one loader invocation.
 *
 * @param applied          the manifests this invocation applied, in sequence order
 * @param ledgerSequence   the highest sequence in the load ledger afterwards (0 for an empty warehouse)
 * @param waitingFor       the key of the missing manifest that holds back a later one, or null when every
 *                         manifest present has been applied
 * @param nextPresent      the key of the first manifest present after the gap, or null
 * @param pendingBatches   processed manifests above the ledger afterwards (behind a gap, or beyond {@code upTo})
 * @param oldestPending    when the oldest of them was written, or null when none is pending
 * @param budgetReached    true if the call stopped at its {@code MAX_ROWS_PER_INVOCATION} with the next manifest
 *                         present: another invocation should follow at once
 */
public record LoadReport(List<AppliedBatch> applied, long ledgerSequence, String waitingFor, String nextPresent,
                         long pendingBatches, Instant oldestPending, boolean budgetReached) {
    public LoadReport {
        applied = List.copyOf(applied);
    }

    public LoadReport(List<AppliedBatch> applied, long ledgerSequence, String waitingFor, String nextPresent,
                      long pendingBatches, Instant oldestPending) {
        this(applied, ledgerSequence, waitingFor, nextPresent, pendingBatches, oldestPending, false);
    }

    public LoadReport(List<AppliedBatch> applied, long ledgerSequence, String waitingFor, String nextPresent) {
        this(applied, ledgerSequence, waitingFor, nextPresent, 0, null);
    }

    /** The same report, from a call that stopped at its budget. */
    LoadReport withBudgetReached() {
        return new LoadReport(applied, ledgerSequence, waitingFor, nextPresent, pendingBatches, oldestPending, true);
    }

    /**
     * False when the call stopped at its budget with a manifest it could apply; true when it stopped because it
     * could do no more now (every manifest present applied, or the next one missing: {@link #upToDate()} says which).
     */
    public boolean caughtUp() {
        return !budgetReached;
    }

    /** Rows of the manifests this call applied, as their tables staged them. */
    public long rowsApplied() {
        return applied.stream().flatMap(a -> a.tables().stream()).mapToLong(TableCounts::staged).sum();
    }

    /** Seconds since the oldest pending manifest was written; 0 when none is pending. */
    public long oldestPendingAgeSeconds(Instant now) {
        return oldestPending == null ? 0 : Math.max(0, Duration.between(oldestPending, now).toSeconds());
    }

    public boolean upToDate() {
        return waitingFor == null;
    }

    public String summary() {
        String done = applied.isEmpty() ? "applied no manifest"
                : "applied " + applied.size() + " manifest(s), sequences " + applied.get(0).sequence() + ".."
                        + applied.get(applied.size() - 1).sequence();
        String state = budgetReached ? "stopped at MAX_ROWS_PER_INVOCATION at sequence " + ledgerSequence
                + ", manifests still pending"
                : upToDate() ? "warehouse up to date at sequence " + ledgerSequence
                : "waiting for " + waitingFor + " before " + nextPresent;
        return done + "; " + state;
    }
}
