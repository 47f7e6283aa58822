package com.terrifictotes.etl.loader;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CopyBufferTest {
    @Test
    void writesIntsAsIntegerToStringDoesAcrossTheWholeRange() throws IOException {
        Random random = new Random(7);
        StringBuilder expected = new StringBuilder();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CopyBuffer out = new CopyBuffer(bytes, 64); // small: the buffer drains many times on the way
        int[] edges = {0, 9, 10, 99, 100, 999_999_999, 1_000_000_000, Integer.MAX_VALUE, -1, -10, Integer.MIN_VALUE};
        for (int i = 0; i < 20_000; i++) {
            int value = i < edges.length ? edges[i] : random.nextInt() >> random.nextInt(31);
            out.writeInt(value);
            out.write(',');
            expected.append(value).append(',');
        }
        out.flush();

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(expected.toString());
    }

    @Test
    void padsTwoDigitValuesAndWritesLargerOnesWhole() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CopyBuffer out = new CopyBuffer(bytes, 16);
        for (int value : new int[] {0, 5, 10, 59, 99, 100, 2024}) {
            out.writeTwoDigits(value);
            out.write(' ');
        }
        out.flush();

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("00 05 10 59 99 100 2024 ");
    }
}
