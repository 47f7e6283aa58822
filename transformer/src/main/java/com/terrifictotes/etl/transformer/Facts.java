package com.terrifictotes.etl.transformer;

import static com.terrifictotes.etl.catalogue.WarehouseCatalogue.FACT_PAYMENT;
import static com.terrifictotes.etl.catalogue.WarehouseCatalogue.FACT_PURCHASE_ORDER;
import static com.terrifictotes.etl.catalogue.WarehouseCatalogue.FACT_SALES_ORDER;

import com.terrifictotes.etl.catalogue.Column;
import com.terrifictotes.etl.catalogue.ColumnType;
import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.avro.generic.GenericRecord;

/**
 * The fact rows: one per source row version. The audit timestamps are split into date and time (milliseconds kept),
 * the text dates are parsed strictly, fact_sales_order renames staff_id, fact_payment drops the account numbers.
 * A version the warehouse cannot hold is refused with {@link RowRejected}, naming the source columns at fault.
 */
public final class Facts {
    /** Per fact table, filled at class loading: looked up for every fact row. */
    private static final Map<String, List<String>> DATE_COLUMNS = WarehouseCatalogue.TABLES.stream()
            .filter(WarehouseTable::isFact)
            .collect(Collectors.toUnmodifiableMap(WarehouseTable::name, Facts::dateColumns));

    private Facts() {
    }

    public static GenericRecord salesOrder(SourceRow order) {
        return withAuditColumns(WarehouseRow.of(FACT_SALES_ORDER), order, "sales_order_id")
                .copy("sales_staff_id", order, "staff_id")
                .copy(order, "counterparty_id", "units_sold", "unit_price", "currency_id", "design_id",
                        "agreed_delivery_location_id")
                .convert("agreed_payment_date", order, "agreed_payment_date", SourceDates::parse)
                .convert("agreed_delivery_date", order, "agreed_delivery_date", SourceDates::parse)
                .build();
    }

    public static GenericRecord purchaseOrder(SourceRow order) {
        return withAuditColumns(WarehouseRow.of(FACT_PURCHASE_ORDER), order, "purchase_order_id")
                .copy(order, "staff_id", "counterparty_id", "item_code", "item_quantity", "item_unit_price",
                        "currency_id", "agreed_delivery_location_id")
                .convert("agreed_delivery_date", order, "agreed_delivery_date", SourceDates::parse)
                .convert("agreed_payment_date", order, "agreed_payment_date", SourceDates::parse)
                .build();
    }

    /** company_ac_number and counterparty_ac_number are not carried: the warehouse has no place for them. */
    public static GenericRecord payment(SourceRow payment) {
        return withAuditColumns(WarehouseRow.of(FACT_PAYMENT), payment, "payment_id")
                .copy(payment, "transaction_id", "counterparty_id", "payment_amount", "currency_id",
                        "payment_type_id", "paid")
                .convert("payment_date", payment, "payment_date", SourceDates::parse)
                .build();
    }

    /** Every date a fact row references, each of which dim_date must hold before the row can load. */
    public static void referencedDates(WarehouseTable fact, GenericRecord row, Consumer<LocalDate> dates) {
        for (String column : DATE_COLUMNS.get(fact.name())) {
            dates.accept((LocalDate) row.get(column));
        }
    }

    static List<String> dateColumns(WarehouseTable fact) {
        return fact.loadColumns().stream().filter(c -> c.type() == ColumnType.DATE).map(Column::name).toList();
    }

    private static WarehouseRow withAuditColumns(WarehouseRow fact, SourceRow source, String idColumn) {
        return fact.copy(source, idColumn)
                .convert("created_date", source, SourceTable.CREATED_AT, Facts::datePart)
                .convert("created_time", source, SourceTable.CREATED_AT, Facts::timePart)
                .convert("last_updated_date", source, SourceTable.LAST_UPDATED, Facts::datePart)
                .convert("last_updated_time", source, SourceTable.LAST_UPDATED, Facts::timePart);
    }

    private static Object datePart(Object timestamp) {
        return ((LocalDateTime) timestamp).toLocalDate();
    }

    private static Object timePart(Object timestamp) {
        return ((LocalDateTime) timestamp).toLocalTime();
    }
}
