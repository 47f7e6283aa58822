package com.terrifictotes.etl.loader;

import com.terrifictotes.etl.catalogue.Column;
import com.terrifictotes.etl.catalogue.WarehouseDomain;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;

/**
 * The binary COPY of records, as the loader wrote it before it read Parquet column by column: each parquet-avro
 * {@link GenericRecord} (the catalogue's Java types) encoded value by value. Kept as the reference that
 * {@link BinaryCopyEncoder}'s rows must store exactly as ({@code ColumnCopyTest}), itself checked against the COPY
 * text ({@code BinaryCopyEncoderTest}).
 */
final class RecordCopyEncoder {
    private final Column[] columns;
    /** The batch's sequence for a fact's {@code etl_batch}, sent after the file's columns; null for none. */
    private final Integer batch;

    private RecordCopyEncoder(WarehouseTable table, Integer batch) {
        this.columns = table.loadColumns().toArray(Column[]::new);
        this.batch = batch;
    }

    /** The files' columns alone, as into a staging table. */
    static RecordCopyEncoder of(WarehouseTable table) {
        return new RecordCopyEncoder(table, null);
    }

    /** A fact's rows end with {@code etl_batch}, which the files do not carry. */
    static RecordCopyEncoder forBatch(WarehouseTable table, int sequence) {
        return new RecordCopyEncoder(table, table.isFact() ? sequence : null);
    }

    /**
     * Appends the record as one binary tuple. A null in a NOT NULL column, or a value the column's type cannot
     * carry, raises {@link IllegalArgumentException} naming the column, for the caller to add the file and row.
     */
    void write(GenericRecord record, CopyBuffer out) throws IOException {
        out.writeInt16(columns.length + (batch == null ? 0 : 1));
        for (int i = 0; i < columns.length; i++) {
            writeValue(columns[i], record.get(i), out);
        }
        if (batch != null) {
            out.writeInt32(Integer.BYTES);
            out.writeInt32(batch);
        }
    }

    /** One whole COPY of one record (signature, tuple, end). */
    byte[] copyData(GenericRecord record) {
        return copyData(List.of(record));
    }

    /**
     * One whole COPY of the records, through a buffer so small that values straddle its drains (as the loader's
     * 64 KiB buffer's do on big files).
     */
    byte[] copyData(List<GenericRecord> records) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            CopyBuffer out = new CopyBuffer(bytes, 100);
            BinaryCopyEncoder.begin(out);
            for (GenericRecord record : records) {
                write(record, out);
            }
            BinaryCopyEncoder.end(out);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("a ByteArrayOutputStream does not fail", e);
        }
        return bytes.toByteArray();
    }

    private static void writeValue(Column column, Object value, CopyBuffer out) throws IOException {
        if (value == null) {
            if (!column.nullable()) {
                throw new IllegalArgumentException("column " + column.name() + " is NOT NULL but the value is null");
            }
            out.writeInt32(-1);
            return;
        }
        switch (column.type()) {
            case TEXT, VARCHAR_3, ENUM -> writeText(value, out);
            case INTEGER -> {
                out.writeInt32(Integer.BYTES);
                out.writeInt32((Integer) value);
            }
            case DATE -> {
                out.writeInt32(Integer.BYTES);
                out.writeInt32(days(column, (LocalDate) value));
            }
            case TIME_MILLIS -> {
                out.writeInt32(Long.BYTES);
                out.writeInt64(((LocalTime) value).toNanoOfDay() / 1_000);
            }
            case TIMESTAMP_MILLIS -> {
                LocalDateTime timestamp = (LocalDateTime) value;
                out.writeInt32(Long.BYTES);
                out.writeInt64(days(column, timestamp.toLocalDate()) * BinaryCopyEncoder.MICROS_PER_DAY
                        + timestamp.toLocalTime().toNanoOfDay() / 1_000);
            }
            case DECIMAL_10_2 -> BinaryCopyEncoder.writeNumeric((BigDecimal) value, out);
            case BOOLEAN -> {
                out.writeInt32(1);
                out.writeByte((Boolean) value ? 1 : 0);
            }
        }
    }

    private static void writeText(Object value, CopyBuffer out) throws IOException {
        if (value instanceof Utf8 utf8) {
            out.writeInt32(utf8.getByteLength());
            out.writeBytes(utf8.getBytes(), utf8.getByteLength());
        } else {
            byte[] bytes = value.toString().getBytes(StandardCharsets.UTF_8);
            out.writeInt32(bytes.length);
            out.writeBytes(bytes, bytes.length);
        }
    }

    /** Days since PostgreSQL's epoch, for a date the warehouse can hold (as text, the server refuses the rest). */
    private static int days(Column column, LocalDate date) {
        if (date.isBefore(WarehouseDomain.FIRST_DATE) || date.isAfter(WarehouseDomain.LAST_DATE)) {
            throw new IllegalArgumentException("column " + column.name() + ": date " + date
                    + " is outside years 1 to 9999");
        }
        return (int) (date.toEpochDay() - BinaryCopyEncoder.POSTGRES_EPOCH_DAY);
    }

}
