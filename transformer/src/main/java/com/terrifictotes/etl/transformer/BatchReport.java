package com.terrifictotes.etl.transformer;

import java.util.List;

/**
 * The outcome of one ingestion batch.
 *
 * @param processedManifestKey the processed manifest that commits the batch (written now or found already there)
 * @param tables               per warehouse table, in catalogue order; empty unless {@code outcome} is TRANSFORMED
 */
public record BatchReport(long sequence, Outcome outcome, String processedManifestKey, List<TableStats> tables,
                          long millis) {
    public enum Outcome {
        /** This invocation wrote the processed manifest. */
        TRANSFORMED,
        /** Another invocation committed the batch first (a duplicate or concurrent event): nothing more to do. */
        ALREADY_DONE
    }

    public BatchReport {
        tables = List.copyOf(tables);
    }

    public long rowsOut() {
        return tables.stream().mapToLong(TableStats::rowsOut).sum();
    }
}
