package com.terrifictotes.etl.csv;

import static java.time.temporal.ChronoField.NANO_OF_SECOND;

import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;

/**
 * Text form of source timestamps, used in CSV cells and in manifests (window bounds).
 *
 * <p>Source timestamps are {@code timestamp(3) without time zone}: a wall-clock reading with no zone. They are kept as
 * {@link LocalDateTime} end to end, so no JVM or session zone can shift them. Always at least three fraction digits and
 * as many more as the value has, so {@code .000} milliseconds are never dropped (a bug seen in teams' Python) and a
 * microsecond bound keeps its precision.
 *
 * <p>Every CSV cell of a timestamp the transformer reads goes through here (two or more per row), and
 * {@link DateTimeFormatter}'s parsing cost a quarter of its CPU. So the usual shapes are read by hand
 * ({@link FastTimestamps}); anything else (a year beyond 9999, an unusual or invalid text) takes the formatter, which
 * stays the definition: the fast path gives exactly its results, as the tests check. Writing is the formatters' own:
 * a hand-written writer was within 9-11% of {@link #FORMAT} under the stack's C1 on Java 25 and no faster under C2
 * (BENCHMARKS.md, "Hand-written hot paths, re-measured"), and only the extractor's row path writes timestamps in bulk.
 */
public final class Timestamps {
    public static final DateTimeFormatter FORMAT = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral('T')
            .appendPattern("HH:mm:ss")
            .appendFraction(NANO_OF_SECOND, 3, 9, true)
            .toFormatter();

    public static final DateTimeFormatter TIME_FORMAT = new DateTimeFormatterBuilder()
            .appendPattern("HH:mm:ss")
            .appendFraction(NANO_OF_SECOND, 3, 9, true)
            .toFormatter();

    /** Accepts the above and also a fraction-less or space-separated form. */
    static final DateTimeFormatter LENIENT = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendPattern("HH:mm:ss")
            .optionalStart().appendFraction(NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter();

    private Timestamps() {
    }

    public static String format(LocalDateTime value) {
        return FORMAT.format(value);
    }

    public static String format(LocalTime value) {
        return TIME_FORMAT.format(value);
    }

    /**
     * The timestamp that the ASCII text {@code text[0, length)} spells in the usual shapes ({@link FastTimestamps}),
     * as {@link #parse(String)} reads it; or null for any other text, which the caller then hands to
     * {@link #parse(String)} as a string (for the formatter's result or its error). For a reader of CSV bytes,
     * which needs no string for a timestamp cell.
     */
    public static LocalDateTime parseAscii(byte[] text, int length) {
        return FastTimestamps.parse(text, length);
    }

    /**
     * The number that a date or time field's ASCII digits {@code text[from, to)} spell (a year, a month, an hour),
     * or -1 if a byte is not a digit: for a reader of CSV bytes that reads a date as {@link #parseAscii} reads a
     * timestamp's.
     */
    public static int asciiField(byte[] text, int from, int to) {
        return FastTimestamps.number(text, from, to);
    }

    public static LocalDateTime parse(String text) {
        LocalDateTime fast = FastTimestamps.parse(text);
        if (fast != null) {
            return fast;
        }
        try {
            return LocalDateTime.parse(text, LENIENT);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a timestamp: '" + text + "'", e);
        }
    }
}
