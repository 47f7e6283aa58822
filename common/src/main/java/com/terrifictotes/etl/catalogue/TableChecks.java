package com.terrifictotes.etl.catalogue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Consistency checks shared by the table records, so a mistyped catalogue fails when the class loads. */
final class TableChecks {
    private TableChecks() {
    }

    static void requireDistinctNames(String table, List<Column> columns) {
        Set<String> seen = new HashSet<>();
        for (Column column : columns) {
            if (!seen.add(column.name())) {
                throw new IllegalArgumentException("table " + table + " lists column " + column.name() + " twice");
            }
        }
    }

    static void requireColumns(String table, List<Column> columns, List<String> names) {
        names.forEach(n -> column(table, columns, n));
    }

    static Column column(String table, List<Column> columns, String name) {
        return columns.stream()
                .filter(c -> c.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("table " + table + " has no column " + name));
    }
}
