package com.terrifictotes.etl.catalogue;

import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * An attribute of a calendar date, as dim_date holds it: ISO day of week (Monday = 1 … Sunday = 7), English day and
 * month names, quarter 1–4.
 */
public enum CalendarAttribute {
    DATE(ColumnType.DATE),
    YEAR(ColumnType.INTEGER),
    MONTH(ColumnType.INTEGER),
    DAY(ColumnType.INTEGER),
    DAY_OF_WEEK(ColumnType.INTEGER),
    DAY_NAME(ColumnType.TEXT),
    MONTH_NAME(ColumnType.TEXT),
    QUARTER(ColumnType.INTEGER);

    private static final int MONTHS_PER_QUARTER = 3;

    private final ColumnType type;

    CalendarAttribute(ColumnType type) {
        this.type = type;
    }

    public ColumnType type() {
        return type;
    }

    /** This attribute of {@code date}, as the Java type of {@link #type()}. */
    public Object of(LocalDate date) {
        return switch (this) {
            case DATE -> date;
            case YEAR -> date.getYear();
            case MONTH -> date.getMonthValue();
            case DAY -> date.getDayOfMonth();
            case DAY_OF_WEEK -> date.getDayOfWeek().getValue();
            case DAY_NAME -> date.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
            case MONTH_NAME -> date.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
            case QUARTER -> (date.getMonthValue() - 1) / MONTHS_PER_QUARTER + 1;
        };
    }
}
