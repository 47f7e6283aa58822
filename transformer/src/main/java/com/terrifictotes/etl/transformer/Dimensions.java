package com.terrifictotes.etl.transformer;

import static com.terrifictotes.etl.catalogue.WarehouseCatalogue.DIM_COUNTERPARTY;
import static com.terrifictotes.etl.catalogue.WarehouseCatalogue.DIM_CURRENCY;
import static com.terrifictotes.etl.catalogue.WarehouseCatalogue.DIM_DESIGN;
import static com.terrifictotes.etl.catalogue.WarehouseCatalogue.DIM_LOCATION;
import static com.terrifictotes.etl.catalogue.WarehouseCatalogue.DIM_PAYMENT_TYPE;
import static com.terrifictotes.etl.catalogue.WarehouseCatalogue.DIM_STAFF;
import static com.terrifictotes.etl.catalogue.WarehouseCatalogue.DIM_TRANSACTION;

import java.util.List;
import org.apache.avro.generic.GenericRecord;

/**
 * The dimension rows, each from the latest delivered version of its source row(s). dim_staff and dim_counterparty
 * join two source tables; the caller supplies the joined row (from the batch or the state, see {@link JoinState}).
 * The joined rows are built from parts, one per source table, so that a row of a join table is checked against
 * exactly the warehouse columns it feeds when it arrives ({@link #check}), before it can enter the state.
 */
public final class Dimensions {
    private Dimensions() {
    }

    /** staff JOIN department: the department's name and location travel with every staff row. */
    public static GenericRecord staff(SourceRow staff, SourceRow department) {
        requireJoin(staff, "department_id", department);
        return staffPart(staff).with(departmentPart(department)).build();
    }

    /** address, its id renamed location_id. */
    public static GenericRecord location(SourceRow address) {
        return WarehouseRow.of(DIM_LOCATION)
                .copy("location_id", address, "address_id")
                .copy(address, "address_line_1", "address_line_2", "district", "city", "postal_code", "country",
                        "phone")
                .build();
    }

    /** counterparty JOIN address ON legal_address_id: the legal address, prefixed; the contacts are dropped. */
    public static GenericRecord counterparty(SourceRow counterparty, SourceRow address) {
        requireJoin(counterparty, "legal_address_id", address);
        return counterpartyPart(counterparty).with(legalAddressPart(address)).build();
    }

    /** currency plus its ISO 4217 English name (see {@link CurrencyNames} for unknown codes). */
    public static GenericRecord currency(SourceRow currency) {
        return WarehouseRow.of(DIM_CURRENCY)
                .copy(currency, "currency_id", "currency_code")
                .convert("currency_name", currency, "currency_code",
                        code -> CurrencyNames.nameOrCode((String) code, currency.origin()))
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

    /**
     * Checks a row of one of the four join tables against every warehouse column it feeds, and that it names the row
     * it joins to. @throws RowRejected naming the values at fault
     */
    static void check(SourceRow row) {
        switch (row.table().name()) {
            case "staff" -> {
                requireJoinKey(row, "department_id", "dim_staff needs the staff member's department");
                staffPart(row).checkPart();
            }
            case "department" -> departmentPart(row).checkPart();
            case "address" -> {
                location(row);
                legalAddressPart(row).checkPart();
            }
            case "counterparty" -> {
                requireJoinKey(row, "legal_address_id", "dim_counterparty needs the counterparty's legal address");
                counterpartyPart(row).checkPart();
            }
            default -> throw new IllegalArgumentException(row.table().name() + " is not a join table");
        }
    }

    private static WarehouseRow staffPart(SourceRow staff) {
        return WarehouseRow.of(DIM_STAFF).copy(staff, "staff_id", "first_name", "last_name", "email_address");
    }

    private static WarehouseRow departmentPart(SourceRow department) {
        return WarehouseRow.of(DIM_STAFF).copy(department, "department_name", "location");
    }

    private static WarehouseRow counterpartyPart(SourceRow counterparty) {
        return WarehouseRow.of(DIM_COUNTERPARTY).copy(counterparty, "counterparty_id", "counterparty_legal_name");
    }

    private static WarehouseRow legalAddressPart(SourceRow address) {
        return WarehouseRow.of(DIM_COUNTERPARTY)
                .copy("counterparty_legal_address_line_1", address, "address_line_1")
                .copy("counterparty_legal_address_line_2", address, "address_line_2")
                .copy("counterparty_legal_district", address, "district")
                .copy("counterparty_legal_city", address, "city")
                .copy("counterparty_legal_postal_code", address, "postal_code")
                .copy("counterparty_legal_country", address, "country")
                .copy("counterparty_legal_phone_number", address, "phone");
    }

    private static void requireJoinKey(SourceRow row, String foreignKey, String why) {
        if (row.get(foreignKey) == null) {
            throw new RowRejected(List.of(new RowRejected.Problem(row, foreignKey, why + ", but " + foreignKey
                    + " is null")));
        }
    }

    private static void requireJoin(SourceRow row, String foreignKey, SourceRow joined) {
        if (joined == null || joined.id() != row.integer(foreignKey)) {
            throw new IllegalArgumentException(row.table().name() + " " + row.id() + ": " + foreignKey + " "
                    + row.integer(foreignKey) + " joined to " + (joined == null ? "nothing" : "id " + joined.id()));
        }
    }
}
