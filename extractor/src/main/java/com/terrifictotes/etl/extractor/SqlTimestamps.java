package com.terrifictotes.etl.extractor;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * SQL {@code timestamp} literals for the bounds of a {@code COPY}, which takes no bind parameters.
 *
 * <p>Why a literal is safe here: it is written only from a {@link LocalDateTime} value, digit by digit with fixed
 * punctuation, never from text, so nothing but {@code TIMESTAMP 'yyyy-MM-dd HH:mm:ss.ffffff'} can come out. Only
 * values that such a literal states exactly are accepted (years 1 to 9999, whole microseconds, PostgreSQL's
 * precision), so the comparison is the one a bind parameter would make.
 */
final class SqlTimestamps {
    private SqlTimestamps() {
    }

    static boolean canWrite(LocalDateTime value) {
        return value.getYear() >= 1 && value.getYear() <= 9999
                && value.equals(value.truncatedTo(ChronoUnit.MICROS));
    }

    static String literal(LocalDateTime value) {
        if (!canWrite(value)) {
            throw new IllegalArgumentException("no exact SQL timestamp literal for " + value);
        }
        // Locale.ROOT: ASCII digits whatever the JVM's default locale
        return String.format(Locale.ROOT, "TIMESTAMP '%04d-%02d-%02d %02d:%02d:%02d.%06d'", value.getYear(),
                value.getMonthValue(), value.getDayOfMonth(), value.getHour(), value.getMinute(),
                value.getSecond(), value.getNano() / 1000);
    }
}
