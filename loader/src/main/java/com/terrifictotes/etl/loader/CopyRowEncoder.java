package com.terrifictotes.etl.loader;

import com.terrifictotes.etl.catalogue.Column;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import com.terrifictotes.etl.csv.ValueCodec;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import org.apache.avro.generic.GenericRecord;

/**
 * Writes a warehouse record as one line of {@code COPY ... FROM STDIN (FORMAT csv)} with PostgreSQL's defaults
 * (delimiter {@code ,}, quote {@code "}, NULL is an unquoted empty field).
 *
 * <p>Every non-null value is quoted, so an empty string ({@code ""}) can never be read as NULL and no text needs
 * any escaping beyond doubling {@code "}; embedded commas and line breaks are safe inside the quotes. Values are
 * rendered by the common {@link ValueCodec}: plain decimals (never exponent form), ISO dates, times with at least
 * millisecond digits, {@code true}/{@code false}.
 *
 * <p>Records are those of {@code AvroSchemas.of(table)}, whose fields are the table's load columns in order; the
 * reader checks the file schema before any record arrives here.
 */
final class CopyRowEncoder {
    private final WarehouseTable table;
    private final List<Column> columns;

    CopyRowEncoder(WarehouseTable table) {
        this.table = table;
        this.columns = table.loadColumns();
    }

    WarehouseTable table() {
        return table;
    }

    /**
     * Appends the record as one line, {@code \n}-terminated. A null in a NOT NULL column raises
     * {@link IllegalArgumentException} naming the column, for the caller to add the file and row.
     */
    void write(GenericRecord record, Writer out) throws IOException {
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            writeValue(columns.get(i), record.get(i), out);
        }
        out.write('\n');
    }

    /** One line as a string; for tests and priming. */
    String line(GenericRecord record) {
        java.io.StringWriter out = new java.io.StringWriter();
        try {
            write(record, out);
        } catch (IOException e) {
            throw new IllegalStateException("a StringWriter does not fail", e);
        }
        return out.toString();
    }

    private static void writeValue(Column column, Object value, Writer out) throws IOException {
        if (value == null) {
            if (!column.nullable()) {
                throw new IllegalArgumentException("column " + column.name() + " is NOT NULL but the value is null");
            }
            return; // unquoted empty field: NULL
        }
        String text = ValueCodec.encode(column, value);
        out.write('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                out.write('"');
            }
            out.write(c);
        }
        out.write('"');
    }
}
