package com.terrifictotes.etl.extractor;

import com.terrifictotes.etl.csv.Utf8Bytes;
import java.util.Arrays;

/**
 * The bytes of one CSV record in the dialect (every value quoted, NULL an empty field, no record separator), held
 * until the record is complete, with where each field starts: so a record whose text turns out not to be UTF-8 can
 * be left out whole, and its key, stamp and bad value read back.
 */
final class RecordBytes {
    private static final int INITIAL = 64 * 1024;
    /** A record longer than this gives its memory back once it is written. */
    private static final int KEEP = 8 * 1024 * 1024;

    private byte[] bytes = new byte[INITIAL];
    private int length;
    private final int[] fieldStarts;

    RecordBytes(int fields) {
        this.fieldStarts = new int[fields];
    }

    void append(byte[] source, int offset, int count) {
        ensure(count);
        System.arraycopy(source, offset, bytes, length, count);
        length += count;
    }

    void append(byte b) {
        ensure(1);
        bytes[length++] = b;
    }

    /** Field {@code index} (from 1) starts at {@code position}, just after its comma. */
    void fieldStartsAt(int index, int position) {
        fieldStarts[index] = position;
    }

    byte[] bytes() {
        return bytes;
    }

    int length() {
        return length;
    }

    /** The first field, in column order, whose bytes are not valid UTF-8, or -1. */
    int firstInvalidField() {
        for (int f = 0; f < fieldStarts.length; f++) {
            if (Utf8Bytes.firstInvalid(bytes, fieldStarts[f], end(f)) >= 0) {
                return f;
            }
        }
        return -1;
    }

    /** The value of field {@code f}: without its quotes, a doubled quote made single; null for NULL. */
    byte[] value(int f) {
        int start = fieldStarts[f];
        int end = end(f);
        if (start == end) {
            return null;
        }
        byte[] value = new byte[end - start - 2];
        int n = 0;
        for (int i = start + 1; i < end - 1; i++) {
            value[n++] = bytes[i];
            if (bytes[i] == '"') {
                i++; // the second quote of a doubled pair
            }
        }
        return Arrays.copyOf(value, n);
    }

    void clear() {
        length = 0;
        if (bytes.length > KEEP) {
            bytes = new byte[INITIAL];
        }
    }

    /** Where field {@code f} ends: before the next field's comma, or at the end of the record. */
    private int end(int f) {
        return f + 1 < fieldStarts.length ? fieldStarts[f + 1] - 1 : length;
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
