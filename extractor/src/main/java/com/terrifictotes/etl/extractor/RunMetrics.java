package com.terrifictotes.etl.extractor;

import java.time.Duration;
import java.util.Map;

/** Where the service reports its measurements; the Lambda handler sends them to CloudWatch as EMF. */
interface RunMetrics {
    /** Called once per table and run, also for a table with no new rows. */
    void tableExtracted(String table, long rows, long bytes, Duration elapsed);

    /**
     * Called at the end of every run that got as far as reading its bound, whether it published or found nothing.
     *
     * @param freshnessLag now minus the run's bound {@code hi}: how stale the lake is at best
     */
    void runFinished(Duration runDuration, Duration freshnessLag);

    /**
     * Called once per run that passed the schema check, if it carries any drift: one count per kind, so an alarm
     * sees drift once per run, however many rows the run reads.
     *
     * @param warningsByKind the number of warnings per kind ({@code DriftKind.dimension()}), only kinds that occur
     */
    default void schemaDriftCarried(Map<String, Integer> warningsByKind) {
    }

    /** Called per table whose window held row versions that could not be delivered (see {@code RejectedValue}). */
    default void rowsRejected(String table, long rejected) {
    }

    static RunMetrics discarding() {
        return new RunMetrics() {
            @Override
            public void tableExtracted(String table, long rows, long bytes, Duration elapsed) {
            }

            @Override
            public void runFinished(Duration runDuration, Duration freshnessLag) {
            }
        };
    }
}
