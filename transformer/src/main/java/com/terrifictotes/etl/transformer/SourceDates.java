package com.terrifictotes.etl.transformer;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Pattern;

/**
 * ToteSys keeps agreed delivery/payment dates and payment dates as text. Only the exact form {@code YYYY-MM-DD}
 * naming a real calendar date is accepted; anything else is bad input naming object, line and column, because a
 * guessed date would quietly put a fact on the wrong day.
 */
final class SourceDates {
    private static final Pattern ISO_DATE = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");

    private SourceDates() {
    }

    static LocalDate parse(SourceRow row, String column) {
        String text = row.text(column);
        var match = text == null ? null : ISO_DATE.matcher(text);
        if (match == null || !match.matches()) {
            throw row.invalid(column, "'" + text + "' is not a date of the form YYYY-MM-DD");
        }
        try {
            return LocalDate.of(Integer.parseInt(match.group(1)), Integer.parseInt(match.group(2)),
                    Integer.parseInt(match.group(3)));
        } catch (DateTimeException e) {
            throw row.invalid(column, "'" + text + "' is not a calendar date (" + e.getMessage() + ")");
        }
    }
}
