package com.terrifictotes.etl.catalogue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * What a warehouse column can hold, decided in one place from the column's catalogue type and nullability: the
 * stage before the loader checks every value here, so nothing reaches PostgreSQL (or Athena over the lake) that it
 * would refuse or silently change.
 *
 * <ul>
 *   <li>NOT NULL columns hold no null (for a dimension: every real row; only an inferred row lacks attributes).</li>
 *   <li>{@code integer}: -2147483648 to 2147483647; a bigint beyond is refused, never wrapped.</li>
 *   <li>{@code numeric(10,2)}: at most 8 digits before the point and 2 after once trailing zeros are dropped
 *       ({@code 2.0900} is {@code 2.09}; {@code 2.0912} is refused: it would be rounded); no NaN or infinity.</li>
 *   <li>dates, and the dates of timestamps: years 1 to 9999, what PostgreSQL, Parquet readers and Athena all read
 *       the same way (Java has a year 0, PostgreSQL has not: {@code 0000-01-01} is refused here, not there).</li>
 *   <li>{@code time(3)} and {@code timestamp(3)}: whole milliseconds; finer digits would be cut.</li>
 *   <li>text: no NUL character, which PostgreSQL text cannot hold; {@code varchar(3)}: at most 3 characters.</li>
 * </ul>
 */
public final class WarehouseDomain {
    public static final LocalDate FIRST_DATE = LocalDate.of(1, 1, 1);
    public static final LocalDate LAST_DATE = LocalDate.of(9999, 12, 31);
    private static final int MONEY_SCALE = 2;
    private static final int MONEY_INTEGER_DIGITS = 8;
    private static final int VARCHAR_3 = 3;

    private WarehouseDomain() {
    }

    /** A value the warehouse column cannot hold, and why. Cheap to throw: no stack trace. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String reason) {
            super(reason, null, false, false);
        }

        public String reason() {
            return getMessage();
        }
    }

    /**
     * The value as the column holds it ({@code numeric(10,2)} at scale 2, everything else as given).
     *
     * @throws Refused with the reason, if the column cannot hold it
     */
    public static Object accept(Column column, Object value) throws Refused {
        if (value == null) {
            if (!column.nullable()) {
                throw new Refused("is NOT NULL in the warehouse, but the value is null");
            }
            return null;
        }
        return switch (column.type()) {
            case INTEGER -> integer(value);
            case DECIMAL_10_2 -> money(value);
            case DATE -> date(value);
            case TIME_MILLIS -> time(value);
            case TIMESTAMP_MILLIS -> timestamp(value);
            case TEXT, ENUM -> text(value);
            case VARCHAR_3 -> varchar3(value);
            case BOOLEAN -> typed(value, Boolean.class, "a boolean");
        };
    }

    private static Object integer(Object value) throws Refused {
        if (value instanceof Integer) {
            return value;
        }
        if (value instanceof Long || value instanceof java.math.BigInteger) {
            throw new Refused(value + " is outside the warehouse's integer range (" + Integer.MIN_VALUE + " to "
                    + Integer.MAX_VALUE + ")");
        }
        throw notA(value, "an integer");
    }

    private static Object money(Object value) throws Refused {
        if (value instanceof Double || value instanceof Float) {
            throw new Refused(value + " is not a number numeric(10,2) can hold");
        }
        BigDecimal number = typed(value, BigDecimal.class, "a number");
        if (number.scale() == MONEY_SCALE && number.precision() - MONEY_SCALE <= MONEY_INTEGER_DIGITS) {
            return number; // what the source column numeric(10,2) always gives: no work on the hot path
        }
        BigDecimal exact = number.signum() == 0 ? BigDecimal.ZERO : number.stripTrailingZeros();
        if (exact.scale() > MONEY_SCALE) {
            throw new Refused(number.toPlainString() + " has " + exact.scale() + " decimal places; numeric(10,2)"
                    + " keeps 2 and would round it");
        }
        BigDecimal money = exact.setScale(MONEY_SCALE);
        if (money.precision() - MONEY_SCALE > MONEY_INTEGER_DIGITS) {
            throw new Refused(number.toPlainString() + " has " + (money.precision() - MONEY_SCALE) + " digits before"
                    + " the point; numeric(10,2) holds " + MONEY_INTEGER_DIGITS);
        }
        return money;
    }

    // The checks below run for every date, time and timestamp of every row: the value's text is built only for
    // the message of a refusal, and the year is compared as an int, not as a LocalDate.
    private static Object date(Object value) throws Refused {
        LocalDate date = typed(value, LocalDate.class, "a date");
        requireYear(date.getYear(), date);
        return date;
    }

    private static Object time(Object value) throws Refused {
        LocalTime time = typed(value, LocalTime.class, "a time");
        requireWholeMillis(time.getNano(), time);
        return time;
    }

    private static Object timestamp(Object value) throws Refused {
        LocalDateTime timestamp = typed(value, LocalDateTime.class, "a timestamp");
        requireYear(timestamp.getYear(), timestamp);
        requireWholeMillis(timestamp.getNano(), timestamp);
        return timestamp;
    }

    private static void requireYear(int year, Object shown) throws Refused {
        if (year < FIRST_DATE.getYear() || year > LAST_DATE.getYear()) {
            throw new Refused(shown + " is outside the warehouse's dates (" + FIRST_DATE + " to " + LAST_DATE + ")");
        }
    }

    private static void requireWholeMillis(int nanos, Object shown) throws Refused {
        if (nanos % 1_000_000 != 0) {
            throw new Refused(shown + " has digits below the millisecond, which the warehouse's (3) precision would"
                    + " cut");
        }
    }

    private static Object text(Object value) throws Refused {
        String text = typed(value, String.class, "text");
        if (text.indexOf('\0') >= 0) {
            throw new Refused("contains a NUL character, which PostgreSQL text cannot hold");
        }
        return text;
    }

    private static Object varchar3(Object value) throws Refused {
        String text = (String) text(value);
        int characters = text.codePointCount(0, text.length());
        if (characters > VARCHAR_3) {
            throw new Refused("'" + text + "' is " + characters + " characters long; varchar(3) holds " + VARCHAR_3);
        }
        return text;
    }

    private static <T> T typed(Object value, Class<T> type, String what) throws Refused {
        if (!type.isInstance(value)) {
            throw notA(value, what);
        }
        return type.cast(value);
    }

    private static Refused notA(Object value, String what) {
        return new Refused("'" + value + "' is not " + what);
    }
}
