package com.terrifictotes.etl.loader;

import java.util.List;

/** One processed manifest, applied and recorded in the load ledger in one transaction. */
public record AppliedBatch(String manifestKey, long sequence, List<TableCounts> tables, long milliseconds) {
    public AppliedBatch {
        tables = List.copyOf(tables);
    }

    public long rowsInserted() {
        return tables.stream().mapToLong(TableCounts::inserted).sum();
    }

    public long rowsUpdated() {
        return tables.stream().mapToLong(TableCounts::updated).sum();
    }
}
