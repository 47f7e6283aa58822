package com.terrifictotes.etl.transformer;

import com.terrifictotes.etl.catalogue.Column;
import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseDomain;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import com.terrifictotes.etl.lake.AvroSchemas;
import com.terrifictotes.etl.lake.TableRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.Schema;

/**
 * Builds one row of a warehouse table as its values in column order ({@link TableRow}), column by position,
 * remembering for each column the source row and column its value came from. {@link #build()} checks every value
 * against what the warehouse column can hold ({@link WarehouseDomain}: the one place that decides) and either returns
 * the row, values as the warehouse holds them, or throws {@link RowRejected} naming each source row version and
 * column at fault. A derivation bug (a NOT NULL column never set) is an {@link IllegalStateException}, not bad input.
 *
 * <p>A row may be checked in parts (the staff columns of dim_staff, or its department's): {@link #checkPart()}
 * checks only the columns set so far, which is how a join table's row is validated on its own when it arrives.
 *
 * <p>A row is built for every source row, so the column lookups are the schema's own field map and per-table arrays
 * computed once at class loading; the row is an array of values, handed to the Parquet writer as it is.
 */
final class WarehouseRow {
    private static final Map<String, Schema> SCHEMAS = WarehouseCatalogue.TABLES.stream()
            .collect(Collectors.toUnmodifiableMap(WarehouseTable::name, AvroSchemas::of));
    private static final Map<String, Column[]> COLUMNS = WarehouseCatalogue.TABLES.stream()
            .collect(Collectors.toUnmodifiableMap(WarehouseTable::name, t -> t.loadColumns().toArray(Column[]::new)));

    private final WarehouseTable table;
    private final Schema schema;
    private final Object[] values;
    private final Column[] columns;
    private final boolean[] set;
    private final SourceRow[] origins;
    private final String[] sourceColumns;

    /** What every row of one table shares, looked up once by a caller that builds many ({@link StarRows}). */
    record Layout(WarehouseTable table, Schema schema, Column[] columns) {
        static Layout of(WarehouseTable table) {
            return new Layout(table, SCHEMAS.get(table.name()), COLUMNS.get(table.name()));
        }
    }

    private WarehouseRow(Layout layout) {
        this.table = layout.table();
        this.schema = layout.schema();
        this.columns = layout.columns();
        this.values = new Object[columns.length];
        this.set = new boolean[columns.length];
        this.origins = new SourceRow[columns.length];
        this.sourceColumns = new String[columns.length];
    }

    static WarehouseRow of(WarehouseTable table) {
        return new WarehouseRow(Layout.of(table));
    }

    static WarehouseRow of(Layout layout) {
        return new WarehouseRow(layout);
    }

    /** A value with no source column of its own (dim_date's, derived from a date). */
    WarehouseRow set(String column, Object value) {
        int position = position(column);
        values[position] = value;
        set[position] = true;
        return this;
    }

    /** Load column {@code position} takes a value with no source column of its own (dim_date's, from a date). */
    WarehouseRow set(int position, Object value) {
        values[position] = value;
        set[position] = true;
        return this;
    }

    /** Load column {@code position} takes {@code value}, read from {@code source}'s {@code sourceColumn}. */
    WarehouseRow put(int position, SourceRow source, String sourceColumn, Object value) {
        values[position] = value;
        set[position] = true;
        origins[position] = source;
        sourceColumns[position] = sourceColumn;
        return this;
    }

    /** Checks the columns set so far. @throws RowRejected if the warehouse cannot hold one of them */
    void checkPart() {
        check(false);
    }

    /** The whole row, values as the warehouse holds them. @throws RowRejected if the warehouse cannot hold it */
    TableRow build() {
        check(true);
        return TableRow.of(schema, values);
    }

    private void check(boolean whole) {
        List<RowRejected.Problem> problems = null;
        for (int i = 0; i < columns.length; i++) {
            if (!set[i]) {
                if (whole && !columns[i].nullable()) {
                    throw new IllegalStateException(table.name() + "." + columns[i].name()
                            + " is NOT NULL but was not set");
                }
                continue;
            }
            String problem = accept(i);
            if (problem != null) {
                if (origins[i] == null) {
                    throw new IllegalStateException("derived " + table.name() + "." + columns[i].name() + ": "
                            + problem);
                }
                problems = problems == null ? new ArrayList<>() : problems;
                problems.add(new RowRejected.Problem(origins[i], sourceColumns[i], table.name() + "."
                        + columns[i].name() + ": " + problem));
            }
        }
        if (problems != null) {
            throw new RowRejected(problems);
        }
    }

    /** Puts the warehouse's form of value {@code i} in place; returns why it cannot, or null. */
    private String accept(int i) {
        Object value = values[i];
        if (value instanceof UnreadableValue unreadable) {
            return unreadable.reason();
        }
        try {
            values[i] = WarehouseDomain.accept(columns[i], value);
            return null;
        } catch (WarehouseDomain.Refused refused) {
            return refused.reason();
        }
    }

    private int position(String column) {
        Schema.Field field = schema.getField(column);
        if (field == null) {
            throw new IllegalArgumentException("table " + table.name() + " has no column " + column);
        }
        return field.pos();
    }
}
