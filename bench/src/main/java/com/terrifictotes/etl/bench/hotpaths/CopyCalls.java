package com.terrifictotes.etl.bench.hotpaths;

import com.terrifictotes.etl.catalogue.Column;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The writes the loader's binary COPY encoder makes, recovered from the bytes it wrote for a table: each big-endian
 * integer, each byte and each piece of text, in order, so that a sink can be fed exactly the calls the loader makes
 * without reading Parquet again. Text is kept as the buffers the encoder writes (Parquet's values as
 * {@code ByteBuffer}s); {@link #rewind} makes them readable again for the next round.
 *
 * @param kinds  what each call writes: {@link #INT16}, {@link #INT32}, {@link #INT64}, {@link #BYTE} or
 *               {@link #BYTES} (the next of {@code texts})
 * @param values the integer or byte of each call; unused for {@link #BYTES}
 * @param bytes  how many bytes the calls write in all
 */
public record CopyCalls(byte[] kinds, long[] values, ByteBuffer[] texts, long bytes) {
    public static final byte INT16 = 0;
    public static final byte INT32 = 1;
    public static final byte INT64 = 2;
    public static final byte BYTE = 3;
    public static final byte BYTES = 4;
    private static final int SIGNATURE_BYTES = 11;
    private static final int HEADER_BYTES = SIGNATURE_BYTES + 8; // then flags (4), header extension length (4)

    /**
     * The calls behind {@code copy}, a whole binary COPY of {@code table}'s rows (a fact's ending with
     * {@code etl_batch}): the field count of each tuple, then each field's length and value as the encoder writes
     * a value of the column's type. Bytes that do not parse so raise {@link IllegalStateException}.
     */
    public static CopyCalls of(WarehouseTable table, byte[] copy) {
        List<Column> columns = table.loadColumns();
        Calls calls = new Calls();
        calls.text(ByteBuffer.wrap(copy, 0, SIGNATURE_BYTES).slice());
        ByteBuffer in = ByteBuffer.wrap(copy);
        in.position(SIGNATURE_BYTES);
        calls.add(INT32, in.getInt());
        calls.add(INT32, in.getInt());
        for (short fields = in.getShort(); fields != -1; fields = in.getShort()) {
            calls.add(INT16, fields);
            for (int field = 0; field < fields; field++) {
                int length = in.getInt();
                calls.add(INT32, length);
                if (length >= 0) {
                    value(field < columns.size() ? columns.get(field) : null, length, in, calls);
                }
            }
        }
        calls.add(INT16, -1);
        if (in.hasRemaining() || calls.bytes != copy.length || copy.length < HEADER_BYTES) {
            throw new IllegalStateException(table.name() + ": " + in.remaining() + " bytes after the end of its COPY");
        }
        return calls.done();
    }

    /** One field's value as the encoder writes it; a field past the load columns is a fact's {@code etl_batch}. */
    private static void value(Column column, int length, ByteBuffer in, Calls calls) {
        if (column == null) {
            calls.add(INT32, in.getInt());
            return;
        }
        switch (column.type()) {
            case TEXT, VARCHAR_3, ENUM -> {
                calls.text(in.slice(in.position(), length));
                in.position(in.position() + length);
            }
            case INTEGER, DATE -> calls.add(INT32, in.getInt());
            case TIME_MILLIS, TIMESTAMP_MILLIS -> calls.add(INT64, in.getLong());
            case DECIMAL_10_2 -> {
                for (int i = 0; i < length / Short.BYTES; i++) {
                    calls.add(INT16, in.getShort());
                }
            }
            case BOOLEAN -> calls.add(BYTE, in.get());
        }
    }

    /** Makes every text readable from its start again, as a new round needs. */
    public void rewind() {
        for (ByteBuffer text : texts) {
            text.rewind();
        }
    }

    private static final class Calls {
        private byte[] kinds = new byte[1 << 12];
        private long[] values = new long[1 << 12];
        private final List<ByteBuffer> texts = new ArrayList<>();
        private int size;
        private long bytes;

        void add(byte kind, long value) {
            if (size == kinds.length) {
                kinds = Arrays.copyOf(kinds, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            kinds[size] = kind;
            values[size++] = value;
            bytes += switch (kind) {
                case INT16 -> Short.BYTES;
                case INT32 -> Integer.BYTES;
                case INT64 -> Long.BYTES;
                default -> 1;
            };
        }

        void text(ByteBuffer text) {
            add(BYTES, 0);
            bytes += text.remaining() - 1;
            texts.add(text);
        }

        CopyCalls done() {
            return new CopyCalls(Arrays.copyOf(kinds, size), Arrays.copyOf(values, size),
                    texts.toArray(ByteBuffer[]::new), bytes);
        }
    }
}
