package com.terrifictotes.etl.loader;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.avro.util.Utf8;

/**
 * The bytes of {@code COPY ... FROM STDIN} on their way to the server, binary ({@link BinaryCopyEncoder}) or text
 * ({@link CopyRowEncoder}): a plain byte array in front of the stream. Why not a {@code BufferedWriter} over an
 * {@code OutputStreamWriter}: that takes a lock for every character written and sends all text through a charset
 * encoder, which together cost more CPU than reading the Parquet (JFR of an SF10 load). Text read from Parquet
 * arrives as UTF-8 bytes ({@link Utf8}) and is copied as such. Re-measured on SF10's largest tables
 * ({@code ./pipeline bench --hot-paths}; BENCHMARKS.md "Hand-written hot paths, re-measured", two runs): with
 * {@link CopyRowEncoder} it writes COPY text 3.0-3.5 times as fast as {@code ValueCodec} and a {@code BufferedWriter}
 * under the stack's C1-only JIT, and 2.6-3.1 times as fast with C2, byte for byte the same.
 */
final class CopyBuffer {
    private static final byte QUOTE = '"';

    private final OutputStream out;
    private final byte[] buffer;
    private int size;

    CopyBuffer(OutputStream out, int capacity) {
        this.out = out;
        this.buffer = new byte[capacity];
    }

    void write(char ascii) throws IOException {
        room(1);
        buffer[size++] = (byte) ascii;
    }

    /** Text known to be ASCII: digits, dates, times, words. */
    void writeAscii(String ascii) throws IOException {
        room(ascii.length());
        for (int i = 0; i < ascii.length(); i++) {
            buffer[size++] = (byte) ascii.charAt(i);
        }
    }

    /** An int in decimal, without a String. */
    void writeInt(int value) throws IOException {
        if (value == Integer.MIN_VALUE) {
            writeAscii(Integer.toString(value));
            return;
        }
        room(11);
        if (value < 0) {
            buffer[size++] = '-';
            value = -value;
        }
        int digits = digits(value);
        for (int i = size + digits - 1; i >= size; i--) {
            buffer[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        size += digits;
    }

    /** {@code value} as 2 (or more) digits, zero-padded: months, days, hours, minutes, seconds. */
    void writeTwoDigits(int value) throws IOException {
        if (value < 0 || value > 99) {
            writeInt(value);
            return;
        }
        room(2);
        buffer[size++] = (byte) ('0' + value / 10);
        buffer[size++] = (byte) ('0' + value % 10);
    }

    /**
     * Text between double quotes, UTF-8 encoded, every {@code "} doubled. Doubling byte by byte is safe: in UTF-8
     * the byte 0x22 only ever stands for {@code "}, never inside a multi-byte character.
     */
    void writeQuoted(CharSequence text) throws IOException {
        if (text instanceof Utf8 utf8) {
            writeQuoted(utf8.getBytes(), utf8.getByteLength());
        } else {
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            writeQuoted(bytes, bytes.length);
        }
    }

    private void writeQuoted(byte[] bytes, int length) throws IOException {
        write('"');
        for (int i = 0; i < length; i++) {
            room(2);
            if (bytes[i] == QUOTE) {
                buffer[size++] = QUOTE;
            }
            buffer[size++] = bytes[i];
        }
        write('"');
    }

    /** A big-endian 16-bit integer, as binary COPY frames field counts. */
    void writeInt16(int value) throws IOException {
        room(2);
        buffer[size++] = (byte) (value >>> 8);
        buffer[size++] = (byte) value;
    }

    /** A big-endian 32-bit integer: binary COPY's field lengths, {@code int4} and {@code date} values. */
    void writeInt32(int value) throws IOException {
        room(4);
        buffer[size++] = (byte) (value >>> 24);
        buffer[size++] = (byte) (value >>> 16);
        buffer[size++] = (byte) (value >>> 8);
        buffer[size++] = (byte) value;
    }

    /** A big-endian 64-bit integer: binary {@code time} and {@code timestamp} values. */
    void writeInt64(long value) throws IOException {
        writeInt32((int) (value >>> 32));
        writeInt32((int) value);
    }

    /** Bytes as they are, in pieces if they are longer than the buffer. */
    void writeBytes(byte[] bytes, int length) throws IOException {
        writeBytes(bytes, 0, length);
    }

    /** The buffer's remaining bytes as they are (its position moves to its limit). */
    void writeBytes(ByteBuffer bytes) throws IOException {
        if (bytes.hasArray()) {
            writeBytes(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
            bytes.position(bytes.limit());
            return;
        }
        while (bytes.hasRemaining()) {
            if (size == buffer.length) {
                drain();
            }
            int piece = Math.min(bytes.remaining(), buffer.length - size);
            bytes.get(buffer, size, piece);
            size += piece;
        }
    }

    private void writeBytes(byte[] bytes, int offset, int length) throws IOException {
        int from = offset;
        int end = offset + length;
        while (from < end) {
            if (size == buffer.length) {
                drain();
            }
            int piece = Math.min(end - from, buffer.length - size);
            System.arraycopy(bytes, from, buffer, size, piece);
            size += piece;
            from += piece;
        }
    }

    void flush() throws IOException {
        drain();
        out.flush();
    }

    private void room(int bytes) throws IOException {
        if (buffer.length - size < bytes) {
            drain();
            if (buffer.length < bytes) {
                throw new IllegalStateException("a CopyBuffer of " + buffer.length + " bytes cannot take " + bytes);
            }
        }
    }

    private void drain() throws IOException {
        if (size > 0) {
            out.write(buffer, 0, size);
            size = 0;
        }
    }

    /** Comparisons, not divisions: the stack runs C1 code, where each division is a hardware divide. */
    private static int digits(int positive) {
        int digits = 1;
        for (long bound = 10; digits < 10 && positive >= bound; bound *= 10) {
            digits++;
        }
        return digits;
    }
}
