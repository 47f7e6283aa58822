package com.terrifictotes.etl.loader;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * The bytes of a binary {@code COPY ... FROM STDIN} ({@link BinaryCopyEncoder}) on their way to the server: a plain
 * byte array in front of the stream, written big-endian in place. Why not the JDK's {@code DataOutputStream} straight
 * over pgjdbc's buffered {@code PGCopyOutputStream}: fed the same calls (the encoder's, for SF10's largest tables),
 * that writes 338 MB/s under the stack's C1-only JIT on Java 25, this 592 MB/s, 1.75 times as fast (equal with C2;
 * {@code ./pipeline bench --hot-paths}, BENCHMARKS.md "Hand-written hot paths, re-measured"). At SF100, about 365 MB
 * of COPY, the difference comes to about half a second of the loader's 4-6 s of CPU (an estimate from those rates).
 */
final class CopyBuffer {
    private final OutputStream out;
    private final byte[] buffer;
    private int size;

    CopyBuffer(OutputStream out, int capacity) {
        this.out = out;
        this.buffer = new byte[capacity];
    }

    /** One byte: a boolean's value. */
    void writeByte(int value) throws IOException {
        room(1);
        buffer[size++] = (byte) value;
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

}
