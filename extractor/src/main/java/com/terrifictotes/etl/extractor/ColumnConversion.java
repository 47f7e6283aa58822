package com.terrifictotes.etl.extractor;

import com.terrifictotes.etl.catalogue.Column;
import com.terrifictotes.etl.extractor.LiveType.Family;

/**
 * The convert table: whether a column whose type drifted in the source can still be delivered as the catalogue's
 * type, decided by types alone (names, nullability and enum labels are {@link SourceSchema}'s).
 *
 * <p>A type <em>converts</em> when every value it can hold prints (PostgreSQL's own text output) in the lexical form
 * of the catalogue's type, so the next stage parses every cell as it always did and can only meet a value it cannot
 * hold (a bigint above 2^31, a {@code numeric(12,4)} with four decimals, {@code NaN}), which it quarantines row by
 * row. A narrower type holds only values the catalogue's type holds; a wider one may hold more. A type that does
 * not convert would change what the column means or how it reads (free text where a number was, an instant where a
 * wall-clock reading was): the run is refused before anything is read.
 *
 * <table>
 *   <caption>catalogue type: narrower / wider types that are carried; everything else is refused</caption>
 *   <tr><td>integer</td><td>smallint / bigint</td></tr>
 *   <tr><td>numeric(10,2)</td><td>smallint, numeric(p,s) with s &lt;= 2 and p-s &lt;= 8 / integer, bigint, any
 *       other numeric(p,s), numeric (also NaN and ±Infinity)</td></tr>
 *   <tr><td>text</td><td>varchar(n), varchar, any enum / -</td></tr>
 *   <tr><td>varchar(3)</td><td>varchar(1..2) / varchar(n &gt; 3), varchar, text, any enum</td></tr>
 *   <tr><td>an enum</td><td>- / another enum, text, varchar(n), varchar (labels are text downstream)</td></tr>
 *   <tr><td>timestamp(3)</td><td>timestamp(0..2) / timestamp(4..6), timestamp (all without time zone)</td></tr>
 *   <tr><td>time(3)</td><td>time(0..2) / -</td></tr>
 *   <tr><td>boolean, date</td><td>- / -</td></tr>
 * </table>
 * Refused on purpose: {@code character(n)} for any string (blank padding changes values), {@code real} and
 * {@code double precision} for money (inexact, exponent notation), {@code timestamp with time zone} for a
 * timestamp (an instant whose text depends on the session's zone; windows compare wall-clock readings), a time with
 * more than millisecond digits.
 */
final class ColumnConversion {
    private static final int MONEY_SCALE = 2;
    private static final int MONEY_INTEGER_DIGITS = 8;
    private static final int CATALOGUE_FRACTION_DIGITS = 3;
    private static final int CATALOGUE_VARCHAR_LENGTH = 3;

    private ColumnConversion() {
    }

    enum Verdict { SAME, NARROWER, WIDER, REFUSED }

    /**
     * @param verdict what the drift is
     * @param cause   for {@link Verdict#REFUSED}, why the type does not convert; otherwise null
     */
    record Conversion(Verdict verdict, String cause) {
        boolean carried() {
            return verdict != Verdict.REFUSED;
        }
    }

    static Conversion of(Column catalogue, LiveType live) {
        Family f = live.family();
        return switch (catalogue.type()) {
            case INTEGER -> f == Family.INTEGER ? same() : f == Family.SMALLINT ? narrower()
                    : f == Family.BIGINT ? wider() : refused(catalogue, live);
            case DECIMAL_10_2 -> money(catalogue, live);
            case TEXT -> f == Family.TEXT ? same() : f == Family.VARCHAR || f == Family.ENUM ? narrower()
                    : refusedString(catalogue, live);
            case VARCHAR_3 -> code(catalogue, live);
            case ENUM -> f == Family.ENUM && live.enumName().equals(catalogue.enumType().name()) ? same()
                    : f == Family.ENUM || f == Family.TEXT || f == Family.VARCHAR ? wider()
                    : refusedString(catalogue, live);
            case TIMESTAMP_MILLIS -> f == Family.TIMESTAMP ? byDigits(live.size())
                    : f == Family.TIMESTAMPTZ ? new Conversion(Verdict.REFUSED, "a timestamp with time zone is an"
                    + " instant whose text depends on the session's zone, where the catalogue's column holds"
                    + " wall-clock readings") : refused(catalogue, live);
            case BOOLEAN -> f == Family.BOOLEAN ? same() : refused(catalogue, live);
            case DATE -> f == Family.DATE ? same() : refused(catalogue, live);
            case TIME_MILLIS -> f != Family.TIME ? refused(catalogue, live)
                    : live.size() <= CATALOGUE_FRACTION_DIGITS ? byDigits(live.size())
                    : new Conversion(Verdict.REFUSED, live.sql() + " has more than the millisecond digits of "
                    + catalogue.sqlType() + ", which would be cut off");
        };
    }

    private static Conversion money(Column catalogue, LiveType live) {
        return switch (live.family()) {
            case SMALLINT -> narrower(); // at most 5 digits, no decimals
            case INTEGER, BIGINT -> wider();
            case NUMERIC -> live.size() == LiveType.UNCONSTRAINED ? wider()
                    : live.size() == 10 && live.scale() == MONEY_SCALE ? same()
                    : live.scale() <= MONEY_SCALE && live.size() - live.scale() <= MONEY_INTEGER_DIGITS ? narrower()
                    : wider();
            case REAL, DOUBLE -> new Conversion(Verdict.REFUSED, "floating point holds money inexactly and prints"
                    + " it with exponents");
            default -> refused(catalogue, live);
        };
    }

    private static Conversion code(Column catalogue, LiveType live) {
        return switch (live.family()) {
            case VARCHAR -> live.size() == CATALOGUE_VARCHAR_LENGTH ? same()
                    : live.size() != LiveType.UNCONSTRAINED && live.size() < CATALOGUE_VARCHAR_LENGTH ? narrower()
                    : wider();
            case TEXT, ENUM -> wider();
            default -> refusedString(catalogue, live);
        };
    }

    private static Conversion byDigits(int digits) {
        return digits == CATALOGUE_FRACTION_DIGITS ? same() : digits < CATALOGUE_FRACTION_DIGITS ? narrower()
                : wider();
    }

    private static Conversion refusedString(Column catalogue, LiveType live) {
        return live.family() == Family.CHAR ? new Conversion(Verdict.REFUSED, "character(n) pads values with"
                + " blanks that a cast to text removes, which would change them; make it varchar or text")
                : refused(catalogue, live);
    }

    private static Conversion refused(Column catalogue, LiveType live) {
        return new Conversion(Verdict.REFUSED, "it does not convert to the catalogue's " + catalogue.sqlType());
    }

    private static Conversion same() {
        return new Conversion(Verdict.SAME, null);
    }

    private static Conversion narrower() {
        return new Conversion(Verdict.NARROWER, null);
    }

    private static Conversion wider() {
        return new Conversion(Verdict.WIDER, null);
    }
}
