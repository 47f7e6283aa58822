package com.terrifictotes.etl.transformer;

import java.util.List;
import java.util.Map;

/**
 * The outcome of one ingestion batch.
 *
 * @param processedManifestKey the processed manifest that commits the batch (written now or found already there)
 * @param tables               per warehouse table, in catalogue order; empty unless {@code outcome} is TRANSFORMED
 * @param quarantined          row versions set aside per source table; empty unless {@code outcome} is TRANSFORMED
 * @param rowsIn               the rows its ingestion manifest counts, which this invocation read and transformed: 0
 *                             unless {@code outcome} is TRANSFORMED, and 0 for a batch the operator quarantined (its
 *                             rows are never read)
 */
public record BatchReport(long sequence, Outcome outcome, String processedManifestKey, List<TableStats> tables,
                          Map<String, Long> quarantined, long rowsIn, long millis) {
    public enum Outcome {
        /** This invocation wrote the processed manifest. */
        TRANSFORMED,
        /** Another invocation committed the batch first (a duplicate or concurrent event): nothing more to do. */
        ALREADY_DONE
    }

    public BatchReport {
        tables = List.copyOf(tables);
        quarantined = Map.copyOf(quarantined);
    }

    /** Row versions set aside, over all source tables. */
    public long quarantinedRows() {
        return quarantined.values().stream().mapToLong(Long::longValue).sum();
    }

    public long rowsOut() {
        return tables.stream().mapToLong(TableStats::rowsOut).sum();
    }
}
