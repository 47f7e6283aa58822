package com.terrifictotes.etl.csv;

import com.terrifictotes.etl.catalogue.Column;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;

/**
 * Converts between a column's Java value ({@link com.terrifictotes.etl.catalogue.ColumnType#javaType()}) and its
 * text in a CSV cell. Null stays null in both directions; {@link CsvDialect} makes null distinct from "".
 *
 * <p>Decoding reads a cell by what its text is, not by what the warehouse can hold: that is for the stage that loads
 * it to decide ({@link com.terrifictotes.etl.catalogue.WarehouseDomain}), naming the row. So a null is a null whatever
 * the column's nullability, any label is an enum value, a numeric keeps the scale it was written with ({@code 2.0900}),
 * an integer too big for {@code int} is a {@link Long}, and {@code NaN} or {@code ±Infinity} in a numeric column (which
 * PostgreSQL's numeric allows) are the {@link Double} values. Only text that is no value of the column's kind at all
 * ({@code 12x} for an integer) is refused.
 */
public final class ValueCodec {
    private ValueCodec() {
    }

    public static String encode(Column column, Object value) {
        if (value == null) {
            return null;
        }
        return switch (column.type()) {
            case INTEGER, BOOLEAN, TEXT, VARCHAR_3, ENUM, DATE -> value.toString();
            case DECIMAL_10_2 -> value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString();
            case TIMESTAMP_MILLIS -> Timestamps.format((LocalDateTime) value);
            case TIME_MILLIS -> Timestamps.format((LocalTime) value);
        };
    }

    /**
     * Reads a cell as what its text is (see the class comment). Text that is no value of the column's kind raises
     * {@link IllegalArgumentException} whose message names the column and the text, for the caller to add the row.
     */
    public static Object decode(Column column, String text) {
        if (text == null) {
            return null;
        }
        try {
            return switch (column.type()) {
                case INTEGER -> integer(text);
                case TEXT, VARCHAR_3, ENUM -> text;
                case DECIMAL_10_2 -> number(text);
                case TIMESTAMP_MILLIS -> Timestamps.parse(text);
                case BOOLEAN -> parseBoolean(text);
                case DATE -> LocalDate.parse(text);
                case TIME_MILLIS -> LocalTime.parse(text);
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "column " + column.name() + " (" + column.sqlType() + "): cannot parse '" + text + "'", e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("column " + column.name() + " (" + column.sqlType() + "): "
                    + e.getMessage(), e);
        }
    }

    /** An {@link Integer} when it fits, else a {@link Long} (a bigint). */
    private static Object integer(String text) {
        long value = Long.parseLong(text);
        if (value == (int) value) {
            return Integer.valueOf((int) value); // not a ?: with a Long, which would widen it back to a Long
        }
        return Long.valueOf(value);
    }

    /** A {@link BigDecimal} as written, or PostgreSQL's special numerics as the {@link Double} values. */
    private static Object number(String text) {
        Object special = switch (text) {
            case "NaN" -> Double.NaN;
            case "Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> null;
        };
        return special != null ? special : new BigDecimal(text);
    }

    private static Boolean parseBoolean(String text) {
        return switch (text) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("'" + text + "' is not true or false");
        };
    }
}
