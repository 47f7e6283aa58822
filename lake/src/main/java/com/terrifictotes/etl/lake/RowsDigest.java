package com.terrifictotes.etl.lake;

import com.terrifictotes.etl.s3.Sha256;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * SHA-256 of a Parquet object's content as the lake decodes it: the column names, then every row's values in the
 * catalogue's Java types, each tagged with its kind. Independent of the bytes that encode them (library version in
 * the footer, encodings, page layout, compression, lake format 1 or 2 for times), so two objects of one table compare
 * equal exactly when a reader would get the same rows from both.
 */
final class RowsDigest {
    private static final int BUFFER_BYTES = 1 << 16;

    private final MessageDigest digest = Sha256.newDigest();
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
    private long rows;
    private String hex;

    RowsDigest(Schema schema) {
        for (Schema.Field field : schema.getFields()) {
            text(field.name());
        }
    }

    void add(GenericRecord record) {
        if (hex != null) {
            throw new IllegalStateException("the digest is already taken");
        }
        room(1);
        buffer.put((byte) 'R');
        int fields = record.getSchema().getFields().size();
        for (int i = 0; i < fields; i++) {
            value(record.get(i));
        }
        rows++;
    }

    long rows() {
        return rows;
    }

    /** The digest of everything added; nothing can be added after. */
    String hex() {
        if (hex == null) {
            flush();
            hex = Sha256.hex(digest);
        }
        return hex;
    }

    private void value(Object value) {
        room(1 + 8 + 4);
        if (value == null) {
            buffer.put((byte) 0);
        } else if (value instanceof Integer number) {
            buffer.put((byte) 1).putInt(number);
        } else if (value instanceof Long number) {
            buffer.put((byte) 2).putLong(number);
        } else if (value instanceof Boolean flag) {
            buffer.put((byte) 3).put((byte) (flag ? 1 : 0));
        } else if (value instanceof LocalDate date) {
            buffer.put((byte) 4).putLong(date.toEpochDay());
        } else if (value instanceof LocalTime time) {
            buffer.put((byte) 5).putLong(time.toNanoOfDay());
        } else if (value instanceof LocalDateTime stamp) {
            buffer.put((byte) 6).putLong(stamp.toEpochSecond(ZoneOffset.UTC)).putInt(stamp.getNano());
        } else if (value instanceof BigDecimal decimal) {
            buffer.put((byte) 7).putInt(decimal.scale());
            bytes(decimal.unscaledValue().toByteArray());
        } else if (value instanceof CharSequence text) {
            buffer.put((byte) 8);
            text(text.toString());
        } else {
            throw new IllegalArgumentException("no content digest for a " + value.getClass().getName());
        }
    }

    private void text(String text) {
        bytes(text.getBytes(StandardCharsets.UTF_8));
    }

    private void bytes(byte[] bytes) {
        room(4);
        buffer.putInt(bytes.length);
        if (bytes.length > buffer.remaining()) {
            flush();
            digest.update(bytes);
        } else {
            buffer.put(bytes);
        }
    }

    private void room(int needed) {
        if (buffer.remaining() < needed) {
            flush();
        }
    }

    private void flush() {
        digest.update(buffer.array(), 0, buffer.position());
        buffer.clear();
    }
}
