package com.terrifictotes.etl.catalogue;

import static com.terrifictotes.etl.catalogue.Column.optional;
import static com.terrifictotes.etl.catalogue.Column.required;
import static com.terrifictotes.etl.catalogue.ColumnType.BOOLEAN;
import static com.terrifictotes.etl.catalogue.ColumnType.DATE;
import static com.terrifictotes.etl.catalogue.ColumnType.DECIMAL_10_2;
import static com.terrifictotes.etl.catalogue.ColumnType.INTEGER;
import static com.terrifictotes.etl.catalogue.ColumnType.TEXT;
import static com.terrifictotes.etl.catalogue.ColumnType.TIMESTAMP_MILLIS;
import static com.terrifictotes.etl.catalogue.ColumnType.VARCHAR_3;
import static com.terrifictotes.etl.catalogue.StarDeclarations.calendar;
import static com.terrifictotes.etl.catalogue.StarDeclarations.copied;
import static com.terrifictotes.etl.catalogue.StarDeclarations.dim;
import static com.terrifictotes.etl.catalogue.StarDeclarations.fact;
import static com.terrifictotes.etl.catalogue.StarDeclarations.joined;
import static com.terrifictotes.etl.catalogue.StarDeclarations.looked;
import static com.terrifictotes.etl.catalogue.StarDeclarations.textDate;
import static com.terrifictotes.etl.catalogue.StarDeclarations.toDate;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The warehouse: the star schema (8 dimensions and 3 facts), {@code etl_rejected_row}, the quarantine of row
 * versions the pipeline could not represent, and {@code etl_deleted_row}, the source rows the reconciliation pass found
 * gone. The Flyway migrations under {@code db/warehouse} create exactly this (a
 * test compares the two); the transformer's Avro schemas, the loader's COPY lists and the lake's Glue tables derive
 * from it.
 */
public final class WarehouseCatalogue {
    /**
     * The Flyway version of the newest migration this code knows. A warehouse newer than this is refused. Version 3
     * added only operational tables (operator decisions); version 4 added {@code etl_deleted_row}, a table a
     * batch of an older version simply does not have: the files of the tables every version has are those of 2.
     */
    public static final int SCHEMA_VERSION = 4;

    /** The oldest schema version whose processed batches this code still loads (their files are unchanged since). */
    public static final int OLDEST_LOADABLE_SCHEMA_VERSION = 1;

    public static final WarehouseTable DIM_DATE = calendar("dim_date", "date_id", List.of(
            calendar(required("date_id", DATE), CalendarAttribute.DATE),
            calendar(required("year", INTEGER), CalendarAttribute.YEAR),
            calendar(required("month", INTEGER), CalendarAttribute.MONTH),
            calendar(required("day", INTEGER), CalendarAttribute.DAY),
            calendar(required("day_of_week", INTEGER), CalendarAttribute.DAY_OF_WEEK),
            calendar(required("day_name", TEXT), CalendarAttribute.DAY_NAME),
            calendar(required("month_name", TEXT), CalendarAttribute.MONTH_NAME),
            calendar(required("quarter", INTEGER), CalendarAttribute.QUARTER)));

    /** staff JOIN department: the department's name and location travel with every staff row. */
    public static final WarehouseTable DIM_STAFF = dim("dim_staff", "staff", "staff_id", List.of(
            copied(required("staff_id", INTEGER)),
            copied(required("first_name", TEXT)),
            copied(required("last_name", TEXT)),
            joined(required("department_name", TEXT), "department_id", "department_name"),
            joined(optional("location", TEXT), "department_id", "location"),
            copied(required("email_address", TEXT))));

    /** address, its id renamed location_id. */
    public static final WarehouseTable DIM_LOCATION = dim("dim_location", "address", "location_id", List.of(
            copied(required("location_id", INTEGER), "address_id"),
            copied(required("address_line_1", TEXT)),
            copied(optional("address_line_2", TEXT)),
            copied(optional("district", TEXT)),
            copied(required("city", TEXT)),
            copied(required("postal_code", TEXT)),
            copied(required("country", TEXT)),
            copied(required("phone", TEXT))));

    /** currency plus its ISO 4217 English name. */
    public static final WarehouseTable DIM_CURRENCY = dim("dim_currency", "currency", "currency_id", List.of(
            copied(required("currency_id", INTEGER)),
            copied(required("currency_code", VARCHAR_3)),
            looked(required("currency_name", TEXT), "currency_code", ColumnSource.Lookup.CURRENCY_NAME)));

    public static final WarehouseTable DIM_DESIGN = dim("dim_design", "design", "design_id", List.of(
            copied(required("design_id", INTEGER)),
            copied(required("design_name", TEXT)),
            copied(required("file_location", TEXT)),
            copied(required("file_name", TEXT))));

    /** counterparty JOIN address ON legal_address_id: the legal address, prefixed; the contacts are dropped. */
    public static final WarehouseTable DIM_COUNTERPARTY = dim("dim_counterparty", "counterparty", "counterparty_id",
            List.of(
                    copied(required("counterparty_id", INTEGER)),
                    copied(required("counterparty_legal_name", TEXT)),
                    joined(required("counterparty_legal_address_line_1", TEXT), "legal_address_id",
                            "address_line_1"),
                    joined(optional("counterparty_legal_address_line_2", TEXT), "legal_address_id",
                            "address_line_2"),
                    joined(optional("counterparty_legal_district", TEXT), "legal_address_id", "district"),
                    joined(required("counterparty_legal_city", TEXT), "legal_address_id", "city"),
                    joined(required("counterparty_legal_postal_code", TEXT), "legal_address_id", "postal_code"),
                    joined(required("counterparty_legal_country", TEXT), "legal_address_id", "country"),
                    joined(required("counterparty_legal_phone_number", TEXT), "legal_address_id", "phone")));

    public static final WarehouseTable DIM_PAYMENT_TYPE = dim("dim_payment_type", "payment_type", "payment_type_id",
            List.of(
                    copied(required("payment_type_id", INTEGER)),
                    copied(required("payment_type_name", TEXT))));

    public static final WarehouseTable DIM_TRANSACTION = dim("dim_transaction", "transaction", "transaction_id",
            List.of(
                    copied(required("transaction_id", INTEGER)),
                    copied(required("transaction_type", TEXT)),
                    copied(optional("sales_order_id", INTEGER)),
                    copied(optional("purchase_order_id", INTEGER))));

    /** sales_order: staff_id renamed sales_staff_id, the text dates parsed. */
    public static final WarehouseTable FACT_SALES_ORDER = fact("fact_sales_order", "sales_order",
            "sales_record_id", "sales_order_id", List.of(
                    copied(required("sales_staff_id", INTEGER), "staff_id"),
                    copied(required("counterparty_id", INTEGER)),
                    copied(required("units_sold", INTEGER)),
                    copied(required("unit_price", DECIMAL_10_2)),
                    copied(required("currency_id", INTEGER)),
                    copied(required("design_id", INTEGER)),
                    textDate(required("agreed_payment_date", DATE)),
                    textDate(required("agreed_delivery_date", DATE)),
                    copied(required("agreed_delivery_location_id", INTEGER))), List.of(
                    new ForeignKey("sales_staff_id", "dim_staff", "staff_id"),
                    new ForeignKey("counterparty_id", "dim_counterparty", "counterparty_id"),
                    new ForeignKey("currency_id", "dim_currency", "currency_id"),
                    new ForeignKey("design_id", "dim_design", "design_id"),
                    toDate("agreed_payment_date"),
                    toDate("agreed_delivery_date"),
                    new ForeignKey("agreed_delivery_location_id", "dim_location", "location_id")));

    public static final WarehouseTable FACT_PURCHASE_ORDER = fact("fact_purchase_order", "purchase_order",
            "purchase_record_id", "purchase_order_id", List.of(
                    copied(required("staff_id", INTEGER)),
                    copied(required("counterparty_id", INTEGER)),
                    copied(required("item_code", TEXT)),
                    copied(required("item_quantity", INTEGER)),
                    copied(required("item_unit_price", DECIMAL_10_2)),
                    copied(required("currency_id", INTEGER)),
                    textDate(required("agreed_delivery_date", DATE)),
                    textDate(required("agreed_payment_date", DATE)),
                    copied(required("agreed_delivery_location_id", INTEGER))), List.of(
                    new ForeignKey("staff_id", "dim_staff", "staff_id"),
                    new ForeignKey("counterparty_id", "dim_counterparty", "counterparty_id"),
                    new ForeignKey("currency_id", "dim_currency", "currency_id"),
                    toDate("agreed_delivery_date"),
                    toDate("agreed_payment_date"),
                    new ForeignKey("agreed_delivery_location_id", "dim_location", "location_id")));

    /** payment: company_ac_number and counterparty_ac_number are not carried, the warehouse has no place for them. */
    public static final WarehouseTable FACT_PAYMENT = fact("fact_payment", "payment", "payment_record_id",
            "payment_id", List.of(
                    copied(required("transaction_id", INTEGER)),
                    copied(required("counterparty_id", INTEGER)),
                    copied(required("payment_amount", DECIMAL_10_2)),
                    copied(required("currency_id", INTEGER)),
                    copied(required("payment_type_id", INTEGER)),
                    copied(required("paid", BOOLEAN)),
                    textDate(required("payment_date", DATE))), List.of(
                    new ForeignKey("transaction_id", "dim_transaction", "transaction_id"),
                    new ForeignKey("counterparty_id", "dim_counterparty", "counterparty_id"),
                    new ForeignKey("currency_id", "dim_currency", "currency_id"),
                    new ForeignKey("payment_type_id", "dim_payment_type", "payment_type_id"),
                    toDate("payment_date")));

    /**
     * One row per value a stage could not represent: the batch that met it, the source table, the row's key (its
     * text, whatever it was), the column, then the version's {@code last_updated} (null if unreadable), the stage
     * ({@value #STAGE_EXTRACT} or {@value #STAGE_TRANSFORM}), the reason and the value (cut to a sane length). A later
     * batch that delivers an accepted version of the same key records it as superseded: by that batch and version.
     */
    public static final WarehouseTable ETL_REJECTED_ROW = new WarehouseTable("etl_rejected_row", TableRole.QUARANTINE,
            List.of(
                    required(EtlColumns.REJECTED_IN_BATCH, INTEGER),
                    required(EtlColumns.SOURCE_TABLE, TEXT),
                    required(EtlColumns.SOURCE_ID, TEXT),
                    required(EtlColumns.COLUMN_NAME, TEXT),
                    optional(SourceTable.LAST_UPDATED, TIMESTAMP_MILLIS),
                    required(EtlColumns.STAGE, TEXT),
                    required(EtlColumns.REASON, TEXT),
                    optional(EtlColumns.VALUE, TEXT),
                    optional(EtlColumns.SUPERSEDED_IN_BATCH, INTEGER),
                    optional(EtlColumns.SUPERSEDED_BY_LAST_UPDATED, TIMESTAMP_MILLIS)),
            List.of(EtlColumns.REJECTED_IN_BATCH, EtlColumns.SOURCE_TABLE, EtlColumns.SOURCE_ID,
                    EtlColumns.COLUMN_NAME), null, List.of(), List.of(), List.of(), null, List.of());

    /** {@code etl_rejected_row.stage} of a row the extractor could not deliver (listed in its manifest). */
    public static final String STAGE_EXTRACT = "extract";
    /** {@code etl_rejected_row.stage} of a row version the transformer could not make a warehouse row of. */
    public static final String STAGE_TRANSFORM = "transform";
    /**
     * {@code etl_rejected_row.stage} of the rows of a batch the loader skipped on an operator's decision
     * ({@code ./pipeline quarantine-batch}): one row per warehouse table the batch held, {@code source_table} naming
     * that warehouse table, {@code source_id} and {@code column_name} {@value #WHOLE_BATCH}.
     */
    public static final String STAGE_LOAD = "load";
    /** {@code source_id} and {@code column_name} of a quarantine row that stands for a whole table of a batch. */
    public static final String WHOLE_BATCH = "*";

    /**
     * One row per source row the reconciliation pass found gone, written by the batch that delivers the finding: the
     * batch, the warehouse table and source table, the row's key, and when the pass found it gone (the source's wall
     * clock). Loading a row sets {@value WarehouseTable#DELETED_AT} on that dimension row, or on every version of that
     * fact row still without one; nothing is ever deleted. Files carry every column; the table is a log.
     */
    public static final WarehouseTable ETL_DELETED_ROW = new WarehouseTable("etl_deleted_row", TableRole.DELETION,
            List.of(
                    required(EtlColumns.DELETED_IN_BATCH, INTEGER),
                    required(EtlColumns.WAREHOUSE_TABLE, TEXT),
                    required(EtlColumns.SOURCE_TABLE, TEXT),
                    required(EtlColumns.SOURCE_ID, INTEGER),
                    required(WarehouseTable.DELETED_AT, TIMESTAMP_MILLIS)),
            List.of(EtlColumns.DELETED_IN_BATCH, EtlColumns.WAREHOUSE_TABLE, EtlColumns.SOURCE_ID), null, List.of(),
            List.of(), List.of(), null, List.of());

    /**
     * Dimensions first (dim_date among them), then facts, then the quarantine, then the deletions: the order in which
     * the loader applies a batch, and the tables of every processed batch (one lake table each).
     */
    public static final List<WarehouseTable> TABLES = List.of(
            DIM_DATE, DIM_STAFF, DIM_LOCATION, DIM_CURRENCY, DIM_DESIGN, DIM_COUNTERPARTY, DIM_PAYMENT_TYPE,
            DIM_TRANSACTION, FACT_SALES_ORDER, FACT_PURCHASE_ORDER, FACT_PAYMENT, ETL_REJECTED_ROW, ETL_DELETED_ROW);

    /**
     * ToteSys tables that no warehouse table uses, each with the reason, so that a source table is never extracted
     * and then silently ignored: every other table must feed a star table ({@link StarMapping#check}). None today.
     */
    public static final Map<String, String> NOT_LOADED = Map.of();

    static {
        StarMapping.check(ToteSysCatalogue.TABLES, TABLES, NOT_LOADED);
    }

    private WarehouseCatalogue() {
    }

    public static Optional<WarehouseTable> find(String name) {
        return TABLES.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** The table of that name, or an error naming it: for names that arrive in input (manifests, keys). */
    public static WarehouseTable table(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("unknown warehouse table: " + name));
    }

    public static List<WarehouseTable> dimensions() {
        return TABLES.stream().filter(WarehouseTable::isDimension).toList();
    }

    public static List<WarehouseTable> facts() {
        return TABLES.stream().filter(WarehouseTable::isFact).toList();
    }

    /** The star schema alone: the dimensions, then the facts. */
    public static List<WarehouseTable> starSchema() {
        return TABLES.stream().filter(t -> t.isDimension() || t.isFact()).toList();
    }

    /** The star tables whose rows the reconciliation pass can find gone: every one with {@code deleted_at}. */
    public static List<WarehouseTable> deletable() {
        return starSchema().stream().filter(t -> t.hasColumn(WarehouseTable.DELETED_AT)).toList();
    }
}
