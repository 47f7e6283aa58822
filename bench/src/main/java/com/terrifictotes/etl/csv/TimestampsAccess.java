package com.terrifictotes.etl.csv;

import java.time.format.DateTimeFormatter;

/**
 * The hot-paths benchmark's door to {@link Timestamps}' package-private lenient formatter, the definition that
 * {@link FastTimestamps#parse} is measured and checked against. In the bench module only.
 */
public final class TimestampsAccess {
    private TimestampsAccess() {
    }

    /** What {@code Timestamps.parse} falls back to: the formatter that defines the text it accepts. */
    public static DateTimeFormatter lenient() {
        return Timestamps.LENIENT;
    }
}
