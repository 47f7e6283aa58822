package com.terrifictotes.etl.local;

import java.time.Duration;
import java.util.List;

/** The handler invocations of one cycle, in order. */
public record CycleReport(List<StageRun> runs) {
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
}
