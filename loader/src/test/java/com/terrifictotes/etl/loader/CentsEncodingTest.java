package com.terrifictotes.etl.loader;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Money read from lake format 3 (unscaled cents as INT64) goes to PostgreSQL's binary numeric straight from the long
 * ({@code BinaryCopyEncoder.writeCents}); it must write what the {@code BigDecimal} path writes, byte for byte.
 */
class CentsEncodingTest {
    @Test
    void writesEveryLongAsTheBigDecimalPathDoes() throws IOException {
        List<Long> values = new ArrayList<>(List.of(0L, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1,
                9_999_999_999L, -9_999_999_999L));
        for (long power = 1; power > 0 && power <= Long.MAX_VALUE / 10; power *= 10) {
            for (long near : new long[] {power - 1, power, power + 1, 99 * power, 10_001 * power}) {
                values.add(near);
                values.add(-near);
            }
        }
        Random random = new Random(20261207L);
        for (int i = 0; i < 200_000; i++) {
            values.add(random.nextLong() >> random.nextInt(64));
        }

        for (long cents : values) {
            assertThat(cents(cents)).as("%d cents", cents).isEqualTo(viaBigDecimal(cents));
        }
    }

    @Test
    void writesPostgresBinaryNumericDigitsWeightSignAndScale() throws IOException {
        // 1,234,567.89: digits 123 | 4567 . 8900, the first of weight 1
        assertThat(cents(123_456_789L)).isEqualTo(numeric(3, 1, 0, 2, 123, 4567, 8900));
        // -0.05: one digit, 0500, after the point (weight -1), negative
        assertThat(cents(-5L)).isEqualTo(numeric(1, -1, 0x4000, 2, 500));
        // 10,000.00: trailing zero digits are left out, the weight keeps the place
        assertThat(cents(1_000_000L)).isEqualTo(numeric(1, 1, 0, 2, 1));
        // zero: no digits at all
        assertThat(cents(0L)).isEqualTo(numeric(0, 0, 0, 2));
    }

    private static byte[] cents(long cents) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CopyBuffer out = new CopyBuffer(bytes, 64);
        BinaryCopyEncoder.writeCents(cents, out);
        out.flush();
        return bytes.toByteArray();
    }

    private static byte[] viaBigDecimal(long cents) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CopyBuffer out = new CopyBuffer(bytes, 64);
        BinaryCopyEncoder.writeNumeric(BigDecimal.valueOf(cents, 2), out);
        out.flush();
        return bytes.toByteArray();
    }

    /** A field of binary COPY holding a numeric: its length, then the header's four int16s and the digits. */
    private static byte[] numeric(int count, int weight, int sign, int scale, int... digits) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(8 + 2 * count);
        for (int header : new int[] {count, weight, sign, scale}) {
            out.writeShort(header);
        }
        for (int digit : digits) {
            out.writeShort(digit);
        }
        return bytes.toByteArray();
    }
}
