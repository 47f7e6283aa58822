package com.terrifictotes.etl.local.reliability;

import com.terrifictotes.etl.local.LocalPipeline;
import com.terrifictotes.etl.testbed.expected.WarehouseContents;
import com.terrifictotes.etl.testbed.expected.WarehouseFromSource;
import com.terrifictotes.etl.testbed.expected.WarehouseFromSource.SourceSnapshot;
import com.terrifictotes.etl.testbed.servers.Database;
import com.terrifictotes.etl.testbed.source.DayOfChanges;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * The source history every kill-point test replays: ToteSys as first extracted ({@link #before}), then after a day
 * of changes ({@link #after}); two batches. Both are read-only databases, so every test reads the same two states.
 * Also holds what the warehouse must be afterwards, twice over: computed from the two states with plain SQL (the
 * oracle), and as loaded by a clean run of the real pipeline over the same history (its hash).
 */
final class TwoBatchHistory {
    private static TwoBatchHistory shared;

    final Database before;
    final Database after;
    final SourceSnapshot first;
    final SourceSnapshot second;
    /** The clean run: its ingestion and processed buckets hold both batches, its warehouse both loads. */
    final PipelineRig clean;
    final String cleanTablesSha256;

    private TwoBatchHistory() {
        before = SmallToteSys.copy();
        after = SmallToteSys.copy();
        DayOfChanges.apply(after.dataSource(), 7, LocalDateTime.now(ZoneOffset.UTC));
        first = WarehouseFromSource.snapshot(before.dataSource());
        second = WarehouseFromSource.snapshot(after.dataSource());
        clean = PipelineRig.fresh();
        clean.pipeline(before.dataSource()).runCycle();
        clean.pipeline(after.dataSource()).runCycle();
        cleanTablesSha256 = clean.contents().tablesSha256();
    }

    static synchronized TwoBatchHistory shared() {
        if (shared == null) {
            shared = new TwoBatchHistory();
        }
        return shared;
    }

    /** The warehouse both batches lead to, from the oracle. */
    Map<String, List<String>> expected() {
        return WarehouseContents.expected(List.of(first, second));
    }

    /** The warehouse after the first batch only. */
    Map<String, List<String>> expectedAfterFirst() {
        return WarehouseContents.expected(List.of(first));
    }

    /** Extracts the first batch into the rig, healthily. */
    void extractFirst(PipelineRig rig) {
        rig.pipeline(before.dataSource()).extract();
    }

    /** A healthy pipeline of the rig reading the changed source: a new execution environment. */
    LocalPipeline healthy(PipelineRig rig) {
        return rig.pipeline(after.dataSource());
    }
}
