package com.terrifictotes.etl.loader;

import java.util.List;
import java.util.Map;

/**
 * One processed manifest, applied and recorded in the load ledger in one transaction.
 *
 * @param quarantined row versions the batch set aside (in {@code etl_rejected_row}), per source table
 */
public record AppliedBatch(String manifestKey, long sequence, List<TableCounts> tables, Map<String, Long> quarantined,
                           long milliseconds) {
    public AppliedBatch {
        tables = List.copyOf(tables);
        quarantined = Map.copyOf(quarantined);
    }

    public long rowsInserted() {
        return tables.stream().mapToLong(TableCounts::inserted).sum();
    }

    public long rowsUpdated() {
        return tables.stream().mapToLong(TableCounts::updated).sum();
    }

    /** Dimension rows created as inferred, over all dimensions. */
    public long rowsInferred() {
        return tables.stream().mapToLong(TableCounts::inferred).sum();
    }

    /** Row versions set aside, over all source tables. */
    public long rowsQuarantined() {
        return quarantined.values().stream().mapToLong(Long::longValue).sum();
    }
}
