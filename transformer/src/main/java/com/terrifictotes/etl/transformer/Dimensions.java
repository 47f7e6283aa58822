package com.terrifictotes.etl.transformer;

import static com.terrifictotes.etl.catalogue.WarehouseCatalogue.DIM_COUNTERPARTY;
import static com.terrifictotes.etl.catalogue.WarehouseCatalogue.DIM_CURRENCY;
import static com.terrifictotes.etl.catalogue.WarehouseCatalogue.DIM_DESIGN;
import static com.terrifictotes.etl.catalogue.WarehouseCatalogue.DIM_LOCATION;
import static com.terrifictotes.etl.catalogue.WarehouseCatalogue.DIM_PAYMENT_TYPE;
import static com.terrifictotes.etl.catalogue.WarehouseCatalogue.DIM_STAFF;
import static com.terrifictotes.etl.catalogue.WarehouseCatalogue.DIM_TRANSACTION;

import org.apache.avro.generic.GenericRecord;

/**
 * The dimension rows, each from the latest version of its source row(s). dim_staff and dim_counterparty join two
 * source tables; the caller supplies the joined row (from the batch or the snapshot, see {@link JoinState}).
 */
public final class Dimensions {
    private Dimensions() {
    }

    /** staff JOIN department: the department's name and location travel with every staff row. */
    public static GenericRecord staff(SourceRow staff, SourceRow department) {
        requireJoin(staff, "department_id", department);
        return WarehouseRow.of(DIM_STAFF)
                .copy(staff, "staff_id", "first_name", "last_name", "email_address")
                .copy(department, "department_name", "location")
                .build();
    }

    /** address, its id renamed location_id. */
    public static GenericRecord location(SourceRow address) {
        return WarehouseRow.of(DIM_LOCATION)
                .set("location_id", address.id())
                .copy(address, "address_line_1", "address_line_2", "district", "city", "postal_code", "country",
                        "phone")
                .build();
    }

    /** counterparty JOIN address ON legal_address_id: the legal address, prefixed; the contacts are dropped. */
    public static GenericRecord counterparty(SourceRow counterparty, SourceRow address) {
        requireJoin(counterparty, "legal_address_id", address);
        return WarehouseRow.of(DIM_COUNTERPARTY)
                .copy(counterparty, "counterparty_id", "counterparty_legal_name")
                .set("counterparty_legal_address_line_1", address.get("address_line_1"))
                .set("counterparty_legal_address_line_2", address.get("address_line_2"))
                .set("counterparty_legal_district", address.get("district"))
                .set("counterparty_legal_city", address.get("city"))
                .set("counterparty_legal_postal_code", address.get("postal_code"))
                .set("counterparty_legal_country", address.get("country"))
                .set("counterparty_legal_phone_number", address.get("phone"))
                .build();
    }

    /** currency plus its ISO 4217 English name (see {@link CurrencyNames} for unknown codes). */
    public static GenericRecord currency(SourceRow currency) {
        String code = currency.text("currency_code");
        return WarehouseRow.of(DIM_CURRENCY)
                .copy(currency, "currency_id", "currency_code")
                .set("currency_name", CurrencyNames.nameOrCode(code, currency.origin()))
                .build();
    }

    public static GenericRecord design(SourceRow design) {
        return WarehouseRow.of(DIM_DESIGN)
                .copy(design, "design_id", "design_name", "file_location", "file_name")
                .build();
    }

    public static GenericRecord paymentType(SourceRow paymentType) {
        return WarehouseRow.of(DIM_PAYMENT_TYPE)
                .copy(paymentType, "payment_type_id", "payment_type_name")
                .build();
    }

    public static GenericRecord transaction(SourceRow transaction) {
        return WarehouseRow.of(DIM_TRANSACTION)
                .copy(transaction, "transaction_id", "transaction_type", "sales_order_id", "purchase_order_id")
                .build();
    }

    private static void requireJoin(SourceRow row, String foreignKey, SourceRow joined) {
        if (joined == null || joined.id() != row.integer(foreignKey)) {
            throw new IllegalArgumentException(row.table().name() + " " + row.id() + ": " + foreignKey + " "
                    + row.integer(foreignKey) + " joined to " + (joined == null ? "nothing" : "id " + joined.id()));
        }
    }
}
