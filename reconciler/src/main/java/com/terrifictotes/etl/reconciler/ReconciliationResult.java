package com.terrifictotes.etl.reconciler;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one pass did; also the Lambda function's response. Plain strings, numbers and maps only, so any JSON
 * serialiser (the Lambda runtime's included) writes it.
 *
 * @param outcome           {@link Outcome}
 * @param sequence          the batch published, or 0 when none was
 * @param manifestKey       the manifest published, or null
 * @param warehouseSequence the ledger's sequence the warehouse was compared at
 * @param sourceTime        the source's wall clock at the snapshot read (ISO-8601, no zone)
 * @param found             per warehouse table (every one compared), the counts by kind: missing, changed, deleted,
 *                          parents, skippedInFlight, quarantined
 * @param delivered         source rows the batch carries, per source table (those with any)
 * @param sourceRows        source rows compared
 * @param summaries         range summaries the warehouse computed (one query each)
 * @param warehouseRows     warehouse rows fetched to compare key by key
 */
public record ReconciliationResult(Outcome outcome, long sequence, String manifestKey, long warehouseSequence,
                                   String sourceTime, Map<String, Map<String, Long>> found,
                                   Map<String, Long> delivered, long sourceRows, long summaries, long warehouseRows,
                                   long durationMs) {
    public enum Outcome {
        /** A batch was published; the chain carries it to the warehouse. */
        PUBLISHED,
        /** The warehouse matches the source, bar what is in flight or quarantined: nothing written. */
        NOTHING_TO_RECONCILE,
        /** Compared and reported; nothing written, as asked. */
        DRY_RUN
    }

    public ReconciliationResult {
        Map<String, Map<String, Long>> tables = new LinkedHashMap<>();
        found.forEach((table, counts) -> tables.put(table, Collections.unmodifiableMap(new LinkedHashMap<>(counts))));
        found = Collections.unmodifiableMap(tables);
        delivered = Collections.unmodifiableMap(new LinkedHashMap<>(delivered));
    }

    /** Rows reconciled (delivered or flagged gone): missing, changed, deleted and parents, over every table. */
    public long reconciledRows() {
        return found.values().stream().mapToLong(counts -> counts.get("missing") + counts.get("changed")
                + counts.get("deleted") + counts.get("parents")).sum();
    }

    /** Differences of one kind over every table. */
    public long total(String kind) {
        return found.values().stream().mapToLong(counts -> counts.getOrDefault(kind, 0L)).sum();
    }
}
