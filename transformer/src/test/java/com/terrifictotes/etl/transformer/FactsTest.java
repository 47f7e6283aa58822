package com.terrifictotes.etl.transformer;

import static com.terrifictotes.etl.catalogue.ToteSysCatalogue.PAYMENT;
import static com.terrifictotes.etl.catalogue.ToteSysCatalogue.PURCHASE_ORDER;
import static com.terrifictotes.etl.catalogue.ToteSysCatalogue.SALES_ORDER;
import static com.terrifictotes.etl.transformer.SourceRows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.error.BadInputException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
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
        GenericRecord fact = Facts.salesOrder(salesOrder("2022-11-08", "2022-11-07"));
        assertThat(fact.get("created_date")).isEqualTo(LocalDate.of(2022, 11, 3));
        assertThat(fact.get("created_time")).isEqualTo(LocalTime.of(14, 20, 52, 186_000_000));
        assertThat(fact.get("last_updated_date")).isEqualTo(LocalDate.of(2023, 1, 5));
        assertThat(fact.get("last_updated_time")).isEqualTo(LocalTime.MIDNIGHT);
    }

    @Test
    void renamesStaffIdAndParsesTheAgreedDatesOfASalesOrder() {
        GenericRecord fact = Facts.salesOrder(salesOrder("2022-11-08", "2022-11-07"));
        assertThat(fact.getSchema().getFields()).extracting(f -> f.name())
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
        GenericRecord fact = Facts.payment(payment);
        assertThat(fact.getSchema().getFields()).extracting(f -> f.name())
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
        GenericRecord fact = Facts.purchaseOrder(order);
        assertThat(fact.get("staff_id")).isEqualTo(12);
        assertThat(fact.get("item_code")).isEqualTo("ZDOI5EA");
        assertThat(fact.get("agreed_delivery_date")).isEqualTo(LocalDate.of(2022, 11, 9));
    }

    @Test
    void listsEveryDateAFactRowReferences() {
        GenericRecord fact = Facts.salesOrder(salesOrder("2022-11-08", "2022-11-07"));
        List<LocalDate> dates = new ArrayList<>();
        Facts.referencedDates(WarehouseCatalogue.FACT_SALES_ORDER, fact, dates::add);
        assertThat(dates).containsExactlyInAnyOrder(LocalDate.of(2022, 11, 3), LocalDate.of(2023, 1, 5),
                LocalDate.of(2022, 11, 8), LocalDate.of(2022, 11, 7));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2022-02-30", "2022-13-01", "22-11-08", "2022-11-8", "2022/11/08", " 2022-11-08",
            "2022-11-08T00:00", "", "+2022-11-08", "2022-1a-08", "2022-11-0\u0668", "2022_11_08"})
    void refusesAgreedDateTextThatIsNotAStrictIsoDate(String text) {
        assertThatThrownBy(() -> Facts.salesOrder(salesOrder(text, "2022-11-07")))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("s3://test/sales_order.csv line ")
                .hasMessageContaining("column agreed_payment_date")
                .hasMessageContaining("'" + text + "'");
    }
}
