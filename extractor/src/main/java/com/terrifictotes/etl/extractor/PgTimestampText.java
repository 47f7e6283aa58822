package com.terrifictotes.etl.extractor;

import java.nio.charset.StandardCharsets;

/**
 * Turns PostgreSQL's own text of a {@code timestamp} (its output function under {@code DateStyle} ISO, which pgjdbc
 * insists on) into the text {@code Timestamps.format} writes for the value pgjdbc reads: {@code T} between date and
 * time, at least three fraction digits, java.time's years (year 0 for 1 BC, a sign beyond 9999 or before 0), and
 * {@code LocalDateTime.MAX}/{@code MIN} for the infinities.
 *
 * <p>Why here and not with {@code to_char} in the query: {@code to_char} on two timestamps a row costs PostgreSQL
 * about as much as the rest of the COPY, while this is a few byte moves. Anything not in the expected shape is an
 * error naming the text, never a guess. Against the JDK's way of doing the same in Java (a {@code DateTimeFormatter}
 * parse of PostgreSQL's text, then {@code Timestamps.FORMAT}) it is 73-90 times as fast under the stack's C1-only
 * JIT and 71-88 times with C2 ({@code ./pipeline bench --hot-paths}, SF10, two runs; BENCHMARKS.md "Hand-written
 * hot paths, re-measured").
 */
final class PgTimestampText {
    static final int MAX_LENGTH = 48;
    private static final byte[] INFINITY = ascii("infinity");
    private static final byte[] MINUS_INFINITY = ascii("-infinity");
    private static final byte[] MAX = ascii("+999999999-12-31T23:59:59.999999999");
    private static final byte[] MIN = ascii("-999999999-01-01T00:00:00.000");
    /** From the year's dash: {@code -MM-DD HH:MM:SS}. */
    private static final int DATE_TIME_AFTER_YEAR = 15;

    private PgTimestampText() {
    }

    /** Writes the CSV text for {@code in[0, length)} into {@code out}; returns its length. */
    static int rewrite(byte[] in, int length, byte[] out) {
        if (same(in, length, INFINITY)) {
            return copy(MAX, out);
        }
        if (same(in, length, MINUS_INFINITY)) {
            return copy(MIN, out);
        }
        boolean bc = length > 3 && in[length - 3] == ' ' && in[length - 2] == 'B' && in[length - 1] == 'C';
        int end = bc ? length - 3 : length;
        int dash = 0;
        while (dash < end && in[dash] != '-') {
            dash++;
        }
        if (dash < 4 || end < dash + DATE_TIME_AFTER_YEAR || in[dash + 6] != ' '
                || (end > dash + DATE_TIME_AFTER_YEAR && in[dash + DATE_TIME_AFTER_YEAR] != '.')) {
            throw unexpected(in, length);
        }
        int o = dash == 4 && !bc ? copy(in, 0, 4, out, 0) : year(in, dash, bc, out);
        o = copy(in, dash, 6, out, o);
        out[o++] = 'T';
        o = copy(in, dash + 7, end - dash - 7, out, o);
        int fractionDigits = end == dash + DATE_TIME_AFTER_YEAR ? -1 : end - dash - DATE_TIME_AFTER_YEAR - 1;
        if (fractionDigits < 0) {
            out[o++] = '.';
            fractionDigits = 0;
        }
        for (; fractionDigits < 3; fractionDigits++) {
            out[o++] = '0';
        }
        return o;
    }

    /** java.time's spelling of the proleptic year: 1 BC is 0, then -1...; four digits at least; + beyond 9999. */
    private static int year(byte[] in, int dash, boolean bc, byte[] out) {
        long shown = 0;
        for (int i = 0; i < dash; i++) {
            if (in[i] < '0' || in[i] > '9') {
                throw unexpected(in, dash);
            }
            shown = shown * 10 + (in[i] - '0');
        }
        long year = bc ? 1 - shown : shown;
        String text = year > 9999 ? "+" + year
                : (year < 0 ? "-" : "") + "0".repeat(Math.max(0, 4 - Long.toString(Math.abs(year)).length()))
                        + Math.abs(year);
        return copy(ascii(text), out);
    }

    private static boolean same(byte[] in, int length, byte[] text) {
        if (length != text.length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (in[i] != text[i]) {
                return false;
            }
        }
        return true;
    }

    private static int copy(byte[] text, byte[] out) {
        return copy(text, 0, text.length, out, 0);
    }

    private static int copy(byte[] in, int from, int length, byte[] out, int at) {
        System.arraycopy(in, from, out, at, length);
        return at + length;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static IllegalStateException unexpected(byte[] in, int length) {
        return new IllegalStateException("COPY wrote a timestamp as '" + new String(in, 0, length,
                StandardCharsets.UTF_8) + "': not the ISO DateStyle output this code expects");
    }
}
