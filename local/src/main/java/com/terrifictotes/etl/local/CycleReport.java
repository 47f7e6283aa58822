package com.terrifictotes.etl.local;

import java.time.Duration;
import java.util.List;

/**
 * The handler invocations of one cycle, in order, and whether its chain of extractor runs caught up with the source
 * (false: it stopped at the chain's bound, and the next cycle goes on from its last batch).
 */
public record CycleReport(List<StageRun> runs, boolean caughtUp) {
    public CycleReport {
        runs = List.copyOf(runs);
    }

    public Duration elapsed(StageRun.Stage stage) {
        return runs.stream().filter(r -> r.stage() == stage).map(StageRun::elapsed)
                .reduce(Duration.ZERO, Duration::plus);
    }

    public long invocations(StageRun.Stage stage) {
        return runs.stream().filter(r -> r.stage() == stage).count();
    }

    /** How many extractor runs the chain took: one when a single batch held everything new. */
    public long extractorRuns() {
        return invocations(StageRun.Stage.EXTRACT);
    }
}
