package com.terrifictotes.etl.extractor;

import com.terrifictotes.etl.catalogue.Column;

/**
 * For each catalogue column, the SQL expressions whose text is the cell both read paths write: {@link #copy} for
 * {@code COPY ... TO STDOUT}, where PostgreSQL writes the CSV itself, and {@link #row} for the row path, which reads
 * each cell's bytes ({@code getBytes}) as the server printed them. Driven by {@code ColumnType} alone; a new type
 * fails to compile here until it has its expressions. NULL stays NULL in every expression.
 *
 * <p>The extractor delivers what the source holds, exactly, whatever type the column drifted to
 * ({@link ColumnConversion}): integers, numerics (with {@code NaN} and {@code ±Infinity}, any scale), text and enum
 * labels are PostgreSQL's own text output, never a Java value printed again. The row path asks for that text with
 * {@code ::text} (the cast is the type's output function), so pgjdbc never parses a number (its
 * {@code getBigDecimal} refuses {@code NaN}) nor switches a column to binary transfer. String columns go through
 * {@link TextTransfer}, which in a {@code SQL_ASCII} database fetches their stored bytes.
 *
 * <p>Why each other shape: timestamps, two in every row, print as the type prints itself in COPY, because
 * {@code to_char} would cost PostgreSQL about as much as the rest of the COPY; {@link CopyRecords} puts that text in
 * the dialect's form, and the row path reads them as {@code LocalDateTime} and writes {@code Timestamps.format}.
 * Dates and times (rare: no ToteSys table has one) go through {@code to_char}, so no {@code DateStyle} changes
 * them; years outside 1..9999 AD and the infinities are spelt as {@code java.time} spells them (a sign and at least
 * four digits; year 0 for 1 BC; {@code MAX}/{@code MIN} for the infinities). {@code time(3)} holds at most
 * milliseconds, so {@code .MS} gives exactly the three digits {@code Timestamps} writes. Booleans are
 * {@code true}/{@code false}, not {@code t}/{@code f}.
 */
final class CsvCellSql {
    private CsvCellSql() {
    }

    /** The expression COPY prints for the column. */
    static String copy(Column column, TextTransfer transfer) {
        String c = column.quotedName();
        return switch (column.type()) {
            case INTEGER, DECIMAL_10_2 -> c;
            case TEXT, VARCHAR_3, ENUM -> transfer.copyExpression(c);
            // as the type prints itself: CopyRecords puts it in the dialect's form (see PgTimestampText)
            case TIMESTAMP_MILLIS -> c;
            case BOOLEAN, DATE, TIME_MILLIS -> textOf(column);
        };
    }

    /** The expression the row path selects for the column: text (read as bytes), or a timestamp. */
    static String row(Column column, TextTransfer transfer) {
        String c = column.quotedName();
        return switch (column.type()) {
            case INTEGER, DECIMAL_10_2 -> c + "::text";
            case TEXT, VARCHAR_3, ENUM -> transfer.rowExpression(c);
            case TIMESTAMP_MILLIS -> c;
            case BOOLEAN, DATE, TIME_MILLIS -> textOf(column);
        };
    }

    private static String textOf(Column column) {
        String c = column.quotedName();
        return switch (column.type()) {
            case BOOLEAN -> "CASE WHEN " + c + " THEN 'true' WHEN NOT " + c + " THEN 'false' END";
            case DATE -> date(c);
            // pgjdbc reads 24:00:00 as LocalTime.MAX; to_char takes a time as an interval
            case TIME_MILLIS -> "CASE WHEN " + c + " = TIME '24:00:00' THEN '23:59:59.999999999' ELSE to_char("
                    + c + ", 'HH24:MI:SS.MS') END";
            default -> throw new IllegalArgumentException("no text expression for " + column.type());
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
