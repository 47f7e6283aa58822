package com.terrifictotes.etl.transformer;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Pattern;

/**
 * ToteSys keeps agreed delivery/payment dates and payment dates as text. Only the exact form {@code YYYY-MM-DD}
 * naming a real calendar date is a date; anything else ({@code 2024-02-30}, {@code 24/2/2024}) is no date, and the
 * row version is quarantined naming the column, because a guessed date would quietly put a fact on the wrong day.
 * Whether the warehouse can hold a real date (year 0 it cannot) is {@code WarehouseDomain}'s to say.
 */
final class SourceDates {
    private static final Pattern ISO_DATE = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");

    private SourceDates() {
    }

    /** The date the text names. @throws IllegalArgumentException saying why it names none */
    static LocalDate parse(Object value) {
        String text = (String) value;
        var match = ISO_DATE.matcher(text);
        if (!match.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a date of the form YYYY-MM-DD");
        }
        try {
            return LocalDate.of(Integer.parseInt(match.group(1)), Integer.parseInt(match.group(2)),
                    Integer.parseInt(match.group(3)));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + text + "' is not a calendar date (" + e.getMessage() + ")", e);
        }
    }
}
