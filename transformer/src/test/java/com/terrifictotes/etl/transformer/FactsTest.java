package com.terrifictotes.etl.transformer;

import static com.terrifictotes.etl.catalogue.ToteSysCatalogue.PAYMENT;
import static com.terrifictotes.etl.catalogue.ToteSysCatalogue.PURCHASE_ORDER;
import static com.terrifictotes.etl.catalogue.ToteSysCatalogue.SALES_ORDER;
import static com.terrifictotes.etl.transformer.SourceRows.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.lake.TableRow;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FactsTest {
    private static final LocalDateTime CREATED = LocalDateTime.of(2022, 11, 3, 14, 20, 52, 186_000_000);
    private static final LocalDateTime UPDATED = LocalDateTime.of(2023, 1, 5, 0, 0, 0, 0);

    static SourceRow salesOrder(String agreedPayment, String agreedDelivery) {
        return row(SALES_ORDER, "sales_order_id", 2, "created_at", CREATED, "last_updated", UPDATED,
                "design_id", 3, "staff_id", 19, "counterparty_id", 8, "units_sold", 42972,
                "unit_price", new BigDecimal("3.94"), "currency_id", 2,
                "agreed_delivery_date", agreedDelivery, "agreed_payment_date", agreedPayment,
                "agreed_delivery_location_id", 8);
    }

    @Test
    void splitsTimestampsIntoDateAndTimeKeepingMilliseconds() {
        TableRow fact = Derive.salesOrder(salesOrder("2022-11-08", "2022-11-07"));
        assertThat(fact.get("created_date")).isEqualTo(LocalDate.of(2022, 11, 3));
        assertThat(fact.get("created_time")).isEqualTo(LocalTime.of(14, 20, 52, 186_000_000));
        assertThat(fact.get("last_updated_date")).isEqualTo(LocalDate.of(2023, 1, 5));
        assertThat(fact.get("last_updated_time")).isEqualTo(LocalTime.MIDNIGHT);
    }

    @Test
    void renamesStaffIdAndParsesTheAgreedDatesOfASalesOrder() {
        TableRow fact = Derive.salesOrder(salesOrder("2022-11-08", "2022-11-07"));
        assertThat(fact.schema().getFields()).extracting(f -> f.name())
                .isEqualTo(WarehouseCatalogue.FACT_SALES_ORDER.loadColumnNames())
                .doesNotContain("staff_id");
        assertThat(fact.get("sales_order_id")).isEqualTo(2);
        assertThat(fact.get("sales_staff_id")).isEqualTo(19);
        assertThat(fact.get("unit_price")).isEqualTo(new BigDecimal("3.94"));
        assertThat(fact.get("agreed_payment_date")).isEqualTo(LocalDate.of(2022, 11, 8));
        assertThat(fact.get("agreed_delivery_date")).isEqualTo(LocalDate.of(2022, 11, 7));
    }

    @Test
    void dropsTheAccountNumbersOfAPayment() {
        SourceRow payment = row(PAYMENT, "payment_id", 2, "created_at", CREATED, "last_updated", UPDATED,
                "transaction_id", 2, "counterparty_id", 15, "payment_amount", new BigDecimal("552548.62"),
                "currency_id", 2, "payment_type_id", 3, "paid", false, "payment_date", "2022-11-04",
                "company_ac_number", 67305075, "counterparty_ac_number", 31622269);
        TableRow fact = Derive.payment(payment);
        assertThat(fact.schema().getFields()).extracting(f -> f.name())
                .isEqualTo(WarehouseCatalogue.FACT_PAYMENT.loadColumnNames())
                .doesNotContain("company_ac_number", "counterparty_ac_number");
        assertThat(fact.get("payment_amount")).isEqualTo(new BigDecimal("552548.62"));
        assertThat(fact.get("paid")).isEqualTo(false);
        assertThat(fact.get("payment_date")).isEqualTo(LocalDate.of(2022, 11, 4));
    }

    @Test
    void keepsTheStaffIdNameInPurchaseOrders() {
        SourceRow order = row(PURCHASE_ORDER, "purchase_order_id", 1, "created_at", CREATED, "last_updated", UPDATED,
                "staff_id", 12, "counterparty_id", 11, "item_code", "ZDOI5EA", "item_quantity", 371,
                "item_unit_price", new BigDecimal("361.39"), "currency_id", 2,
                "agreed_delivery_date", "2022-11-09", "agreed_payment_date", "2022-11-07",
                "agreed_delivery_location_id", 6);
        TableRow fact = Derive.purchaseOrder(order);
        assertThat(fact.get("staff_id")).isEqualTo(12);
        assertThat(fact.get("item_code")).isEqualTo("ZDOI5EA");
        assertThat(fact.get("agreed_delivery_date")).isEqualTo(LocalDate.of(2022, 11, 9));
    }

    @Test
    void listsEveryDateAFactRowReferences() {
        TableRow fact = Derive.salesOrder(salesOrder("2022-11-08", "2022-11-07"));
        List<LocalDate> dates = new ArrayList<>();
        Facts.referencedDates(WarehouseCatalogue.FACT_SALES_ORDER, fact, dates::add);
        assertThat(dates).containsExactlyInAnyOrder(LocalDate.of(2022, 11, 3), LocalDate.of(2023, 1, 5),
                LocalDate.of(2022, 11, 8), LocalDate.of(2022, 11, 7));
    }

    @Test
    void theDaysABatchsFactsReferenceAreEveryDateEachRowReferencesOnceInCalendarOrder() {
        List<TableRow> facts = List.of(Derive.salesOrder(salesOrder("2022-11-08", "2022-11-07")),
                Derive.salesOrder(salesOrder("2022-11-08", "2022-11-07")),
                Derive.salesOrder(salesOrder("2022-11-09", "0001-01-01")),
                Derive.salesOrder(salesOrder("9999-12-31", "2022-11-07")));
        Set<LocalDate> each = new HashSet<>();
        facts.forEach(fact -> Facts.referencedDates(WarehouseCatalogue.FACT_SALES_ORDER, fact, each::add));
        Facts.ReferencedDays days = new Facts.ReferencedDays();
        facts.forEach(fact -> days.row(WarehouseCatalogue.FACT_SALES_ORDER, fact));
        List<LocalDate> listed = new ArrayList<>();
        days.forEach(listed::add);

        assertThat(listed).isEqualTo(each.stream().sorted().toList()).hasSize(days.size())
                .startsWith(LocalDate.of(1, 1, 1)).endsWith(LocalDate.of(9999, 12, 31));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2022-02-30", "2022-13-01", "22-11-08", "2022-11-8", "2022/11/08", " 2022-11-08",
            "2022-11-08T00:00", "", "+2022-11-08", "2022-1a-08", "2022-11-0\u0668", "2022_11_08"})
    void refusesAgreedDateTextThatIsNotAStrictIsoDateNamingTheVersionAndColumn(String text) {
        SourceRow order = salesOrder(text, "2022-11-07");

        assertThat(problems(() -> Derive.salesOrder(order))).singleElement().satisfies(problem -> {
            assertThat(problem.origin()).isSameAs(order);
            assertThat(problem.column()).isEqualTo("agreed_payment_date");
            assertThat(problem.reason()).startsWith("fact_sales_order.agreed_payment_date: '" + text + "' is not a");
        });
    }

    @Test
    void refusesTheYearZeroWhichJavaHasAndPostgresqlHasNot() {
        assertThat(problems(() -> Derive.salesOrder(salesOrder("2022-11-08", "0000-01-01")))).singleElement()
                .satisfies(problem -> assertThat(problem.reason()).isEqualTo("fact_sales_order.agreed_delivery_date:"
                        + " 0000-01-01 is outside the warehouse's dates (0001-01-01 to 9999-12-31)"));
    }

    @Test
    void acceptsTrailingZerosBeyondTwoPlacesThatNumeric102HoldsExactly() {
        TableRow fact = Derive.salesOrder(with(salesOrder("2022-11-08", "2022-11-07"), "unit_price",
                new BigDecimal("2.0900")));

        assertThat(fact.get("unit_price")).isEqualTo(new BigDecimal("2.09"));
    }

    @Test
    void refusesMoneyThatNumeric102WouldRoundAndNaN() {
        assertThat(problems(() -> Derive.salesOrder(with(salesOrder("2022-11-08", "2022-11-07"), "unit_price",
                new BigDecimal("2.0912"))))).extracting(RowRejected.Problem::reason).containsExactly(
                "fact_sales_order.unit_price: 2.0912 has 4 decimal places; numeric(10,2) keeps 2 and would round it");
        assertThat(problems(() -> Derive.salesOrder(with(salesOrder("2022-11-08", "2022-11-07"), "unit_price",
                Double.NaN)))).extracting(RowRejected.Problem::reason).containsExactly(
                "fact_sales_order.unit_price: NaN is not a number numeric(10,2) can hold");
    }

    @Test
    void refusesANullInAColumnTheWarehouseKeepsNotNullAndABigintItsIntegerCannotHoldNamingEach() {
        SourceRow order = with(with(salesOrder("2022-11-08", "2022-11-07"), "units_sold", null), "design_id",
                3_000_000_000L);

        assertThat(problems(() -> Derive.salesOrder(order)))
                .extracting(RowRejected.Problem::column, RowRejected.Problem::reason).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("units_sold",
                                "fact_sales_order.units_sold: is NOT NULL in the warehouse, but the value is null"),
                        org.assertj.core.groups.Tuple.tuple("design_id", "fact_sales_order.design_id: 3000000000 is"
                                + " outside the warehouse's integer range (-2147483648 to 2147483647)"));
    }

    @Test
    void acceptsANullThatOnlyAColumnTheWarehouseDropsHolds() {
        SourceRow payment = row(PAYMENT, "payment_id", 2, "created_at", CREATED, "last_updated", UPDATED,
                "transaction_id", 2, "counterparty_id", 15, "payment_amount", new BigDecimal("5.00"),
                "currency_id", 2, "payment_type_id", 3, "paid", false, "payment_date", "2022-11-04",
                "company_ac_number", null, "counterparty_ac_number", 31622269);

        assertThat(Derive.payment(payment).get("payment_amount")).isEqualTo(new BigDecimal("5.00"));
    }

    @Test
    void namesTheStampAtFaultWhenItsDateIsOutsideTheWarehousesDates() {
        SourceRow order = with(salesOrder("2022-11-08", "2022-11-07"), "created_at",
                LocalDateTime.of(0, 1, 1, 0, 0));

        assertThat(problems(() -> Derive.salesOrder(order))).extracting(RowRejected.Problem::column)
                .containsExactly("created_at");
    }

    static List<RowRejected.Problem> problems(Runnable derivation) {
        try {
            derivation.run();
        } catch (RowRejected rejected) {
            return rejected.problems();
        }
        throw new AssertionError("the row was not refused");
    }

    static SourceRow with(SourceRow row, String column, Object value) {
        List<Object> values = new ArrayList<>(row.values());
        values.set(row.table().columnIndex(column), value);
        return new SourceRow(row.table(), values, row.origin());
    }
}
