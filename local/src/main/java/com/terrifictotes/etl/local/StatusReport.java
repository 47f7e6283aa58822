package com.terrifictotes.etl.local;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Where each stage stands, as {@code ./pipeline status} prints it (text, or one JSON object with {@code --json}).
 *
 * @param ingestionSequence          the newest extracted batch (0: none)
 * @param processedSequence          the newest transformed batch
 * @param warehouseSequence          the newest batch in the warehouse's load ledger
 * @param pendingTransform           ingestion batches without a processed manifest
 * @param pendingLoad                processed batches above the ledger
 * @param lagBatches                 extracted batches the warehouse does not hold yet
 * @param oldestUnappliedBatch       the oldest of those, or null
 * @param oldestUnappliedAgeSeconds  how long ago that batch was extracted (0 when caught up): the warehouse's lag
 * @param newestAppliedAgeSeconds    how long ago the ledger's newest batch was applied, or null for none
 * @param quarantinedRows            rows in etl_rejected_row
 * @param quarantinedUnsuperseded    of those, the ones no later accepted version superseded
 * @param inferredRows               dimension rows still inferred (a fact referenced the key before its row came)
 * @param operatorDecisions          rows of etl_operator_decision
 * @param oldestStateSnapshot        the oldest state snapshot the next transform still reads, or null
 * @param unfinishedChain            the newest extracted batch stopped at its row limit: where each table it cut
 *                                   goes on, and each backfill range left (the extraction chain is running, or
 *                                   stopped before it caught up); null when that batch left nothing to read
 * @param stuck                      every stage stuck, on which batch and why
 * @param notes                      what is worth knowing but blocks nothing
 * @param caughtUp                   nothing pending anywhere
 * @param healthy                    nothing stuck
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
record StatusReport(long ingestionSequence, long processedSequence, long warehouseSequence, long pendingTransform,
                    long pendingLoad, long lagBatches, Long oldestUnappliedBatch, long oldestUnappliedAgeSeconds,
                    Long newestAppliedAgeSeconds, long quarantinedRows, long quarantinedUnsuperseded,
                    long inferredRows, long operatorDecisions, StateSnapshot oldestStateSnapshot,
                    UnfinishedChain unfinishedChain, List<Stuck> stuck, List<String> notes, boolean caughtUp,
                    boolean healthy) {
    static final int CAUGHT_UP = 0;
    static final int BEHIND = 3;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();

    StatusReport {
        stuck = List.copyOf(stuck);
        notes = List.copyOf(notes);
    }

    /** A stage that cannot go on by itself: which, on what batch, and why. */
    record Stuck(String stage, long batch, String reason, String repair) {
    }

    /**
     * The newest ingestion batch stopped at {@code EXTRACT_MAX_BATCH_ROWS} before the end of some tables' windows:
     * the next extractor run reads each of them on from its cut.
     */
    record UnfinishedChain(long batch, long ageSeconds, List<Cut> cuts, List<BackfillRange> backfills) {
        UnfinishedChain {
            cuts = List.copyOf(cuts);
            backfills = List.copyOf(backfills);
        }

        String text() {
            String reads = cuts.isEmpty() ? "" : "; the next run reads on: " + String.join(", ",
                    cuts.stream().map(Cut::text).toList());
            String ranges = backfills.isEmpty() ? "" : "; backfill ranges left (read after the fresh windows): "
                    + String.join(", ", backfills.stream().map(BackfillRange::text).toList());
            return String.format("extraction chain unfinished: batch %d (extracted %s ago) stopped at its row"
                    + " limit%s%s", batch, age(ageSeconds), reads, ranges);
        }
    }

    /**
     * The part of an older window of one table still to be read (a backfill range): rows after ({@code lastUpdated},
     * key {@code id}) stamped below {@code below}; {@code lastUpdated} null: from the table's beginning.
     */
    record BackfillRange(String table, String lastUpdated, Integer id, String below) {
        String text() {
            return table + (lastUpdated == null ? " from its beginning"
                    : id == null ? " from " + lastUpdated : " after (" + lastUpdated + ", id " + id + ")")
                    + " below " + below;
        }
    }

    /** One table a batch cut: the last ({@code last_updated}, key) it read, null when it read none of it. */
    record Cut(String table, String lastUpdated, Integer id) {
        String text() {
            return table + (lastUpdated == null ? " from its window's start"
                    : id == null ? " from " + lastUpdated : " after (" + lastUpdated + ", id " + id + ")");
        }
    }

    /** The oldest {@code state/…/batch=K} object the next transform reads, and its age. */
    record StateSnapshot(long batch, String object, long ageSeconds) {
    }

    int exitCode() {
        return healthy && caughtUp ? CAUGHT_UP : BEHIND;
    }

    String json() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<String> text() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format("%-12s %10s  %s", "stage", "sequence", "pending"));
        lines.add(String.format("%-12s %10d  %s", "extract", ingestionSequence, "-"));
        lines.add(String.format("%-12s %10d  %d batch(es) to transform", "transform", processedSequence,
                pendingTransform));
        lines.add(String.format("%-12s %10d  %d batch(es) to load", "load", warehouseSequence, pendingLoad));
        lines.add(lagBatches == 0 ? "warehouse caught up with the extractor"
                : String.format("warehouse lag: %d batch(es), the oldest (batch %d) extracted %s ago", lagBatches,
                        oldestUnappliedBatch, age(oldestUnappliedAgeSeconds)));
        if (newestAppliedAgeSeconds != null) {
            lines.add("newest batch applied " + age(newestAppliedAgeSeconds) + " ago");
        }
        lines.add(String.format("quarantined rows: %d (%d not superseded); inferred dimension rows: %d;"
                + " operator decisions: %d", quarantinedRows, quarantinedUnsuperseded, inferredRows,
                operatorDecisions));
        if (oldestStateSnapshot != null) {
            lines.add(String.format("oldest state snapshot still read: batch %d (%s), written %s ago",
                    oldestStateSnapshot.batch(), oldestStateSnapshot.object(), age(oldestStateSnapshot.ageSeconds())));
        }
        if (unfinishedChain != null) {
            lines.add(unfinishedChain.text());
        }
        for (Stuck s : stuck) {
            lines.add("STUCK " + s.stage() + " at batch " + s.batch() + ": " + s.reason());
            lines.add("  repair: " + s.repair());
        }
        notes.forEach(note -> lines.add("note: " + note));
        lines.add(healthy ? (caughtUp ? "healthy, caught up" : "healthy, behind") : "NOT HEALTHY");
        return lines;
    }

    static String age(long seconds) {
        if (seconds < 120) {
            return seconds + " s";
        }
        if (seconds < 2 * 3600) {
            return seconds / 60 + " min";
        }
        if (seconds < 2 * 86400) {
            return seconds / 3600 + " h";
        }
        return seconds / 86400 + " days";
    }
}
