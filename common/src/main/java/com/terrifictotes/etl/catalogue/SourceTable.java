package com.terrifictotes.etl.catalogue;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A ToteSys table as the source database holds it. Every table has an integer primary key fed by a sequence and
 * the two audit columns {@code created_at} and {@code last_updated}; the latter is the extraction cursor.
 */
public record SourceTable(String name, String primaryKey, List<Column> columns, List<ForeignKey> foreignKeys,
                          List<List<String>> uniqueKeys) {
    public static final String CREATED_AT = "created_at";
    public static final String LAST_UPDATED = "last_updated";

    public SourceTable {
        Identifiers.requireValid(name);
        columns = List.copyOf(columns);
        foreignKeys = List.copyOf(foreignKeys);
        uniqueKeys = uniqueKeys.stream().map(List::copyOf).toList();
        TableChecks.requireDistinctNames(name, columns);
        TableChecks.requireColumns(name, columns, List.of(primaryKey, CREATED_AT, LAST_UPDATED));
        TableChecks.requireColumns(name, columns, foreignKeys.stream().map(ForeignKey::column).toList());
        for (List<String> key : uniqueKeys) {
            TableChecks.requireColumns(name, columns, key);
        }
    }

    public Column column(String columnName) {
        return TableChecks.column(name, columns, columnName);
    }

    public boolean hasColumn(String columnName) {
        return columns.stream().anyMatch(c -> c.name().equals(columnName));
    }

    public List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
    }

    public int columnIndex(String columnName) {
        return columnNames().indexOf(column(columnName).name());
    }

    /** The quoted table name for SQL. */
    public String quotedName() {
        return Identifiers.quote(name);
    }

    /** The catalogue's columns, quoted and comma-separated, in catalogue order: a SELECT or COPY list. */
    public String selectList() {
        return columns.stream().map(Column::quotedName).collect(Collectors.joining(", "));
    }
}
