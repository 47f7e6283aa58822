package com.terrifictotes.etl.loader;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CopyBufferTest {
    @Test
    void writesIntegersBigEndianAsDataOutputStreamDoesWhileDrainingManyTimes() throws IOException {
        Random random = new Random(7);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        DataOutputStream reference = new DataOutputStream(expected);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CopyBuffer out = new CopyBuffer(bytes, 16); // small: the buffer drains many times on the way
        long[] edges = {0, 1, -1, Short.MIN_VALUE, Short.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE,
            Long.MIN_VALUE, Long.MAX_VALUE};
        for (int i = 0; i < 20_000; i++) {
            long value = i < edges.length ? edges[i] : random.nextLong() >> random.nextInt(63);
            out.writeInt16((int) value);
            reference.writeShort((int) value);
            out.writeInt32((int) value);
            reference.writeInt((int) value);
            out.writeInt64(value);
            reference.writeLong(value);
            out.writeByte((int) value);
            reference.writeByte((int) value);
        }
        out.flush();

        assertThat(bytes.toByteArray()).isEqualTo(expected.toByteArray());
    }

    @Test
    void writesBytesLongerThanItsBufferWholeFromArraysAndFromHeapAndDirectBuffers() throws IOException {
        byte[] text = new byte[100];
        new Random(11).nextBytes(text);
        ByteBuffer direct = ByteBuffer.allocateDirect(text.length).put(text).flip();
        ByteBuffer slice = ByteBuffer.wrap(text, 10, 50).slice();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CopyBuffer out = new CopyBuffer(bytes, 16);

        out.writeByte(1);
        out.writeBytes(text, text.length);
        out.writeBytes(direct);
        out.writeBytes(slice);
        out.flush();

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.write(1);
        expected.write(text);
        expected.write(text);
        expected.write(text, 10, 50);
        assertThat(bytes.toByteArray()).isEqualTo(expected.toByteArray());
        assertThat(direct.hasRemaining()).as("a written buffer is consumed").isFalse();
        assertThat(slice.hasRemaining()).isFalse();
    }
}
