package com.terrifictotes.etl.lake;

import java.util.Arrays;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * One row of a lake table: its values in the table's column order, as the catalogue's Java types (Integer, String,
 * Boolean, BigDecimal, LocalDate, LocalTime, LocalDateTime), and the table's schema. The schema is the table's own,
 * derived once from the catalogue ({@link AvroSchemas}) and shared by every row: a row is its array of values and
 * nothing else, which {@link ParquetTableWriter} hands to Parquet column by column.
 */
public final class TableRow {
    private final Schema schema;
    private final Object[] values;

    private TableRow(Schema schema, Object[] values) {
        if (values.length != schema.getFields().size()) {
            throw new IllegalArgumentException(schema.getName() + " has " + schema.getFields().size()
                    + " columns, got " + values.length + " values");
        }
        this.schema = schema;
        this.values = values;
    }

    /** The row of {@code schema}'s table holding {@code values} in column order; the array is the row's from now on. */
    public static TableRow of(Schema schema, Object... values) {
        return new TableRow(Objects.requireNonNull(schema, "schema"), values);
    }

    /** The values of a record read from a file, or written by code that builds Avro records (tests, tools). */
    public static TableRow of(GenericRecord record) {
        Object[] values = new Object[record.getSchema().getFields().size()];
        for (int i = 0; i < values.length; i++) {
            Object value = record.get(i);
            values[i] = value instanceof CharSequence text && !(value instanceof String) ? text.toString() : value;
        }
        return new TableRow(record.getSchema(), values);
    }

    public Schema schema() {
        return schema;
    }

    /** The table's name. */
    public String table() {
        return schema.getName();
    }

    public int size() {
        return values.length;
    }

    public Object get(int position) {
        return values[position];
    }

    /** The value of a column by name: for code that handles a few rows; the hot paths go by position. */
    public Object get(String column) {
        return values[position(column)];
    }

    /** A copy of the values, in column order. */
    public Object[] values() {
        return values.clone();
    }

    /** This row with the named columns' values replaced: a copy, since a row handed to a writer is not changed. */
    public TableRow with(String column, Object value) {
        Object[] copy = values.clone();
        copy[position(column)] = value;
        return new TableRow(schema, copy);
    }

    private int position(String column) {
        Schema.Field field = schema.getField(column);
        if (field == null) {
            throw new IllegalArgumentException("table " + schema.getName() + " has no column " + column);
        }
        return field.pos();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TableRow row && schema.equals(row.schema) && Arrays.equals(values, row.values);
    }

    @Override
    public int hashCode() {
        return 31 * schema.getFullName().hashCode() + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(schema.getName()).append('{');
        for (Schema.Field field : schema.getFields()) {
            text.append(field.pos() == 0 ? "" : ", ").append(field.name()).append('=').append(values[field.pos()]);
        }
        return text.append('}').toString();
    }
}
