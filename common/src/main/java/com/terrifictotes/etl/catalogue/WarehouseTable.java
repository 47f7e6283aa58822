package com.terrifictotes.etl.catalogue;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A table of the warehouse star schema.
 *
 * @param primaryKey   dimensions: the natural id; facts: the surrogate key
 * @param surrogateKey facts only: the serial key the warehouse assigns (never carried in files); null for dims
 * @param versionKey   facts only: what identifies one source row version, (source id, last_updated date, time);
 *                     a version seen twice is one fact row. Empty for dimensions.
 */
public record WarehouseTable(String name, TableRole role, List<Column> columns, List<String> primaryKey,
                             String surrogateKey, List<String> versionKey, List<ForeignKey> foreignKeys) {
    public WarehouseTable {
        Identifiers.requireValid(name);
        Objects.requireNonNull(role, "role");
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        versionKey = List.copyOf(versionKey);
        foreignKeys = List.copyOf(foreignKeys);
        TableChecks.requireDistinctNames(name, columns);
        TableChecks.requireColumns(name, columns, primaryKey);
        TableChecks.requireColumns(name, columns, versionKey);
        TableChecks.requireColumns(name, columns, foreignKeys.stream().map(ForeignKey::column).toList());
        if ((role == TableRole.FACT) != (surrogateKey != null) || (role == TableRole.FACT) == versionKey.isEmpty()) {
            throw new IllegalArgumentException(name + ": facts, and only facts, have a surrogate key and a version key");
        }
        if (surrogateKey != null) {
            TableChecks.column(name, columns, surrogateKey);
        }
    }

    public boolean isFact() {
        return role == TableRole.FACT;
    }

    public Column column(String columnName) {
        return TableChecks.column(name, columns, columnName);
    }

    public List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
    }

    /** The columns that files carry and the loader copies: all but the warehouse-assigned surrogate key. */
    public List<Column> loadColumns() {
        return columns.stream().filter(c -> !c.name().equals(surrogateKey)).toList();
    }

    public List<String> loadColumnNames() {
        return loadColumns().stream().map(Column::name).toList();
    }

    /** Quoted, comma-separated {@link #loadColumns()}: a COPY or INSERT column list. */
    public String loadColumnList() {
        return loadColumns().stream().map(Column::quotedName).collect(Collectors.joining(", "));
    }

    public String quotedName() {
        return Identifiers.quote(name);
    }

    /** Facts only: the view that shows the latest version of each source row. */
    public String currentViewName() {
        if (!isFact()) {
            throw new IllegalStateException(name + " is a dimension; it holds only current rows");
        }
        return name + "_current";
    }

    /** Facts only: the source row's id, the first column of the version key. */
    public String sourceIdColumn() {
        if (!isFact()) {
            throw new IllegalStateException(name + " is a dimension");
        }
        return versionKey.get(0);
    }
}
