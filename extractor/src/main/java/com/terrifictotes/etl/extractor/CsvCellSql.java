package com.terrifictotes.etl.extractor;

import com.terrifictotes.etl.catalogue.Column;

/**
 * For each catalogue column, the SQL expression whose text output is exactly the cell the row path writes for
 * it ({@code ColumnValues.read} through pgjdbc, then {@code ValueCodec.encode}), so PostgreSQL can write the CSV
 * itself with {@code COPY ... TO STDOUT}. Driven by {@code ColumnType} alone, like the row path's codec; a new
 * type fails to compile here until it has its expression. NULL stays NULL in every expression.
 *
 * <p>Why each shape: timestamps, two in every row, print as the type prints itself, because {@code to_char} would
 * cost PostgreSQL about as much as the rest of the COPY; {@link CopyRecords} puts that text in the dialect's form.
 * Dates and times (rare: no ToteSys table has one) go through {@code to_char}, so no {@code DateStyle} changes
 * them; years outside 1..9999 AD and the infinities are spelt as {@code java.time} spells the value pgjdbc maps them
 * to (a sign and at least four digits; year 0 for 1 BC; {@code MAX}/{@code MIN} for the infinities).
 * {@code time(3)} holds at most milliseconds, so {@code .MS} gives exactly the three digits {@code Timestamps}
 * writes. Booleans are {@code true}/{@code false} as {@code Boolean.toString}, not {@code t}/{@code f}.
 * {@code numeric(10,2)} prints its two decimals as {@code BigDecimal.toPlainString} does. Integers, text and enum
 * labels print as they are.
 */
final class CsvCellSql {
    private CsvCellSql() {
    }

    static String expression(Column column) {
        String c = column.quotedName();
        return switch (column.type()) {
            case INTEGER, TEXT, VARCHAR_3, ENUM, DECIMAL_10_2 -> c;
            case BOOLEAN -> "CASE WHEN " + c + " THEN 'true' WHEN NOT " + c + " THEN 'false' END";
            // as the type prints itself: CopyRecords puts it in the dialect's form (see PgTimestampText)
            case TIMESTAMP_MILLIS -> c;
            case DATE -> date(c);
            // pgjdbc reads 24:00:00 as LocalTime.MAX; to_char takes a time as an interval
            case TIME_MILLIS -> "CASE WHEN " + c + " = TIME '24:00:00' THEN '23:59:59.999999999' ELSE to_char("
                    + c + ", 'HH24:MI:SS.MS') END";
        };
    }

    /** A date: the common years through one {@code to_char}, the rest spelt out. */
    private static String date(String c) {
        return "CASE WHEN " + c + " >= DATE '0001-01-01' AND " + c + " < DATE '10000-01-01'"
                + " THEN to_char(" + c + ", 'YYYY-MM-DD')"
                + " WHEN " + c + " = DATE 'infinity' THEN '+999999999-12-31'"
                + " WHEN " + c + " = DATE '-infinity' THEN '-999999999-01-01'"
                + " ELSE " + javaYear(c) + " || to_char(" + c + ", '-MM-DD') END";
    }

    /** ISO's proleptic year (1 BC is year 0) with java.time's sign and padding. */
    private static String javaYear(String c) {
        String bcAware = "(CASE WHEN extract(year FROM " + c + ") < 0 THEN extract(year FROM " + c
                + ")::int + 1 ELSE extract(year FROM " + c + ")::int END)";
        return "(CASE WHEN " + bcAware + " > 9999 THEN '+' || " + bcAware + "::text"
                + " WHEN " + bcAware + " < 0 THEN '-' || lpad((-" + bcAware + ")::text, 4, '0')"
                + " ELSE lpad(" + bcAware + "::text, 4, '0') END)";
    }
}
