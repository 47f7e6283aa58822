package com.terrifictotes.etl.extractor;

import static com.terrifictotes.etl.extractor.ColumnConversion.Verdict.NARROWER;
import static com.terrifictotes.etl.extractor.ColumnConversion.Verdict.REFUSED;
import static com.terrifictotes.etl.extractor.ColumnConversion.Verdict.SAME;
import static com.terrifictotes.etl.extractor.ColumnConversion.Verdict.WIDER;
import static org.assertj.core.api.Assertions.assertThat;

import com.terrifictotes.etl.catalogue.Column;
import com.terrifictotes.etl.catalogue.ColumnType;
import com.terrifictotes.etl.catalogue.EnumType;
import com.terrifictotes.etl.extractor.ColumnConversion.Verdict;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The convert table, row by row: every catalogue type against the types a column may drift to. */
class ColumnConversionTest {
    private static final EnumType KIND = new EnumType("TransactionType", List.of("SALE", "PURCHASE"));
    private static final List<String> ALL_TYPES = List.of("smallint", "integer", "bigint", "numeric", "numeric(10,2)",
            "numeric(12,4)", "numeric(8,2)", "numeric(10,0)", "numeric(10,3)", "real", "double precision", "text",
            "character varying", "character varying(2)", "character varying(3)", "character varying(10)",
            "character(3)", "boolean", "date", "timestamp(0) without time zone", "timestamp(3) without time zone",
            "timestamp without time zone", "timestamp(3) with time zone", "time(0) without time zone",
            "time(3) without time zone", "time without time zone", "time(3) with time zone", "jsonb", "uuid",
            "enum TransactionType", "enum OtherKind");

    @Test
    void integerTakesSmallintAndBigint() {
        assertTable(ColumnType.INTEGER, Map.of("integer", SAME, "smallint", NARROWER, "bigint", WIDER));
    }

    @Test
    void moneyTakesEveryExactNumberAndRefusesFloatingPoint() {
        assertTable(ColumnType.DECIMAL_10_2, Map.of("numeric(10,2)", SAME, "numeric(8,2)", NARROWER,
                "smallint", NARROWER, "integer", WIDER, "bigint", WIDER, "numeric", WIDER, "numeric(12,4)", WIDER,
                "numeric(10,0)", WIDER, "numeric(10,3)", WIDER));
        assertThat(conversion(ColumnType.DECIMAL_10_2, "double precision").cause()).contains("inexact");
    }

    @Test
    void textTakesEveryVaryingStringAndEveryEnumButNotBlankPaddedCharacter() {
        assertTable(ColumnType.TEXT, Map.of("text", SAME, "character varying", NARROWER,
                "character varying(2)", NARROWER, "character varying(3)", NARROWER,
                "character varying(10)", NARROWER, "enum TransactionType", NARROWER, "enum OtherKind", NARROWER));
        assertThat(conversion(ColumnType.TEXT, "character(3)").cause()).contains("pads values with blanks");
    }

    @Test
    void aThreeCharacterCodeTakesShorterAndLongerStrings() {
        assertTable(ColumnType.VARCHAR_3, Map.of("character varying(3)", SAME, "character varying(2)", NARROWER,
                "character varying(10)", WIDER, "character varying", WIDER, "text", WIDER,
                "enum TransactionType", WIDER, "enum OtherKind", WIDER));
    }

    @Test
    void anEnumTakesAnotherEnumAndText() {
        assertTable(ColumnType.ENUM, Map.of("enum TransactionType", SAME, "enum OtherKind", WIDER, "text", WIDER,
                "character varying", WIDER, "character varying(2)", WIDER, "character varying(3)", WIDER,
                "character varying(10)", WIDER));
    }

    @Test
    void aTimestampTakesOtherPrecisionsButNeverATimeZoneOrADate() {
        assertTable(ColumnType.TIMESTAMP_MILLIS, Map.of("timestamp(3) without time zone", SAME,
                "timestamp(0) without time zone", NARROWER, "timestamp without time zone", WIDER));
        assertThat(conversion(ColumnType.TIMESTAMP_MILLIS, "timestamp(3) with time zone").cause())
                .contains("instant").contains("session's zone");
        assertThat(conversion(ColumnType.TIMESTAMP_MILLIS, "date").cause())
                .isEqualTo("it does not convert to the catalogue's timestamp(3) without time zone");
    }

    @Test
    void booleanDateAndTimeKeepTheirTypeAndATimeNoMoreThanItsMilliseconds() {
        assertTable(ColumnType.BOOLEAN, Map.of("boolean", SAME));
        assertTable(ColumnType.DATE, Map.of("date", SAME));
        assertTable(ColumnType.TIME_MILLIS, Map.of("time(3) without time zone", SAME,
                "time(0) without time zone", NARROWER));
        assertThat(conversion(ColumnType.TIME_MILLIS, "time without time zone").cause()).contains("cut off");
    }

    /** {@code carried} lists every type that converts, with its verdict; every other type must be refused. */
    private static void assertTable(ColumnType type, Map<String, Verdict> carried) {
        for (String live : ALL_TYPES) {
            ColumnConversion.Conversion conversion = conversion(type, live);
            assertThat(conversion.verdict()).as("%s as %s", type, live).isEqualTo(carried.getOrDefault(live, REFUSED));
            assertThat(conversion.cause() != null).as("a cause for %s as %s", type, live)
                    .isEqualTo(conversion.verdict() == REFUSED);
        }
    }

    private static ColumnConversion.Conversion conversion(ColumnType type, String live) {
        Column column = type == ColumnType.ENUM ? Column.requiredEnum("c", KIND) : Column.required("c", type);
        LiveType liveType = live.startsWith("enum ")
                ? LiveType.ofEnum('"' + live.substring(5) + '"', live.substring(5)) : LiveType.parse(live);
        return ColumnConversion.of(column, liveType);
    }
}
