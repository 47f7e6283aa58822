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
            case DECIMAL_10_2 -> ((BigDecimal) value).toPlainString();
            case TIMESTAMP_MILLIS -> Timestamps.format((LocalDateTime) value);
            case TIME_MILLIS -> Timestamps.format((LocalTime) value);
        };
    }

    /**
     * Parses a cell; a malformed value or a null in a NOT NULL column raises {@link IllegalArgumentException}
     * whose message names the column, for the caller to add the file and line.
     */
    public static Object decode(Column column, String text) {
        if (text == null) {
            if (!column.nullable()) {
                throw new IllegalArgumentException("column " + column.name() + " is NOT NULL but the value is null");
            }
            return null;
        }
        try {
            return switch (column.type()) {
                case INTEGER -> Integer.valueOf(text);
                case TEXT, VARCHAR_3 -> text;
                case ENUM -> requireLabel(column, text);
                case DECIMAL_10_2 -> requireMoney(new BigDecimal(text));
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

    private static String requireLabel(Column column, String text) {
        if (!column.enumType().labels().contains(text)) {
            throw new IllegalArgumentException("'" + text + "' is not one of " + column.enumType().labels());
        }
        return text;
    }

    private static BigDecimal requireMoney(BigDecimal value) {
        if (value.scale() > 2 || value.precision() - value.scale() > 8) {
            throw new IllegalArgumentException("'" + value.toPlainString() + "' does not fit numeric(10,2)");
        }
        return value.setScale(2);
    }

    private static Boolean parseBoolean(String text) {
        return switch (text) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("'" + text + "' is not true or false");
        };
    }
}
