package com.terrifictotes.etl.testbed.source;

import java.time.LocalDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@link ToteSysGenerator#seed} wrote.
 *
 * @param rowsPerTable rows inserted per source table, in foreign-key order
 * @param newestStamp  the latest created_at or last_updated written: everything seeded lies at or before it
 */
public record GenerationReport(int scaleFactor, long seed, Map<String, Integer> rowsPerTable,
                               LocalDateTime newestStamp) {
    public GenerationReport {
        rowsPerTable = Collections.unmodifiableMap(new LinkedHashMap<>(rowsPerTable));
    }

    /** Rows written to the table, 0 for a table it does not know. */
    public int rows(String table) {
        return rowsPerTable.getOrDefault(table, 0);
    }

    public int totalRows() {
        return rowsPerTable.values().stream().mapToInt(Integer::intValue).sum();
    }
}
