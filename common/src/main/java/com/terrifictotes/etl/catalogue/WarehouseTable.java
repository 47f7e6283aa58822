package com.terrifictotes.etl.catalogue;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A table of the warehouse: the star schema's dimensions and facts, and the quarantine of rejected row versions.
 *
 * @param columns          every column, in DDL order: the columns files carry, then those the warehouse assigns
 * @param primaryKey       dimensions: the natural id; facts: the surrogate key; quarantine: batch, table, key, column
 * @param surrogateKey     facts only: the serial key the warehouse assigns (never carried in files); null otherwise
 * @param versionKey       facts only: what identifies one source row version, (source id, last_updated date, time);
 *                         a version seen twice is one fact row. Empty for the other tables.
 * @param assignedColumns  the columns the warehouse assigns itself and files never carry: a fact's surrogate key and
 *                         {@value #ETL_BATCH}, a dimension's {@value #IS_INFERRED}, and {@value #DELETED_AT}
 * @param sourceTable      star tables: the ToteSys table whose rows become this table's rows, one each; null for
 *                         dim_date (whose rows are the calendar dates the facts reference) and the ETL tables
 * @param sources          star tables: where each column comes from, one per column in {@code columns}' order (the
 *                         assigned columns {@link ColumnSource.Kept}); empty for the ETL tables, which the pipeline
 *                         writes itself. {@link StarMapping#check} checks them against {@link ToteSysCatalogue}.
 */
public record WarehouseTable(String name, TableRole role, List<Column> columns, List<String> primaryKey,
                             String surrogateKey, List<String> versionKey, List<ForeignKey> foreignKeys,
                             List<String> assignedColumns, String sourceTable, List<ColumnSource> sources) {
    /** Dimensions with a source row: true for a row created for a key that facts reference before its row arrived. */
    public static final String IS_INFERRED = "is_inferred";
    /** Dimensions with a source row, and facts: when the source row was found gone (the reconciliation sets it). */
    public static final String DELETED_AT = "deleted_at";
    /** Facts: the load ledger sequence of the batch that last delivered the version (loaded or corrected it). */
    public static final String ETL_BATCH = "etl_batch";

    public WarehouseTable {
        Identifiers.requireValid(name);
        Objects.requireNonNull(role, "role");
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        versionKey = List.copyOf(versionKey);
        foreignKeys = List.copyOf(foreignKeys);
        assignedColumns = List.copyOf(assignedColumns);
        sources = List.copyOf(sources);
        TableChecks.requireDistinctNames(name, columns);
        TableChecks.requireColumns(name, columns, primaryKey);
        TableChecks.requireColumns(name, columns, versionKey);
        TableChecks.requireColumns(name, columns, assignedColumns);
        TableChecks.requireColumns(name, columns, foreignKeys.stream().map(ForeignKey::column).toList());
        if ((role == TableRole.FACT) != (surrogateKey != null) || (role == TableRole.FACT) == versionKey.isEmpty()) {
            throw new IllegalArgumentException(name + ": facts, and only facts, have a surrogate key and a version key");
        }
        if (surrogateKey != null && !assignedColumns.contains(surrogateKey)) {
            throw new IllegalArgumentException(name + ": the surrogate key " + surrogateKey + " is assigned by the"
                    + " warehouse, never carried in files");
        }
        for (String assigned : assignedColumns) {
            if (primaryKey.contains(assigned) && !assigned.equals(surrogateKey)) {
                throw new IllegalArgumentException(name + ": key column " + assigned + " must be carried in files");
            }
        }
        requireSources(name, columns, assignedColumns, sources);
    }

    /** Star tables declare a source for each column; exactly the assigned columns are kept by the warehouse. */
    private static void requireSources(String name, List<Column> columns, List<String> assignedColumns,
                                       List<ColumnSource> sources) {
        if (sources.isEmpty()) {
            return;
        }
        if (sources.size() != columns.size()) {
            throw new IllegalArgumentException(name + ": " + columns.size() + " columns but " + sources.size()
                    + " column sources");
        }
        for (int i = 0; i < columns.size(); i++) {
            boolean kept = sources.get(i) instanceof ColumnSource.Kept;
            if (kept != assignedColumns.contains(columns.get(i).name())) {
                throw new IllegalArgumentException(name + "." + columns.get(i).name() + ": a column is kept by the"
                        + " warehouse if and only if the warehouse assigns it");
            }
        }
    }

    /** Where {@code columnName} comes from. @throws IllegalArgumentException for a table without declarations */
    public ColumnSource source(String columnName) {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException(name + " is written by the pipeline, not derived from the source");
        }
        return sources.get(columnNames().indexOf(column(columnName).name()));
    }

    /** The {@link ColumnSource}s of {@link #loadColumns()}, in the same order: what derives a row of this table. */
    public List<ColumnSource> loadSources() {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException(name + " is written by the pipeline, not derived from the source");
        }
        List<ColumnSource> load = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            if (!assignedColumns.contains(columns.get(i).name())) {
                load.add(sources.get(i));
            }
        }
        return List.copyOf(load);
    }

    public boolean isFact() {
        return role == TableRole.FACT;
    }

    public boolean isDimension() {
        return role == TableRole.DIMENSION;
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

    /** The columns that files carry and the loader copies: all but those the warehouse assigns. */
    public List<Column> loadColumns() {
        return columns.stream().filter(c -> !assignedColumns.contains(c.name())).toList();
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

    /**
     * Dimensions backed by a source table: a fact may reference a key before its row arrives, and the loader then
     * creates an inferred row (the key, attributes NULL, {@value #IS_INFERRED} true) that the real row completes.
     * Not dim_date, whose rows the transformer derives from the very facts that reference them.
     */
    public boolean takesInferredRows() {
        return isDimension() && hasColumn(IS_INFERRED);
    }

    /**
     * The columns an inferred row leaves NULL but every real row has: a dimension's NOT NULL attributes. In the
     * database they are nullable, under a CHECK that only an inferred row may lack them; files and real rows
     * always carry them, so the catalogue keeps them NOT NULL.
     */
    public List<Column> requiredAttributes() {
        if (!takesInferredRows()) {
            return List.of();
        }
        return loadColumns().stream().filter(c -> !c.nullable() && !primaryKey.contains(c.name())).toList();
    }

    /** Whether the database column accepts NULL: the catalogue's nullability, except for {@link #requiredAttributes}. */
    public boolean nullableInDatabase(Column column) {
        return column.nullable() || requiredAttributes().contains(column);
    }

    /** Facts only: the view that shows the latest version of each source row. */
    public String currentViewName() {
        if (!isFact()) {
            throw new IllegalStateException(name + " is not a fact; it holds only current rows");
        }
        return name + "_current";
    }

    /** Facts only: the source row's id, the first column of the version key. */
    public String sourceIdColumn() {
        if (!isFact()) {
            throw new IllegalStateException(name + " is not a fact");
        }
        return versionKey.get(0);
    }
}
