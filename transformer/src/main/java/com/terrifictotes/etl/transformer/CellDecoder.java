package com.terrifictotes.etl.transformer;

import com.terrifictotes.etl.catalogue.Column;
import com.terrifictotes.etl.catalogue.ColumnType;
import com.terrifictotes.etl.csv.Timestamps;
import com.terrifictotes.etl.csv.ValueCodec;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * Decodes the cells of one catalogue column as {@link CsvRecordReader} reads them: the usual shapes of an integer,
 * a numeric, a timestamp, a date or a boolean straight from the cell's ASCII bytes, with no {@code String} per cell;
 * text columns, and any cell of another shape, from its text through {@link ValueCodec#decode}, which stays the
 * definition. Either way the value is the one {@code ValueCodec.decode} gives for the cell's text, and a cell that is
 * no value of its column's kind becomes an {@link UnreadableValue} carrying its text and the reason.
 *
 * <p>The byte paths accept only what they can read exactly as {@code ValueCodec} does: an optional minus, ASCII
 * digits (at most 18, so a {@code long} holds them) and, for a numeric, one point followed by digits; a date of
 * exactly {@code YYYY-MM-DD} naming a real day; {@code true} or {@code false}; the timestamp shapes of
 * {@link Timestamps#parseAscii}. Anything else ({@code +5}, {@code 1e3}, {@code NaN}, a 19-digit number, a bad
 * date) steps aside to the text path, so a refusal reads exactly as before.
 */
final class CellDecoder {
    private static final int LONG_DIGITS = 18;
    private static final int DATE_LENGTH = 10;

    private final Column column;
    private final ColumnType type;
    private final boolean text;

    private CellDecoder(Column column) {
        this.column = column;
        this.type = column.type();
        this.text = switch (type) {
            case TEXT, VARCHAR_3, ENUM -> true;
            default -> false;
        };
    }

    static CellDecoder of(Column column) {
        return new CellDecoder(column);
    }

    /** Whether every cell is its text (then {@link #fromBytes} is not worth asking). */
    boolean isText() {
        return text;
    }

    /**
     * The value of the non-empty ASCII cell {@code bytes[0, length)} if it has one of the shapes read here; null if
     * it has another shape, which the caller then decodes {@link #fromText from its text}.
     */
    Object fromBytes(byte[] bytes, int length) {
        return switch (type) {
            case INTEGER -> integer(bytes, length);
            case DECIMAL_10_2 -> decimal(bytes, length);
            case TIMESTAMP_MILLIS -> Timestamps.parseAscii(bytes, length);
            case DATE -> date(bytes, length);
            case BOOLEAN -> bool(bytes, length);
            default -> null;
        };
    }

    /** The value of a cell's text (not NULL), or an {@link UnreadableValue} saying why it has none. */
    Object fromText(String cell) {
        try {
            return ValueCodec.decode(column, cell);
        } catch (IllegalArgumentException e) {
            return new UnreadableValue(cell, e.getMessage());
        }
    }

    /** An Integer when it fits, else a Long: as {@code ValueCodec}. */
    private static Object integer(byte[] bytes, int length) {
        long value = digits(bytes, length, -1);
        if (value == Long.MIN_VALUE) {
            return null;
        }
        if (value == (int) value) {
            return Integer.valueOf((int) value);
        }
        return Long.valueOf(value);
    }

    /** A BigDecimal of the scale written ({@code 2.0900} keeps four places), as {@code new BigDecimal(text)}. */
    private static Object decimal(byte[] bytes, int length) {
        int point = -1;
        for (int i = 0; i < length; i++) {
            if (bytes[i] == '.') {
                point = i;
                break;
            }
        }
        int scale = point < 0 ? 0 : length - point - 1;
        if (point >= 0 && (scale == 0 || point == 0 || point == 1 && bytes[0] == '-')) {
            return null; // "5." and ".5" are numbers to BigDecimal too, but rare: its own parser reads them
        }
        long unscaled = digits(bytes, length, point);
        return unscaled == Long.MIN_VALUE ? null : BigDecimal.valueOf(unscaled, scale);
    }

    /**
     * The value of an optional minus and 1 to 18 ASCII digits, skipping position {@code skip}; or
     * {@code Long.MIN_VALUE} for anything else.
     */
    private static long digits(byte[] bytes, int length, int skip) {
        boolean negative = length > 0 && bytes[0] == '-';
        int start = negative ? 1 : 0;
        int count = length - start - (skip < 0 ? 0 : 1);
        if (count < 1 || count > LONG_DIGITS) {
            return Long.MIN_VALUE;
        }
        long value = 0;
        for (int i = start; i < length; i++) {
            if (i == skip) {
                continue;
            }
            int digit = bytes[i] - '0';
            if (digit < 0 || digit > 9) {
                return Long.MIN_VALUE;
            }
            value = value * 10 + digit;
        }
        return negative ? -value : value;
    }

    /** Exactly {@code YYYY-MM-DD} naming a real day, as {@code LocalDate.parse} reads it; else null. */
    private static Object date(byte[] bytes, int length) {
        if (length != DATE_LENGTH || bytes[4] != '-' || bytes[7] != '-') {
            return null;
        }
        int year = Timestamps.asciiField(bytes, 0, 4);
        int month = Timestamps.asciiField(bytes, 5, 7);
        int day = Timestamps.asciiField(bytes, 8, 10);
        if ((year | month | day) < 0) {
            return null;
        }
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            return null; // the text path words the refusal, as before
        }
    }

    private static Object bool(byte[] bytes, int length) {
        if (length == 4 && bytes[0] == 't' && bytes[1] == 'r' && bytes[2] == 'u' && bytes[3] == 'e') {
            return Boolean.TRUE;
        }
        if (length == 5 && bytes[0] == 'f' && bytes[1] == 'a' && bytes[2] == 'l' && bytes[3] == 's'
                && bytes[4] == 'e') {
            return Boolean.FALSE;
        }
        return null;
    }
}
