package com.terrifictotes.etl.local;

import java.time.Duration;
import java.util.List;

/**
 * One handler invocation: which stage, with which event (a manifest key, or the schedule), how long, what it said.
 *
 * @param committed the batches a transformer or loader invocation committed (its answer's {@code committed}); empty
 *                  for the extractor and the reconciler
 * @param caughtUp  false if a transformer or loader invocation stopped at its {@code MAX_ROWS_PER_INVOCATION} with
 *                  batches still pending; true otherwise
 */
public record StageRun(Stage stage, String trigger, Duration elapsed, String response, List<Long> committed,
                       boolean caughtUp) {
    public enum Stage { EXTRACT, TRANSFORM, LOAD, RECONCILE }

    public StageRun {
        committed = List.copyOf(committed);
    }

    public StageRun(Stage stage, String trigger, Duration elapsed, String response) {
        this(stage, trigger, elapsed, response, List.of(), true);
    }
}
