package com.terrifictotes.etl.extractor;

import java.time.Duration;

/** Where the service reports its measurements; the Lambda handler sends them to CloudWatch as EMF. */
public interface RunMetrics {
    /** Called once per table and run, also for a table with no new rows. */
    void tableExtracted(String table, long rows, long bytes, Duration elapsed);

    /**
     * Called at the end of every run that got as far as reading its bound, whether it published or found nothing.
     *
     * @param freshnessLag now minus the run's bound {@code hi}: how stale the lake is at best
     */
    void runFinished(Duration runDuration, Duration freshnessLag);

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
