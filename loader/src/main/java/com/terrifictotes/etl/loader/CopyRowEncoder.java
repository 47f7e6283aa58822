package com.terrifictotes.etl.loader;

import com.terrifictotes.etl.catalogue.Column;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import com.terrifictotes.etl.csv.ValueCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import org.apache.avro.generic.GenericRecord;

/**
 * Writes a warehouse record as one line of {@code COPY ... FROM STDIN (FORMAT csv)} with PostgreSQL's defaults
 * (delimiter {@code ,}, quote {@code "}, NULL is an unquoted empty field).
 *
 * <p>Every non-null value is quoted, so an empty string ({@code ""}) can never be read as NULL and no text needs
 * any escaping beyond doubling {@code "}; embedded commas and line breaks are safe inside the quotes. Values are
 * rendered as the common {@link ValueCodec} renders them (plain decimals, never exponent form; ISO dates; times
 * with at least millisecond digits; {@code true}/{@code false}); the usual shapes (ints, dates of years 0 to 9999,
 * times whole to the millisecond, text) are written straight into the {@link CopyBuffer}, anything else through
 * the codec itself. A test checks both give the same bytes on random rows of every table.
 *
 * <p>Records are those of {@code AvroSchemas.of(table)}, whose fields are the table's load columns in order; the
 * reader checks the file schema before any record arrives here.
 *
 * <p>No longer on the load path: the loader sends binary COPY ({@link BinaryCopyEncoder}). This text stays as the
 * definition of what the binary rows must store ({@code BinaryCopyEncoderTest} loads rows both ways and compares)
 * and for the hot-paths benchmark.
 */
final class CopyRowEncoder {
    private final WarehouseTable table;
    private final Column[] columns;
    /** Appended to every line as is: the values of columns the warehouse assigns, or empty. */
    private final String trailing;

    CopyRowEncoder(WarehouseTable table) {
        this(table, "");
    }

    private CopyRowEncoder(WarehouseTable table, String trailing) {
        this.table = table;
        this.columns = table.loadColumns().toArray(Column[]::new);
        this.trailing = trailing;
    }

    /**
     * For {@link MergeSql#copyInto}: a fact's lines end with {@code etl_batch}, the batch's sequence, which the files
     * do not carry; other tables' lines are the files' columns alone.
     */
    static CopyRowEncoder forBatch(WarehouseTable table, int sequence) {
        return new CopyRowEncoder(table, table.isFact() ? ",\"" + sequence + "\"" : "");
    }

    WarehouseTable table() {
        return table;
    }

    /**
     * Appends the record as one line, {@code \n}-terminated. A null in a NOT NULL column raises
     * {@link IllegalArgumentException} naming the column, for the caller to add the file and row.
     */
    void write(GenericRecord record, CopyBuffer out) throws IOException {
        for (int i = 0; i < columns.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            writeValue(columns[i], record.get(i), out);
        }
        if (!trailing.isEmpty()) {
            out.writeAscii(trailing);
        }
        out.write('\n');
    }

    /** One line as a string; for tests and priming. */
    String line(GenericRecord record) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            CopyBuffer out = new CopyBuffer(bytes, 1 << 12);
            write(record, out);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("a ByteArrayOutputStream does not fail", e);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static void writeValue(Column column, Object value, CopyBuffer out) throws IOException {
        if (value == null) {
            if (!column.nullable()) {
                throw new IllegalArgumentException("column " + column.name() + " is NOT NULL but the value is null");
            }
            return; // unquoted empty field: NULL
        }
        switch (column.type()) {
            case TEXT, VARCHAR_3, ENUM -> out.writeQuoted(value instanceof CharSequence text ? text : value.toString());
            case INTEGER -> writeInt(value, out);
            case DATE -> writeDate(column, value, out);
            case TIME_MILLIS -> writeTime(column, value, out);
            case DECIMAL_10_2 -> quotedAscii(((BigDecimal) value).toPlainString(), out);
            case BOOLEAN -> quotedAscii(value.toString(), out);
            default -> out.writeQuoted(ValueCodec.encode(column, value));
        }
    }

    private static void writeInt(Object value, CopyBuffer out) throws IOException {
        out.write('"');
        if (value instanceof Integer number) {
            out.writeInt(number);
        } else {
            out.writeAscii(value.toString());
        }
        out.write('"');
    }

    /** yyyy-MM-dd, as {@link LocalDate#toString()} writes a year from 0 to 9999. */
    private static void writeDate(Column column, Object value, CopyBuffer out) throws IOException {
        if (!(value instanceof LocalDate date) || date.getYear() < 0 || date.getYear() > 9999) {
            out.writeQuoted(ValueCodec.encode(column, value));
            return;
        }
        out.write('"');
        int year = date.getYear();
        out.writeTwoDigits(year / 100);
        out.writeTwoDigits(year % 100);
        out.write('-');
        out.writeTwoDigits(date.getMonthValue());
        out.write('-');
        out.writeTwoDigits(date.getDayOfMonth());
        out.write('"');
    }

    /** HH:mm:ss.SSS for a time whole to the millisecond (all that a time(3) column holds). */
    private static void writeTime(Column column, Object value, CopyBuffer out) throws IOException {
        if (!(value instanceof LocalTime time) || time.getNano() % 1_000_000 != 0) {
            out.writeQuoted(ValueCodec.encode(column, value));
            return;
        }
        out.write('"');
        out.writeTwoDigits(time.getHour());
        out.write(':');
        out.writeTwoDigits(time.getMinute());
        out.write(':');
        out.writeTwoDigits(time.getSecond());
        out.write('.');
        int millis = time.getNano() / 1_000_000;
        out.write((char) ('0' + millis / 100));
        out.writeTwoDigits(millis % 100);
        out.write('"');
    }

    private static void quotedAscii(String ascii, CopyBuffer out) throws IOException {
        out.write('"');
        out.writeAscii(ascii);
        out.write('"');
    }
}
