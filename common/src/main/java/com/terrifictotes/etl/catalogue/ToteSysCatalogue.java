package com.terrifictotes.etl.catalogue;

import static com.terrifictotes.etl.catalogue.Column.optional;
import static com.terrifictotes.etl.catalogue.Column.required;
import static com.terrifictotes.etl.catalogue.Column.requiredEnum;
import static com.terrifictotes.etl.catalogue.ColumnType.BOOLEAN;
import static com.terrifictotes.etl.catalogue.ColumnType.DECIMAL_10_2;
import static com.terrifictotes.etl.catalogue.ColumnType.INTEGER;
import static com.terrifictotes.etl.catalogue.ColumnType.TEXT;
import static com.terrifictotes.etl.catalogue.ColumnType.TIMESTAMP_MILLIS;
import static com.terrifictotes.etl.catalogue.ColumnType.VARCHAR_3;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The ToteSys source database exactly as production has it (a Prisma-managed PostgreSQL schema), in production's
 * column order. This is the single source of truth for extraction: which tables exist, which columns are read,
 * in what order they are written to CSV. Tables the database has but this catalogue lacks
 * ({@code _prisma_migrations}) are not business data and are never read.
 */
public final class ToteSysCatalogue {
    public static final EnumType PAYMENT_TYPE_NAME = new EnumType("PaymentTypeName",
            List.of("SALES_RECEIPT", "SALES_REFUND", "PURCHASE_PAYMENT", "PURCHASE_REFUND"));
    public static final EnumType TRANSACTION_TYPE = new EnumType("TransactionType", List.of("SALE", "PURCHASE"));

    public static final SourceTable ADDRESS = table("address", "address_id", List.of(
            required("address_line_1", TEXT),
            optional("address_line_2", TEXT),
            optional("district", TEXT),
            required("city", TEXT),
            required("postal_code", TEXT),
            required("country", TEXT),
            required("phone", TEXT),
            createdAt(),
            lastUpdated()), List.of(), List.of());

    public static final SourceTable COUNTERPARTY = table("counterparty", "counterparty_id", List.of(
            required("counterparty_legal_name", TEXT),
            required("legal_address_id", INTEGER),
            optional("commercial_contact", TEXT),
            optional("delivery_contact", TEXT),
            createdAt(),
            lastUpdated()), List.of(fk("legal_address_id", "address", "address_id")), List.of());

    public static final SourceTable CURRENCY = table("currency", "currency_id", List.of(
            required("currency_code", VARCHAR_3),
            createdAt(),
            lastUpdated()), List.of(), List.of());

    public static final SourceTable DEPARTMENT = table("department", "department_id", List.of(
            required("department_name", TEXT),
            optional("location", TEXT),
            optional("manager", TEXT),
            createdAt(),
            lastUpdated()), List.of(), List.of());

    public static final SourceTable DESIGN = table("design", "design_id", List.of(
            createdAt(),
            required("design_name", TEXT),
            required("file_location", TEXT),
            required("file_name", TEXT),
            lastUpdated()), List.of(), List.of());

    public static final SourceTable STAFF = table("staff", "staff_id", List.of(
            required("first_name", TEXT),
            required("last_name", TEXT),
            required("department_id", INTEGER),
            required("email_address", TEXT),
            createdAt(),
            lastUpdated()), List.of(fk("department_id", "department", "department_id")), List.of());

    public static final SourceTable SALES_ORDER = table("sales_order", "sales_order_id", List.of(
            createdAt(),
            lastUpdated(),
            required("design_id", INTEGER),
            required("staff_id", INTEGER),
            required("counterparty_id", INTEGER),
            required("units_sold", INTEGER),
            required("unit_price", DECIMAL_10_2),
            required("currency_id", INTEGER),
            required("agreed_delivery_date", TEXT),
            required("agreed_payment_date", TEXT),
            required("agreed_delivery_location_id", INTEGER)), List.of(
            fk("design_id", "design", "design_id"),
            fk("staff_id", "staff", "staff_id"),
            fk("counterparty_id", "counterparty", "counterparty_id"),
            fk("currency_id", "currency", "currency_id"),
            fk("agreed_delivery_location_id", "address", "address_id")), List.of());

    public static final SourceTable PURCHASE_ORDER = table("purchase_order", "purchase_order_id", List.of(
            createdAt(),
            lastUpdated(),
            required("staff_id", INTEGER),
            required("counterparty_id", INTEGER),
            required("item_code", TEXT),
            required("item_quantity", INTEGER),
            required("item_unit_price", DECIMAL_10_2),
            required("currency_id", INTEGER),
            required("agreed_delivery_date", TEXT),
            required("agreed_payment_date", TEXT),
            required("agreed_delivery_location_id", INTEGER)), List.of(
            fk("staff_id", "staff", "staff_id"),
            fk("counterparty_id", "counterparty", "counterparty_id"),
            fk("currency_id", "currency", "currency_id"),
            fk("agreed_delivery_location_id", "address", "address_id")), List.of());

    public static final SourceTable PAYMENT_TYPE = table("payment_type", "payment_type_id", List.of(
            requiredEnum("payment_type_name", PAYMENT_TYPE_NAME),
            createdAt(),
            lastUpdated()), List.of(), List.of());

    public static final SourceTable TRANSACTION = table("transaction", "transaction_id", List.of(
            requiredEnum("transaction_type", TRANSACTION_TYPE),
            optional("sales_order_id", INTEGER),
            optional("purchase_order_id", INTEGER),
            createdAt(),
            lastUpdated()), List.of(
            fk("sales_order_id", "sales_order", "sales_order_id"),
            fk("purchase_order_id", "purchase_order", "purchase_order_id")),
            List.of(List.of("sales_order_id"), List.of("purchase_order_id")));

    public static final SourceTable PAYMENT = table("payment", "payment_id", List.of(
            createdAt(),
            lastUpdated(),
            required("transaction_id", INTEGER),
            required("counterparty_id", INTEGER),
            required("payment_amount", DECIMAL_10_2),
            required("currency_id", INTEGER),
            required("payment_type_id", INTEGER),
            required("paid", BOOLEAN),
            required("payment_date", TEXT),
            required("company_ac_number", INTEGER),
            required("counterparty_ac_number", INTEGER)), List.of(
            fk("transaction_id", "transaction", "transaction_id"),
            fk("counterparty_id", "counterparty", "counterparty_id"),
            fk("currency_id", "currency", "currency_id"),
            fk("payment_type_id", "payment_type", "payment_type_id")),
            List.of(List.of("transaction_id")));

    /** All tables, parents before children, so inserting in this order satisfies every foreign key. */
    public static final List<SourceTable> TABLES = List.of(
            ADDRESS, COUNTERPARTY, CURRENCY, DEPARTMENT, DESIGN, STAFF,
            SALES_ORDER, PURCHASE_ORDER, PAYMENT_TYPE, TRANSACTION, PAYMENT);

    private ToteSysCatalogue() {
    }

    public static Optional<SourceTable> find(String name) {
        return TABLES.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** The table of that name, or an error naming it: for names that arrive in input (manifests, keys). */
    public static SourceTable table(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("unknown ToteSys table: " + name));
    }

    private static SourceTable table(String name, String primaryKey, List<Column> otherColumns,
                                     List<ForeignKey> foreignKeys, List<List<String>> uniqueKeys) {
        List<Column> columns = new ArrayList<>();
        columns.add(required(primaryKey, INTEGER));
        columns.addAll(otherColumns);
        return new SourceTable(name, primaryKey, columns, foreignKeys, uniqueKeys);
    }

    private static Column createdAt() {
        return required(SourceTable.CREATED_AT, TIMESTAMP_MILLIS);
    }

    private static Column lastUpdated() {
        return required(SourceTable.LAST_UPDATED, TIMESTAMP_MILLIS);
    }

    private static ForeignKey fk(String column, String table, String referencedColumn) {
        return new ForeignKey(column, table, referencedColumn);
    }
}
