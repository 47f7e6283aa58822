package com.terrifictotes.etl.runtime;

import java.util.List;

/**
 * What one transformer or loader invocation did; also the Lambda function's response, which the catch-up state
 * machine reads ({@value #CAUGHT_UP}). Plain strings, numbers and booleans only, so the Lambda runtime's serialiser
 * writes it as it is.
 *
 * @param summary   the invocation's outcome in one line, as the logs say it
 * @param committed the batch sequences this invocation committed, oldest first (not those it found done already)
 * @param rows      rows of the committed batches, as their manifests count them
 * @param caughtUp  false if the invocation stopped at its {@link RowBudget} with a batch still pending: another
 *                  invocation should follow at once. True when it stopped because nothing more could be done now
 *                  (nothing pending, or, for the loader, the next manifest not written yet)
 */
public record StageResult(String summary, List<Long> committed, long rows, boolean caughtUp) {
    /** The response's field the catch-up state machine loops on. */
    public static final String CAUGHT_UP = "caughtUp";

    public StageResult {
        committed = List.copyOf(committed);
    }

    /** An invocation that found nothing to do. */
    public static StageResult nothingToDo(String summary) {
        return new StageResult(summary, List.of(), 0, true);
    }
}
