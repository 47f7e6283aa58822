package com.terrifictotes.etl.catalogue;

import static com.terrifictotes.etl.catalogue.Column.optional;
import static com.terrifictotes.etl.catalogue.Column.required;
import static com.terrifictotes.etl.catalogue.ColumnType.BOOLEAN;
import static com.terrifictotes.etl.catalogue.ColumnType.DATE;
import static com.terrifictotes.etl.catalogue.ColumnType.INTEGER;
import static com.terrifictotes.etl.catalogue.ColumnType.TIMESTAMP_MILLIS;
import static com.terrifictotes.etl.catalogue.ColumnType.TIME_MILLIS;

import java.util.ArrayList;
import java.util.List;

/**
 * How {@link WarehouseCatalogue} declares a star table: each column next to where it comes from
 * ({@link ColumnSource}), and the columns every dimension or fact has (the warehouse's own, a fact's audit split).
 */
final class StarDeclarations {
    private StarDeclarations() {
    }

    /** A column and where it comes from: the declarations the star tables are built of. */
    record Declared(Column column, ColumnSource source) {
    }

    /** The source row's column of the same name. */
    static Declared copied(Column column) {
        return new Declared(column, new ColumnSource.Copied(column.name()));
    }

    /** The source row's column {@code sourceColumn}, renamed. */
    static Declared copied(Column column, String sourceColumn) {
        return new Declared(column, new ColumnSource.Copied(sourceColumn));
    }

    /** Column {@code parentColumn} of the row the source row's {@code foreignKey} names. */
    static Declared joined(Column column, String foreignKey, String parentColumn) {
        return new Declared(column, new ColumnSource.Joined(foreignKey, parentColumn));
    }

    /** The source row's text column of the same name, read strictly as a date. */
    static Declared textDate(Column column) {
        return new Declared(column, new ColumnSource.TextDate(column.name()));
    }

    static Declared looked(Column column, String sourceColumn, ColumnSource.Lookup lookup) {
        return new Declared(column, new ColumnSource.Looked(sourceColumn, lookup));
    }

    static Declared calendar(Column column, CalendarAttribute attribute) {
        return new Declared(column, new ColumnSource.Calendar(attribute));
    }

    static Declared kept(Column column) {
        return new Declared(column, new ColumnSource.Kept());
    }

    /**
     * A dimension backed by a source table: its attributes, then the two columns the warehouse keeps itself,
     * {@code is_inferred} (a row created for a key facts referenced before its row arrived) and {@code deleted_at}.
     */
    static WarehouseTable dim(String name, String sourceTable, String key, List<Declared> attributes) {
        return dim(name, sourceTable, key, attributes, List.of());
    }

    /**
     * A dimension with columns added after it was created: {@code ALTER TABLE ... ADD COLUMN} puts a column last, so
     * {@code addedLater} follow the warehouse's own columns, in the order the migrations added them.
     */
    static WarehouseTable dim(String name, String sourceTable, String key, List<Declared> attributes,
                              List<Declared> addedLater) {
        List<Declared> columns = new ArrayList<>(attributes);
        columns.add(kept(required(WarehouseTable.IS_INFERRED, BOOLEAN)));
        columns.add(kept(optional(WarehouseTable.DELETED_AT, TIMESTAMP_MILLIS)));
        columns.addAll(addedLater);
        return new WarehouseTable(name, TableRole.DIMENSION, columnsOf(columns), List.of(key), null, List.of(),
                List.of(), List.of(WarehouseTable.IS_INFERRED, WarehouseTable.DELETED_AT), sourceTable,
                sourcesOf(columns));
    }

    /** dim_date: derived from the dates facts reference, so never late, never inferred, never deleted. */
    static WarehouseTable calendar(String name, String key, List<Declared> columns) {
        return new WarehouseTable(name, TableRole.DIMENSION, columnsOf(columns), List.of(key), null, List.of(),
                List.of(), List.of(), null, sourcesOf(columns));
    }

    /**
     * Every fact starts with its surrogate key, the source id and the created/updated date-time split, and ends with
     * the two columns the warehouse keeps itself: {@code etl_batch} (the batch that last delivered the version, which
     * orders the {@code _current} views) and {@code deleted_at}.
     */
    static WarehouseTable fact(String name, String sourceTable, String surrogateKey, String sourceId,
                               List<Declared> measures, List<ForeignKey> foreignKeys) {
        List<Declared> columns = new ArrayList<>(List.of(
                kept(required(surrogateKey, INTEGER)),
                copied(required(sourceId, INTEGER)),
                new Declared(required("created_date", DATE), new ColumnSource.DatePart(SourceTable.CREATED_AT)),
                new Declared(required("created_time", TIME_MILLIS), new ColumnSource.TimePart(SourceTable.CREATED_AT)),
                new Declared(required("last_updated_date", DATE),
                        new ColumnSource.DatePart(SourceTable.LAST_UPDATED)),
                new Declared(required("last_updated_time", TIME_MILLIS),
                        new ColumnSource.TimePart(SourceTable.LAST_UPDATED))));
        columns.addAll(measures);
        columns.add(kept(required(WarehouseTable.ETL_BATCH, INTEGER)));
        columns.add(kept(optional(WarehouseTable.DELETED_AT, TIMESTAMP_MILLIS)));
        List<ForeignKey> keys = new ArrayList<>(List.of(toDate("created_date"), toDate("last_updated_date")));
        keys.addAll(foreignKeys);
        return new WarehouseTable(name, TableRole.FACT, columnsOf(columns), List.of(surrogateKey), surrogateKey,
                List.of(sourceId, "last_updated_date", "last_updated_time"), keys,
                List.of(surrogateKey, WarehouseTable.ETL_BATCH, WarehouseTable.DELETED_AT), sourceTable,
                sourcesOf(columns));
    }

    private static List<Column> columnsOf(List<Declared> declared) {
        return declared.stream().map(Declared::column).toList();
    }

    private static List<ColumnSource> sourcesOf(List<Declared> declared) {
        return declared.stream().map(Declared::source).toList();
    }

    static ForeignKey toDate(String column) {
        return new ForeignKey(column, "dim_date", "date_id");
    }
}
