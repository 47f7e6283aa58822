package com.terrifictotes.etl.transformer;

import com.terrifictotes.etl.catalogue.Column;
import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.csv.Timestamps;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.Year;

/**
 * The cells of one CSV record of a source table, read as primitives while {@link CsvRecordReader} hands over each
 * field's bytes, for the columnar pass ({@link ColumnarTable}). Only the usual shapes are taken, each of which
 * {@link CellDecoder} reads to the very value {@link #boxed} gives: an integer of at most ten digits that fits an
 * int; a numeric of digits, a point and exactly two decimals; a date {@code YYYY-MM-DD} and a timestamp
 * {@code YYYY-MM-DD[T ]HH:MM:SS[.f to ffffff]} naming real days and times of the years 1 to 9999; {@code true} or
 * {@code false}; ASCII text; NULL. Any other cell is left to the reader, which decodes it as ever, and the record then
 * goes the row path.
 */
final class FastCells implements CsvRecordReader.FastFields {
    /** How the cells of a column are read: by its catalogue type. */
    enum Shape { INTEGER, MONEY, TIMESTAMP, DATE, BOOLEAN, TEXT }

    /** {@link #textDay}: the text is no date of the form {@code YYYY-MM-DD}. */
    static final int NO_DAY = Integer.MIN_VALUE;
    static final long MICROS_PER_DAY = 86_400_000_000L;
    private static final long MICROS_PER_SECOND = 1_000_000L;
    private static final int DATE_LENGTH = 10;
    private static final int SECONDS_END = 19;
    private static final int INT_DIGITS = 10;
    private static final int MONEY_DIGITS = 18;

    private final Shape[] shapes;
    /** An integer, a timestamp's microseconds from 1970, a numeric's unscaled value, a date's epoch day, 1 for true. */
    private final long[] numbers;
    private final String[] texts;
    /** For a text cell: the epoch day of the date it spells, or {@link #NO_DAY}. */
    private final int[] textDays;
    private final boolean[] nulls;
    private final boolean[] taken;
    /** Per column, the date bytes of its last date or timestamp cell and their day: rows of a day come together. */
    private final long[] lastDateBytes;
    private final int[] lastDay;
    private int left;

    FastCells(SourceTable table) {
        this.shapes = table.columns().stream().map(FastCells::shapeOf).toArray(Shape[]::new);
        this.numbers = new long[shapes.length];
        this.texts = new String[shapes.length];
        this.textDays = new int[shapes.length];
        this.nulls = new boolean[shapes.length];
        this.taken = new boolean[shapes.length];
        this.lastDateBytes = new long[shapes.length];
        this.lastDay = new int[shapes.length];
    }

    private static Shape shapeOf(Column column) {
        return switch (column.type()) {
            case INTEGER -> Shape.INTEGER;
            case DECIMAL_10_2 -> Shape.MONEY;
            case TIMESTAMP_MILLIS -> Shape.TIMESTAMP;
            case DATE -> Shape.DATE;
            case BOOLEAN -> Shape.BOOLEAN;
            case TEXT, VARCHAR_3, ENUM -> Shape.TEXT;
            case TIME_MILLIS -> throw new IllegalArgumentException(column.name() + ": no source column is a time");
        };
    }

    @Override
    public boolean take(int field, byte[] bytes, int length, boolean ascii) {
        if (field == 0) {
            left = shapes.length;
        }
        if (field >= shapes.length) {
            return false;
        }
        nulls[field] = length < 0;
        boolean read = length < 0 || ascii && read(field, bytes, length);
        taken[field] = read;
        if (read) {
            left--;
        }
        return read;
    }

    /** Whether every cell of the record just read was taken. */
    boolean complete() {
        return left == 0;
    }

    boolean taken(int column) {
        return taken[column];
    }

    boolean isNull(int column) {
        return nulls[column];
    }

    long number(int column) {
        return numbers[column];
    }

    String text(int column) {
        return texts[column];
    }

    int textDay(int column) {
        return textDays[column];
    }

    /** A taken cell's value as {@link CellDecoder} decodes the same text: for a record that goes the row path. */
    Object boxed(int column) {
        if (nulls[column]) {
            return null;
        }
        long number = numbers[column];
        return switch (shapes[column]) {
            case INTEGER -> Integer.valueOf((int) number);
            case MONEY -> BigDecimal.valueOf(number, 2);
            case TIMESTAMP -> VersionStamps.toDateTime(number);
            case DATE -> LocalDate.ofEpochDay(number);
            case BOOLEAN -> Boolean.valueOf(number != 0);
            case TEXT -> texts[column];
        };
    }

    private boolean read(int field, byte[] b, int length) {
        switch (shapes[field]) {
            case INTEGER -> {
                long value = digits(b, 0, length, INT_DIGITS);
                numbers[field] = value;
                return value != Long.MIN_VALUE && value == (int) value;
            }
            case MONEY -> {
                int point = length - 3;
                if (point < 1 || b[point] != '.' || b[0] == '-' && point == 1) {
                    return false;
                }
                long whole = digits(b, 0, point, MONEY_DIGITS - 2);
                long cents = digits(b, point + 1, length, 2);
                numbers[field] = b[0] == '-' ? whole * 100 - cents : whole * 100 + cents;
                return whole != Long.MIN_VALUE && cents >= 0;
            }
            case TIMESTAMP -> {
                long micros = micros(b, length, field);
                numbers[field] = micros;
                return micros != Long.MIN_VALUE;
            }
            case DATE -> {
                int day = length == DATE_LENGTH ? day(b, field) : NO_DAY;
                numbers[field] = day;
                return day != NO_DAY;
            }
            case BOOLEAN -> {
                boolean isTrue = length == 4 && b[0] == 't' && b[1] == 'r' && b[2] == 'u' && b[3] == 'e';
                numbers[field] = isTrue ? 1 : 0;
                return isTrue || length == 5 && b[0] == 'f' && b[1] == 'a' && b[2] == 'l' && b[3] == 's'
                        && b[4] == 'e';
            }
            default -> {
                texts[field] = new String(b, 0, length, StandardCharsets.ISO_8859_1);
                textDays[field] = length == DATE_LENGTH ? day(b, field) : NO_DAY;
                return true;
            }
        }
    }

    /**
     * An optional minus and 1 to {@code most} ASCII digits in {@code b[from, to)}: their value, or
     * {@code Long.MIN_VALUE} for anything else.
     */
    private static long digits(byte[] b, int from, int to, int most) {
        boolean negative = to > from && b[from] == '-';
        int start = negative ? from + 1 : from;
        if (to - start < 1 || to - start > most) {
            return Long.MIN_VALUE;
        }
        long value = 0;
        for (int i = start; i < to; i++) {
            int digit = b[i] - '0';
            if (digit < 0 || digit > 9) {
                return Long.MIN_VALUE;
            }
            value = value * 10 + digit;
        }
        return negative ? -value : value;
    }

    /** {@code YYYY-MM-DD[T ]HH:MM:SS[.f to ffffff]} as microseconds from 1970, or {@code Long.MIN_VALUE}. */
    private long micros(byte[] b, int length, int field) {
        if (length < SECONDS_END || length == SECONDS_END + 1 || length > SECONDS_END + 7
                || b[10] != 'T' && b[10] != ' ' || b[13] != ':' || b[16] != ':'
                || length > SECONDS_END && b[SECONDS_END] != '.') {
            return Long.MIN_VALUE;
        }
        int day = day(b, field);
        int hour = twoDigits(b, 11);
        int minute = twoDigits(b, 14);
        int second = twoDigits(b, 17);
        long fraction = length > SECONDS_END ? Timestamps.asciiField(b, SECONDS_END + 1, length) : 0;
        if (day == NO_DAY || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59
                || fraction < 0) {
            return Long.MIN_VALUE;
        }
        for (int digits = Math.max(length - SECONDS_END - 1, 0); digits < 6; digits++) {
            fraction *= 10;
        }
        return day * MICROS_PER_DAY + ((hour * 60L + minute) * 60 + second) * MICROS_PER_SECOND + fraction;
    }

    /** {@link #epochDay} of the cell's first ten bytes, or the column's last day if they spell its last date. */
    private int day(byte[] b, int field) {
        if (b[4] != '-' || b[7] != '-') {
            return NO_DAY;
        }
        long key = (b[0] & 0xFFL) << 56 | (b[1] & 0xFFL) << 48 | (b[2] & 0xFFL) << 40 | (b[3] & 0xFFL) << 32
                | (b[5] & 0xFFL) << 24 | (b[6] & 0xFFL) << 16 | (b[8] & 0xFFL) << 8 | b[9] & 0xFFL;
        if (key == lastDateBytes[field]) {
            return lastDay[field];
        }
        int day = epochDay(b);
        if (day != NO_DAY) {
            lastDateBytes[field] = key;
            lastDay[field] = day;
        }
        return day;
    }

    /** The epoch day of {@code YYYY-MM-DD} at the start of {@code b}, a real day of the years 1 to 9999; or NO_DAY. */
    static int epochDay(byte[] b) {
        if (b[4] != '-' || b[7] != '-') {
            return NO_DAY;
        }
        int century = twoDigits(b, 0);
        int yearOfCentury = twoDigits(b, 2);
        int month = twoDigits(b, 5);
        int day = twoDigits(b, 8);
        long year = century * 100L + yearOfCentury;
        if (century < 0 || yearOfCentury < 0 || year < 1 || month < 1 || month > 12 || day < 1
                || day > daysIn(year, month)) {
            return NO_DAY;
        }
        long y = month <= 2 ? year - 1 : year; // days from civil (H. Hinnant), for years from 1: no negative era
        long era = y / 400;
        long yearOfEra = y - era * 400;
        long dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        return (int) (era * 146_097 + yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear - 719_468);
    }

    /** The two ASCII digits at {@code b[at]} as a number, or -1 if either is not a digit. */
    private static int twoDigits(byte[] b, int at) {
        int tens = b[at] - '0';
        int ones = b[at + 1] - '0';
        return (tens | ones | 9 - tens | 9 - ones) < 0 ? -1 : tens * 10 + ones;
    }

    private static int daysIn(long year, int month) {
        if (month == 2) {
            return Year.isLeap(year) ? 29 : 28;
        }
        return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
    }
}
