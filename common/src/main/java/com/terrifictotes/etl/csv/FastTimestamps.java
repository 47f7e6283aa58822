package com.terrifictotes.etl.csv;

import java.time.DateTimeException;
import java.time.LocalDateTime;

/**
 * A hand-written equivalent of {@code Timestamps.LENIENT}'s parsing for the shapes that occur in practice:
 * {@code yyyy-MM-ddTHH:mm:ss} (or a space for the {@code T}) with an optional fraction of 1 to 9 digits, and years 0
 * to 9999. Each method returns null where it does not apply, and the caller then uses the formatter.
 *
 * <p>Still worth its code (re-measured with {@code ./pipeline bench --hot-paths} on SF10's timestamps, BENCHMARKS.md
 * "Hand-written hot paths, re-measured"): parsing is 21-27 times as fast as {@code Timestamps.LENIENT} under the
 * stack's C1-only JIT (17-23 times with C2). Its formatting twin was handed back to the formatters on 2026-12-07:
 * 1.09-1.11 times as fast under C1 on Java 25, 0.95-1.04 with C2.
 */
final class FastTimestamps {
    private static final int DATE_TIME_LENGTH = 19;

    private FastTimestamps() {
    }

    /**
     * As {@code LocalDateTime.parse(text, Timestamps.LENIENT)} for the usual shapes; null where the text has
     * another shape or its fields are out of range, so the formatter decides (and words the error).
     */
    static LocalDateTime parse(String text) {
        int length = text.length();
        if (length < DATE_TIME_LENGTH || length == DATE_TIME_LENGTH + 1 || length > DATE_TIME_LENGTH + 10
                || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(13) != ':' || text.charAt(16) != ':'
                || (text.charAt(10) != 'T' && text.charAt(10) != ' ')
                || (length > DATE_TIME_LENGTH && text.charAt(DATE_TIME_LENGTH) != '.')) {
            return null;
        }
        int year = number(text, 0, 4);
        int month = number(text, 5, 7);
        int day = number(text, 8, 10);
        int hour = number(text, 11, 13);
        int minute = number(text, 14, 16);
        int second = number(text, 17, 19);
        int nanos = length > DATE_TIME_LENGTH ? fraction(text, DATE_TIME_LENGTH + 1, length) : 0;
        if ((year | month | day | hour | minute | second | nanos) < 0) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, nanos);
        } catch (DateTimeException e) {
            return null; // e.g. 24:00 or 30 February, which the formatter resolves or refuses in its own way
        }
    }

    /**
     * As {@link #parse(String)} for the ASCII text {@code text[0, length)}, read straight from a CSV reader's bytes;
     * null where that returns null (any byte that is no ASCII digit or separator where one belongs, too).
     */
    static LocalDateTime parse(byte[] text, int length) {
        if (length < DATE_TIME_LENGTH || length == DATE_TIME_LENGTH + 1 || length > DATE_TIME_LENGTH + 10
                || text[4] != '-' || text[7] != '-' || text[13] != ':' || text[16] != ':'
                || (text[10] != 'T' && text[10] != ' ')
                || (length > DATE_TIME_LENGTH && text[DATE_TIME_LENGTH] != '.')) {
            return null;
        }
        int year = number(text, 0, 4);
        int month = number(text, 5, 7);
        int day = number(text, 8, 10);
        int hour = number(text, 11, 13);
        int minute = number(text, 14, 16);
        int second = number(text, 17, 19);
        int nanos = 0;
        if (length > DATE_TIME_LENGTH) {
            nanos = number(text, DATE_TIME_LENGTH + 1, length);
            for (int i = length - DATE_TIME_LENGTH - 1; i < 9 && nanos >= 0; i++) {
                nanos *= 10;
            }
        }
        if ((year | month | day | hour | minute | second | nanos) < 0) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, nanos);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The decimal number in {@code text[from, to)}, or -1 if any byte is not an ASCII digit. */
    static int number(byte[] text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            int digit = text[i] - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    /** The decimal number in {@code text[from, to)}, or -1 if any character is not an ASCII digit. */
    private static int number(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** Nanoseconds of the 1 to 9 fraction digits in {@code text[from, to)}, or -1. */
    private static int fraction(String text, int from, int to) {
        int value = number(text, from, to);
        if (value < 0) {
            return -1;
        }
        for (int i = to - from; i < 9; i++) {
            value *= 10;
        }
        return value;
    }
}
