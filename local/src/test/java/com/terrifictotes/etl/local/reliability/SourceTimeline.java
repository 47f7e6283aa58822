package com.terrifictotes.etl.local.reliability;

import com.terrifictotes.etl.testbed.expected.WarehouseFromSource;
import com.terrifictotes.etl.testbed.expected.WarehouseFromSource.SourceSnapshot;
import com.terrifictotes.etl.testbed.servers.Database;
import com.terrifictotes.etl.testbed.source.DayOfChanges;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * What happened to one source: days of changes, and the moments an extraction published a batch (with what the
 * source held then, for the oracle). It can be replayed, change for change and extraction for extraction, on a copy
 * of the source as it was at the start, by a clean pipeline: the clean in-order run over the same history.
 */
final class SourceTimeline {
    private sealed interface Step permits Change, Extraction {
    }

    private record Change(long seed, LocalDateTime now) implements Step {
    }

    private record Extraction() implements Step {
    }

    private final Database source;
    private final List<Step> steps = new ArrayList<>();
    private final List<SourceSnapshot> snapshots = new ArrayList<>();

    SourceTimeline(Database source) {
        this.source = source;
    }

    Database source() {
        return source;
    }

    void applyChanges(long seed) {
        Change change = new Change(seed, LocalDateTime.now(ZoneOffset.UTC));
        DayOfChanges.apply(source.dataSource(), change.seed, change.now);
        steps.add(change);
    }

    /** An extraction published a batch: it read the source as it is now (nothing changes it during a run). */
    void published() {
        snapshots.add(WarehouseFromSource.snapshot(source.dataSource()));
        steps.add(new Extraction());
    }

    List<SourceSnapshot> snapshots() {
        return List.copyOf(snapshots);
    }

    /** Replays the history on {@code twin} (a copy of the source before the first step) with a clean rig. */
    void replayCleanly(Database twin, PipelineRig clean) {
        for (Step step : steps) {
            if (step instanceof Change change) {
                DayOfChanges.apply(twin.dataSource(), change.seed, change.now);
            } else {
                clean.pipeline(twin.dataSource()).runCycle();
            }
        }
    }
}
