package com.terrifictotes.etl.transformer;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * ToteSys keeps agreed delivery/payment dates and payment dates as text. Only the exact form {@code YYYY-MM-DD}
 * naming a real calendar date is a date; anything else ({@code 2024-02-30}, {@code 24/2/2024}) is no date, and the
 * row version is quarantined naming the column, because a guessed date would quietly put a fact on the wrong day.
 * Whether the warehouse can hold a real date (year 0 it cannot) is {@code WarehouseDomain}'s to say.
 */
final class SourceDates {
    private static final int LENGTH = 10;

    private SourceDates() {
    }

    /** The date the text names. @throws IllegalArgumentException saying why it names none */
    static LocalDate parse(Object value) {
        String text = (String) value;
        // checked by hand, not by a regular expression: this runs for three columns of every order and payment
        int year = text.length() == LENGTH && text.charAt(4) == '-' && text.charAt(7) == '-' ? digits(text, 0, 4) : -1;
        int month = year < 0 ? -1 : digits(text, 5, 7);
        int day = month < 0 ? -1 : digits(text, 8, 10);
        if (day < 0) {
            throw new IllegalArgumentException("'" + text + "' is not a date of the form YYYY-MM-DD");
        }
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + text + "' is not a calendar date (" + e.getMessage() + ")", e);
        }
    }

    /** The number the ASCII digits {@code text[from, to)} spell, or -1 if one is not a digit. */
    private static int digits(String text, int from, int to) {
        int number = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            number = number * 10 + c - '0';
        }
        return number;
    }
}
