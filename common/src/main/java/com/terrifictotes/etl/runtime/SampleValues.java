package com.terrifictotes.etl.runtime;

import com.terrifictotes.etl.catalogue.Column;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;

/**
 * The values every function's SnapStart priming feeds its code paths: one plausible, valid, non-null value per
 * column, of the Java class {@link com.terrifictotes.etl.catalogue.ColumnType#javaType} names (what JDBC, the CSV
 * codec and Avro exchange). The date is a leap day so the calendar's edge is what gets primed; a text column whose
 * name ends in {@code _date} holds a date as ToteSys's agreed dates do, so it gets one the transformer can parse.
 */
public final class SampleValues {
    public static final LocalDate DATE = LocalDate.of(2024, 2, 29);
    public static final LocalTime TIME = LocalTime.of(12, 0, 0, 123_000_000);
    public static final LocalDateTime TIMESTAMP = DATE.atTime(TIME);
    /** A currency code: valid for every text column, and one the transformer knows the name of. */
    public static final String TEXT = "GBP";

    private SampleValues() {
    }

    public static Object of(Column column) {
        return switch (column.type()) {
            case INTEGER -> 1;
            case TEXT -> column.name().endsWith("_date") ? DATE.toString() : TEXT;
            case VARCHAR_3 -> TEXT;
            case ENUM -> column.enumType().labels().get(0);
            case DECIMAL_10_2 -> new BigDecimal("1.00");
            case TIMESTAMP_MILLIS -> TIMESTAMP;
            case BOOLEAN -> Boolean.TRUE;
            case DATE -> DATE;
            case TIME_MILLIS -> TIME;
        };
    }

    /** A row of these values, one per column in order. */
    public static List<Object> row(List<Column> columns) {
        return columns.stream().map(SampleValues::of).toList();
    }
}
