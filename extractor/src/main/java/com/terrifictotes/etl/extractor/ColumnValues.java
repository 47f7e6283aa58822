package com.terrifictotes.etl.extractor;

import com.terrifictotes.etl.catalogue.Column;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * Reads one column of the current row as the Java type the CSV codec expects ({@code ColumnType.javaType()}).
 * Timestamps, dates and times come back as {@code java.time} local values: pgjdbc then parses the server's text and
 * applies no zone at all, where {@code getTimestamp} would shift the value by the JVM's default zone.
 */
final class ColumnValues {
    private ColumnValues() {
    }

    static Object read(ResultSet row, int index, Column column) throws SQLException {
        return switch (column.type()) {
            case INTEGER -> row.getObject(index, Integer.class);
            case TEXT, VARCHAR_3, ENUM -> row.getString(index);
            case DECIMAL_10_2 -> row.getBigDecimal(index);
            case TIMESTAMP_MILLIS -> row.getObject(index, LocalDateTime.class);
            case BOOLEAN -> row.getObject(index, Boolean.class);
            case DATE -> row.getObject(index, LocalDate.class);
            case TIME_MILLIS -> row.getObject(index, LocalTime.class);
        };
    }
}
