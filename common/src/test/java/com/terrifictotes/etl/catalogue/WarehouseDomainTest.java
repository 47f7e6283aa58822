package com.terrifictotes.etl.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a warehouse column can hold, by catalogue type: every rule, on its edges. */
class WarehouseDomainTest {
    private static final Column MONEY = Column.required("unit_price", ColumnType.DECIMAL_10_2);
    private static final Column COUNT = Column.required("units_sold", ColumnType.INTEGER);
    private static final Column DAY = Column.required("agreed_delivery_date", ColumnType.DATE);
    private static final Column TIME = Column.required("created_time", ColumnType.TIME_MILLIS);
    private static final Column STAMP = Column.optional("deleted_at", ColumnType.TIMESTAMP_MILLIS);
    private static final Column NAME = Column.required("design_name", ColumnType.TEXT);
    private static final Column CODE = Column.required("currency_code", ColumnType.VARCHAR_3);
    private static final Column NOTE = Column.optional("address_line_2", ColumnType.TEXT);

    @Test
    void holdsMoneyExactlyAtScaleTwoWhateverTrailingZerosItWasWrittenWith() throws Exception {
        assertThat(WarehouseDomain.accept(MONEY, new BigDecimal("2.0900"))).isEqualTo(new BigDecimal("2.09"));
        assertThat(WarehouseDomain.accept(MONEY, new BigDecimal("2.5"))).isEqualTo(new BigDecimal("2.50"));
        assertThat(WarehouseDomain.accept(MONEY, new BigDecimal("0E-7"))).isEqualTo(new BigDecimal("0.00"));
        assertThat(WarehouseDomain.accept(MONEY, new BigDecimal("-99999999.99"))).isEqualTo(
                new BigDecimal("-99999999.99"));
        assertThat(WarehouseDomain.accept(MONEY, new BigDecimal("1E+3"))).isEqualTo(new BigDecimal("1000.00"));
    }

    @Test
    void refusesMoneyThatWouldBeRoundedOrIsTooWideOrNotANumber() {
        assertRefused(MONEY, new BigDecimal("2.0912"), "2.0912 has 4 decimal places; numeric(10,2) keeps 2 and would"
                + " round it");
        assertRefused(MONEY, new BigDecimal("100000000.00"), "100000000.00 has 9 digits before the point;"
                + " numeric(10,2) holds 8");
        assertRefused(MONEY, Double.NaN, "NaN is not a number numeric(10,2) can hold");
        assertRefused(MONEY, Double.POSITIVE_INFINITY, "Infinity is not a number numeric(10,2) can hold");
    }

    @Test
    void holdsIntegersAndRefusesABigintBeyondThemRatherThanWrapIt() throws Exception {
        assertThat(WarehouseDomain.accept(COUNT, Integer.MIN_VALUE)).isEqualTo(Integer.MIN_VALUE);
        assertRefused(COUNT, 2_147_483_648L, "2147483648 is outside the warehouse's integer range (-2147483648 to"
                + " 2147483647)");
    }

    @Test
    void holdsDatesFromYearOneToYear9999Only() throws Exception {
        assertThat(WarehouseDomain.accept(DAY, LocalDate.of(1, 1, 1))).isEqualTo(LocalDate.of(1, 1, 1));
        assertThat(WarehouseDomain.accept(DAY, LocalDate.of(9999, 12, 31))).isEqualTo(LocalDate.of(9999, 12, 31));
        assertRefused(DAY, LocalDate.of(0, 1, 1), "0000-01-01 is outside the warehouse's dates (0001-01-01 to"
                + " 9999-12-31)");
        assertRefused(DAY, LocalDate.of(10_000, 1, 1), "+10000-01-01 is outside the warehouse's dates");
        assertRefused(STAMP, LocalDateTime.of(-1, 6, 1, 0, 0), "is outside the warehouse's dates");
    }

    @Test
    void namesATimestampOutsideTheDatesOrFinerThanAMillisecondByItsOwnText() throws Exception {
        assertThat(WarehouseDomain.accept(STAMP, LocalDateTime.of(1, 1, 1, 0, 0)))
                .isEqualTo(LocalDateTime.of(1, 1, 1, 0, 0));
        assertThat(WarehouseDomain.accept(STAMP, LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_000_000)))
                .isEqualTo(LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_000_000));
        assertRefused(STAMP, LocalDateTime.of(0, 12, 31, 23, 59, 59), "0000-12-31T23:59:59 is outside the warehouse's"
                + " dates (0001-01-01 to 9999-12-31)");
        assertRefused(STAMP, LocalDateTime.of(2024, 3, 31, 1, 30, 0, 500), "2024-03-31T01:30:00.000000500 has digits"
                + " below the millisecond, which the warehouse's (3) precision would cut");
        assertRefused(TIME, LocalTime.of(12, 0, 0, 1_000), "12:00:00.000001 has digits below the millisecond");
    }

    @Test
    void holdsTimesAndTimestampsToTheMillisecondAndRefusesFinerOnesRatherThanCutThem() throws Exception {
        assertThat(WarehouseDomain.accept(TIME, LocalTime.of(23, 59, 59, 999_000_000)))
                .isEqualTo(LocalTime.of(23, 59, 59, 999_000_000));
        assertRefused(TIME, LocalTime.of(12, 0, 0, 1_000), "has digits below the millisecond");
        assertRefused(STAMP, LocalDateTime.of(2024, 3, 31, 1, 30, 0, 500), "has digits below the millisecond");
    }

    @Test
    void refusesANulInTextAndMoreThanThreeCharactersInAVarchar3CountingCharactersNotUnits() throws Exception {
        assertRefused(NAME, "Tote\u0000Bag", "contains a NUL character, which PostgreSQL text cannot hold");
        assertThat(WarehouseDomain.accept(CODE, "\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00")).as("three emoji")
                .isEqualTo("\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00");
        assertRefused(CODE, "GBPX", "'GBPX' is 4 characters long; varchar(3) holds 3");
    }

    @Test
    void refusesANullOnlyWhereTheWarehouseColumnIsNotNull() throws Exception {
        assertThat(WarehouseDomain.accept(NOTE, null)).isNull();
        assertRefused(NAME, null, "is NOT NULL in the warehouse, but the value is null");
    }

    @ParameterizedTest
    @ValueSource(strings = {"12", "true", "2024-01-01"})
    void refusesAValueOfAnotherKindNamingIt(String text) {
        assertRefused(COUNT, text, "'" + text + "' is not an integer");
    }

    private static void assertRefused(Column column, Object value, String reason) {
        assertThatThrownBy(() -> WarehouseDomain.accept(column, value))
                .isInstanceOf(WarehouseDomain.Refused.class)
                .hasMessageContaining(reason);
    }
}
