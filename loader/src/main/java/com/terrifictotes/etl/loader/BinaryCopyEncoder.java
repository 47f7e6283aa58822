package com.terrifictotes.etl.loader;

import com.terrifictotes.etl.catalogue.Column;
import com.terrifictotes.etl.catalogue.WarehouseDomain;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import com.terrifictotes.etl.lake.ParquetRowGroups;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Writes warehouse rows as {@code COPY ... FROM STDIN (FORMAT binary)}: each value in PostgreSQL's own binary
 * form ({@code int4}, {@code date} as days since 2000-01-01, {@code time} as microseconds since midnight,
 * {@code timestamp} as microseconds since 2000-01-01, {@code numeric} as base-10000 digits, text as its UTF-8 bytes).
 *
 * <p>Why not COPY text: the server parses every date, time and numeric of a CSV line from characters. Measured on
 * 1,118,700 rows shaped like {@code fact_sales_order} (BENCHMARKS.md, "Issue #18, third round"), the server takes
 * 1.9-2.6 s to COPY them in binary against 5.9-6.5 s as CSV into the same bare table, and 3.3-4.2 s against
 * 6.5-8.8 s into the fact itself.
 *
 * <p>The values the server stores are those of the text COPY it replaced ({@code CopyRowEncoder}, kept in the
 * tests: a test loads random rows of every table both ways and compares them): the server applies each column's type
 * modifier to binary input as to text, so a {@code numeric(10,2)} is rounded to cents, a {@code time(3)} to
 * milliseconds, a {@code varchar(3)} or a numeric too long is refused, and text is checked as UTF-8 (a NUL refused).
 * Dates outside years 1 to 9999 are refused here: the transformer never writes them ({@link WarehouseDomain}), and
 * the server refuses the text of a year before 1 (Java has a year 0, PostgreSQL has not), where a day count would
 * have been taken as a date BC.
 *
 * <p>Rows are read column by column from the files ({@link ParquetRowGroups}), whose columns are the table's load
 * columns in order. The record path this replaced (parquet-avro's {@code GenericRecord}s) stays in the tests, as
 * {@code RecordCopyEncoder}, the reference this one must store exactly as.
 */
final class BinaryCopyEncoder {
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
    static final long POSTGRES_EPOCH_DAY = LocalDate.of(2000, 1, 1).toEpochDay();
    static final long MICROS_PER_DAY = 86_400_000_000L;
    private static final int NUMERIC_NEGATIVE = 0x4000;
    private static final int NUMERIC_GROUP = 4;
    private static final int NUMERIC_BASE = 10_000;
    /** A DECIMAL_10_2 column's scale, which the file's DECIMAL(10,2) annotation carries (its schema is checked). */
    private static final int DECIMAL_SCALE = 2;
    private static final long FIRST_DAY = WarehouseDomain.FIRST_DATE.toEpochDay();
    private static final long LAST_DAY = WarehouseDomain.LAST_DATE.toEpochDay();
    private static final int MILLIS_PER_DAY = 86_400_000;

    private final WarehouseTable table;
    private final Column[] columns;
    /** The batch's sequence for a fact's {@code etl_batch}, sent after the file's columns; null for none. */
    private final Integer batch;
    /** The fact's surrogate keys, sent before the file's columns; null to leave them to the column's default. */
    private final SurrogateKeys keys;
    private final int fields;

    private BinaryCopyEncoder(WarehouseTable table, Integer batch, SurrogateKeys keys) {
        this.table = table;
        this.columns = table.loadColumns().toArray(Column[]::new);
        this.batch = batch;
        this.keys = keys;
        this.fields = columns.length + (batch == null ? 0 : 1) + (keys == null ? 0 : 1);
    }

    /** For {@link MergeSql#copyIntoStaging}: the files' columns alone. */
    static BinaryCopyEncoder of(WarehouseTable table) {
        return new BinaryCopyEncoder(table, null, null);
    }

    /** For {@link MergeSql#copyInto}: a fact's rows end with {@code etl_batch}, which the files do not carry. */
    static BinaryCopyEncoder forBatch(WarehouseTable table, int sequence) {
        return new BinaryCopyEncoder(table, table.isFact() ? sequence : null, null);
    }

    /**
     * For {@link MergeSql#copyIntoWithKeys}: a fact's rows with its surrogate key first, drawn from {@code keys}, and
     * {@code etl_batch} last.
     */
    static BinaryCopyEncoder forBatch(WarehouseTable fact, int sequence, SurrogateKeys keys) {
        if (!fact.isFact()) {
            throw new IllegalArgumentException(fact.name() + " is not a fact table");
        }
        return new BinaryCopyEncoder(fact, sequence, keys);
    }

    WarehouseTable table() {
        return table;
    }

    /** What a binary COPY's data starts with: the signature, no flags, no header extension. */
    static void begin(CopyBuffer out) throws IOException {
        out.writeBytes(SIGNATURE, SIGNATURE.length);
        out.writeInt32(0);
        out.writeInt32(0);
    }

    /** What it ends with: a field count of -1. */
    static void end(CopyBuffer out) throws IOException {
        out.writeInt16(-1);
    }

    /**
     * Appends the current row of {@code row} as one binary tuple, reading each column's value as Parquet stores it
     * (the lake's physical types: INT32 ints, days and milliseconds of the day in every lake format, INT64
     * microseconds, BINARY UTF-8 text, unscaled decimals as INT64 or, before lake format 3, BINARY, and BOOLEAN) and
     * consuming it. Text goes as the file's bytes, undecoded: the server checks them as UTF-8. A null in a NOT NULL
     * column, or a value the column's type cannot carry, raises {@link IllegalArgumentException} naming the column,
     * for the caller to add the file and row.
     */
    void write(ParquetRowGroups row, CopyBuffer out) throws IOException {
        out.writeInt16(fields);
        if (keys != null) {
            out.writeInt32(Integer.BYTES);
            out.writeInt32(keys.next());
        }
        for (int i = 0; i < columns.length; i++) {
            ColumnReader reader = row.column(i);
            if (row.isNull(i)) {
                writeNull(columns[i], out);
            } else {
                writeValue(columns[i], reader, out);
            }
            if (reader != null) {
                reader.consume();
            }
        }
        if (batch != null) {
            out.writeInt32(Integer.BYTES);
            out.writeInt32(batch);
        }
    }

    private static void writeNull(Column column, CopyBuffer out) throws IOException {
        if (!column.nullable()) {
            throw new IllegalArgumentException("column " + column.name() + " is NOT NULL but the value is null");
        }
        out.writeInt32(-1);
    }

    private static void writeValue(Column column, ColumnReader reader, CopyBuffer out) throws IOException {
        switch (column.type()) {
            case TEXT, VARCHAR_3, ENUM -> {
                ByteBuffer bytes = reader.getBinary().toByteBuffer();
                out.writeInt32(bytes.remaining());
                out.writeBytes(bytes);
            }
            case INTEGER -> {
                out.writeInt32(Integer.BYTES);
                out.writeInt32(reader.getInteger());
            }
            case DATE -> {
                out.writeInt32(Integer.BYTES);
                out.writeInt32(days(column, reader.getInteger()));
            }
            case TIME_MILLIS -> {
                int millis = reader.getInteger();
                if (millis < 0 || millis >= MILLIS_PER_DAY) {
                    throw new IllegalArgumentException("column " + column.name() + ": " + millis
                            + " is not a time of day in milliseconds (0 to " + (MILLIS_PER_DAY - 1) + ")");
                }
                out.writeInt32(Long.BYTES);
                out.writeInt64(millis * 1_000L);
            }
            case TIMESTAMP_MILLIS -> {
                long micros = reader.getLong();
                days(column, Math.floorDiv(micros, MICROS_PER_DAY));
                out.writeInt32(Long.BYTES);
                out.writeInt64(micros - POSTGRES_EPOCH_DAY * MICROS_PER_DAY);
            }
            case DECIMAL_10_2 -> writeDecimal(reader, out);
            case BOOLEAN -> {
                out.writeInt32(1);
                out.writeByte(reader.getBoolean() ? 1 : 0);
            }
        }
    }

    /**
     * A decimal as stored: its unscaled value as INT64 (lake format 3 on), written straight from the long, or as
     * two's-complement BINARY (formats 1 and 2), written through its {@code BigDecimal}.
     */
    private static void writeDecimal(ColumnReader reader, CopyBuffer out) throws IOException {
        if (reader.getDescriptor().getPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.INT64) {
            writeCents(reader.getLong(), out);
        } else {
            writeNumeric(new BigDecimal(new BigInteger(reader.getBinary().getBytes()), DECIMAL_SCALE), out);
        }
    }

    /** Days since PostgreSQL's epoch of a day counted from 1970, for a date the warehouse can hold. */
    private static int days(Column column, long epochDay) {
        if (epochDay < FIRST_DAY || epochDay > LAST_DAY) {
            throw new IllegalArgumentException("column " + column.name() + ": date " + LocalDate.ofEpochDay(epochDay)
                    + " is outside years 1 to 9999");
        }
        return (int) (epochDay - POSTGRES_EPOCH_DAY);
    }

    /** One whole COPY (signature, tuple, end) of the current row of {@code row}, consumed; for priming. */
    byte[] copyData(ParquetRowGroups row) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            CopyBuffer out = new CopyBuffer(bytes, 1 << 12);
            begin(out);
            write(row, out);
            end(out);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("a ByteArrayOutputStream does not fail", e);
        }
        return bytes.toByteArray();
    }

    /**
     * {@link #writeNumeric} of {@code BigDecimal.valueOf(cents, 2)}, byte for byte, without the {@code BigDecimal}
     * and its text: the whole part's base-10000 digits, most significant first, then the cents as the first digit
     * after the point, trailing zero digits left out.
     */
    static void writeCents(long cents, CopyBuffer out) throws IOException {
        if (cents == Long.MIN_VALUE) { // no positive long for its magnitude
            writeNumeric(BigDecimal.valueOf(cents, DECIMAL_SCALE), out);
            return;
        }
        long magnitude = Math.abs(cents);
        long whole = magnitude / 100;
        int fraction = (int) (magnitude % 100) * 100;
        int wholeDigits = whole == 0 ? 0 : 1;
        long top = 1; // the place value of the whole part's first digit
        for (long rest = whole; rest >= NUMERIC_BASE; rest /= NUMERIC_BASE) {
            top *= NUMERIC_BASE;
            wholeDigits++;
        }
        int count = wholeDigits + (fraction == 0 ? 0 : 1);
        for (long rest = whole; fraction == 0 && rest != 0 && rest % NUMERIC_BASE == 0; rest /= NUMERIC_BASE) {
            count--;
        }
        out.writeInt32(8 + 2 * count);
        out.writeInt16(count);
        out.writeInt16(count == 0 ? 0 : wholeDigits - 1);
        out.writeInt16(cents < 0 ? NUMERIC_NEGATIVE : 0);
        out.writeInt16(DECIMAL_SCALE);
        for (int i = 0; i < Math.min(count, wholeDigits); i++, top /= NUMERIC_BASE) {
            out.writeInt16((int) (whole / top % NUMERIC_BASE));
        }
        if (fraction != 0) {
            out.writeInt16(fraction);
        }
    }

    /**
     * PostgreSQL's binary numeric: digit count, weight of the first base-10000 digit, sign, display scale, then the
     * digits, leading and trailing zero digits left out. Built from the plain decimal text, split into groups of four
     * digits either side of the point; zero is no digits at all.
     */
    static void writeNumeric(BigDecimal value, CopyBuffer out) throws IOException {
        String plain = value.abs().toPlainString();
        int point = plain.indexOf('.');
        String whole = point < 0 ? plain : plain.substring(0, point);
        String fraction = point < 0 ? "" : plain.substring(point + 1);
        if ("0".equals(whole)) {
            whole = "";
        }
        int wholeGroups = (whole.length() + NUMERIC_GROUP - 1) / NUMERIC_GROUP;
        int fractionGroups = (fraction.length() + NUMERIC_GROUP - 1) / NUMERIC_GROUP;
        int[] digits = new int[wholeGroups + fractionGroups];
        int lead = wholeGroups * NUMERIC_GROUP - whole.length(); // zeros the first whole group starts with
        for (int i = 0; i < whole.length(); i++) {
            int group = (lead + i) / NUMERIC_GROUP;
            digits[group] = digits[group] * 10 + (whole.charAt(i) - '0');
        }
        for (int i = 0; i < fractionGroups * NUMERIC_GROUP; i++) {
            int group = wholeGroups + i / NUMERIC_GROUP;
            digits[group] = digits[group] * 10 + (i < fraction.length() ? fraction.charAt(i) - '0' : 0);
        }
        int first = 0;
        while (first < digits.length && digits[first] == 0) {
            first++;
        }
        int last = digits.length;
        while (last > first && digits[last - 1] == 0) {
            last--;
        }
        int count = last - first;
        out.writeInt32(8 + 2 * count);
        out.writeInt16(count);
        out.writeInt16(count == 0 ? 0 : wholeGroups - 1 - first);
        out.writeInt16(value.signum() < 0 ? NUMERIC_NEGATIVE : 0);
        out.writeInt16(Math.max(value.scale(), 0));
        for (int i = first; i < last; i++) {
            out.writeInt16(digits[i]);
        }
    }
}
