package com.terrifictotes.etl.loader;

import com.terrifictotes.etl.catalogue.Column;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import com.terrifictotes.etl.csv.ValueCodec;
import org.apache.avro.generic.GenericRecord;

/**
 * A warehouse record as one line of {@code COPY ... FROM STDIN (FORMAT csv)} with PostgreSQL's defaults (delimiter
 * {@code ,}, quote {@code "}, NULL is an unquoted empty field): the text COPY the loader sent before binary COPY, kept
 * in the tests as the definition of what the binary rows must store ({@code BinaryCopyEncoderTest} loads rows both
 * ways and compares).
 *
 * <p>Every non-null value is quoted, so an empty string ({@code ""}) can never be read as NULL and no text needs any
 * escaping beyond doubling {@code "}; embedded commas and line breaks are safe inside the quotes. Values are rendered
 * by the common {@link ValueCodec} (plain decimals, never exponent form; ISO dates; times with at least millisecond
 * digits; {@code true}/{@code false}). Records are those of {@code AvroSchemas.of(table)}.
 */
final class CopyRowEncoder {
    private final Column[] columns;
    /** Appended to every line as is: the values of columns the warehouse assigns, or empty. */
    private final String trailing;

    CopyRowEncoder(WarehouseTable table) {
        this(table, "");
    }

    private CopyRowEncoder(WarehouseTable table, String trailing) {
        this.columns = table.loadColumns().toArray(Column[]::new);
        this.trailing = trailing;
    }

    /** A fact's lines end with {@code etl_batch}, the batch's sequence, which the files do not carry. */
    static CopyRowEncoder forBatch(WarehouseTable table, int sequence) {
        return new CopyRowEncoder(table, table.isFact() ? ",\"" + sequence + "\"" : "");
    }

    /**
     * The record as one line, {@code \n}-terminated. A null in a NOT NULL column raises
     * {@link IllegalArgumentException} naming the column.
     */
    String line(GenericRecord record) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < columns.length; i++) {
            line.append(i > 0 ? "," : "");
            Object value = record.get(i);
            if (value == null && !columns[i].nullable()) {
                throw new IllegalArgumentException("column " + columns[i].name()
                        + " is NOT NULL but the value is null");
            }
            if (value != null) {
                line.append('"').append(ValueCodec.encode(columns[i], value).replace("\"", "\"\"")).append('"');
            }
        }
        return line.append(trailing).append('\n').toString();
    }
}
