package com.terrifictotes.etl.extractor;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A column's type as the source database has it now: the text {@code format_type} prints for it (for a domain, for
 * its base type), split into a family and its modifiers, so that {@link ColumnConversion} can compare it with the
 * catalogue's type.
 *
 * @param family    what kind of type it is
 * @param size      precision of {@code numeric(p,s)}, length of {@code varchar(n)}, fraction digits of a timestamp
 *                  or time; {@link #UNCONSTRAINED} where the type has none ({@code numeric}, {@code varchar}), and a
 *                  timestamp or time without one has PostgreSQL's default of 6
 * @param scale     scale of {@code numeric(p,s)}, otherwise 0
 * @param sql       the type as {@code format_type} prints it, for messages
 * @param enumName  the enum type's name (unquoted) for {@link Family#ENUM}, otherwise null
 */
record LiveType(Family family, int size, int scale, String sql, String enumName) {
    public static final int UNCONSTRAINED = -1;
    private static final int DEFAULT_FRACTION_DIGITS = 6;
    private static final Pattern NUMERIC = Pattern.compile("numeric(?:\\((\\d+),(-?\\d+)\\))?");
    private static final Pattern VARCHAR = Pattern.compile("character varying(?:\\((\\d+)\\))?");
    private static final Pattern CHAR = Pattern.compile("character(?:\\((\\d+)\\))?|bpchar");
    private static final Pattern DATETIME = Pattern.compile("(timestamp|time)(?:\\((\\d+)\\))? with(out)? time zone");

    enum Family {
        SMALLINT, INTEGER, BIGINT, NUMERIC, REAL, DOUBLE, TEXT, VARCHAR, CHAR, ENUM, BOOLEAN, DATE, TIMESTAMP,
        TIMESTAMPTZ, TIME, TIMETZ, OTHER
    }

    LiveType {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(sql, "sql");
        if ((family == Family.ENUM) != (enumName != null)) {
            throw new IllegalArgumentException("an enum name goes with an enum type, and only with it: " + sql);
        }
    }

    /** The type of an enum column: {@code sql} is {@code format_type}'s (quoted) spelling, {@code name} its name. */
    static LiveType ofEnum(String sql, String name) {
        return new LiveType(Family.ENUM, UNCONSTRAINED, 0, sql, name);
    }

    /** Any other type, from {@code format_type}'s text. */
    static LiveType parse(String sql) {
        Matcher m;
        switch (sql) {
            case "smallint": return simple(Family.SMALLINT, sql);
            case "integer": return simple(Family.INTEGER, sql);
            case "bigint": return simple(Family.BIGINT, sql);
            case "real": return simple(Family.REAL, sql);
            case "double precision": return simple(Family.DOUBLE, sql);
            case "text": return simple(Family.TEXT, sql);
            case "boolean": return simple(Family.BOOLEAN, sql);
            case "date": return simple(Family.DATE, sql);
            default: break;
        }
        if ((m = NUMERIC.matcher(sql)).matches()) {
            return m.group(1) == null ? new LiveType(Family.NUMERIC, UNCONSTRAINED, 0, sql, null)
                    : new LiveType(Family.NUMERIC, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), sql,
                    null);
        }
        if ((m = VARCHAR.matcher(sql)).matches()) {
            return new LiveType(Family.VARCHAR, m.group(1) == null ? UNCONSTRAINED : Integer.parseInt(m.group(1)), 0,
                    sql, null);
        }
        if ((m = CHAR.matcher(sql)).matches()) {
            return new LiveType(Family.CHAR, m.group(1) == null ? UNCONSTRAINED : Integer.parseInt(m.group(1)), 0,
                    sql, null);
        }
        if ((m = DATETIME.matcher(sql)).matches()) {
            boolean timestamp = m.group(1).equals("timestamp");
            boolean zoned = m.group(3) == null;
            Family family = timestamp ? (zoned ? Family.TIMESTAMPTZ : Family.TIMESTAMP)
                    : (zoned ? Family.TIMETZ : Family.TIME);
            int digits = m.group(2) == null ? DEFAULT_FRACTION_DIGITS : Integer.parseInt(m.group(2));
            return new LiveType(family, digits, 0, sql, null);
        }
        return simple(Family.OTHER, sql);
    }

    private static LiveType simple(Family family, String sql) {
        return new LiveType(family, UNCONSTRAINED, 0, sql, null);
    }
}
