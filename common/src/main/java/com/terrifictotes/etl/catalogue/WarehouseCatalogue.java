package com.terrifictotes.etl.catalogue;

import static com.terrifictotes.etl.catalogue.Column.optional;
import static com.terrifictotes.etl.catalogue.Column.required;
import static com.terrifictotes.etl.catalogue.ColumnType.BOOLEAN;
import static com.terrifictotes.etl.catalogue.ColumnType.DATE;
import static com.terrifictotes.etl.catalogue.ColumnType.DECIMAL_10_2;
import static com.terrifictotes.etl.catalogue.ColumnType.INTEGER;
import static com.terrifictotes.etl.catalogue.ColumnType.TEXT;
import static com.terrifictotes.etl.catalogue.ColumnType.TIMESTAMP_MILLIS;
import static com.terrifictotes.etl.catalogue.ColumnType.TIME_MILLIS;
import static com.terrifictotes.etl.catalogue.ColumnType.VARCHAR_3;

import java.util.ArrayList;
import java.util.List;
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
            required("date_id", DATE),
            required("year", INTEGER),
            required("month", INTEGER),
            required("day", INTEGER),
            required("day_of_week", INTEGER),
            required("day_name", TEXT),
            required("month_name", TEXT),
            required("quarter", INTEGER)));

    public static final WarehouseTable DIM_STAFF = dim("dim_staff", "staff_id", List.of(
            required("staff_id", INTEGER),
            required("first_name", TEXT),
            required("last_name", TEXT),
            required("department_name", TEXT),
            optional("location", TEXT),
            required("email_address", TEXT)));

    public static final WarehouseTable DIM_LOCATION = dim("dim_location", "location_id", List.of(
            required("location_id", INTEGER),
            required("address_line_1", TEXT),
            optional("address_line_2", TEXT),
            optional("district", TEXT),
            required("city", TEXT),
            required("postal_code", TEXT),
            required("country", TEXT),
            required("phone", TEXT)));

    public static final WarehouseTable DIM_CURRENCY = dim("dim_currency", "currency_id", List.of(
            required("currency_id", INTEGER),
            required("currency_code", VARCHAR_3),
            required("currency_name", TEXT)));

    public static final WarehouseTable DIM_DESIGN = dim("dim_design", "design_id", List.of(
            required("design_id", INTEGER),
            required("design_name", TEXT),
            required("file_location", TEXT),
            required("file_name", TEXT)));

    public static final WarehouseTable DIM_COUNTERPARTY = dim("dim_counterparty", "counterparty_id", List.of(
            required("counterparty_id", INTEGER),
            required("counterparty_legal_name", TEXT),
            required("counterparty_legal_address_line_1", TEXT),
            optional("counterparty_legal_address_line_2", TEXT),
            optional("counterparty_legal_district", TEXT),
            required("counterparty_legal_city", TEXT),
            required("counterparty_legal_postal_code", TEXT),
            required("counterparty_legal_country", TEXT),
            required("counterparty_legal_phone_number", TEXT)));

    public static final WarehouseTable DIM_PAYMENT_TYPE = dim("dim_payment_type", "payment_type_id", List.of(
            required("payment_type_id", INTEGER),
            required("payment_type_name", TEXT)));

    public static final WarehouseTable DIM_TRANSACTION = dim("dim_transaction", "transaction_id", List.of(
            required("transaction_id", INTEGER),
            required("transaction_type", TEXT),
            optional("sales_order_id", INTEGER),
            optional("purchase_order_id", INTEGER)));

    public static final WarehouseTable FACT_SALES_ORDER = fact("fact_sales_order", "sales_record_id",
            "sales_order_id", List.of(
                    required("sales_staff_id", INTEGER),
                    required("counterparty_id", INTEGER),
                    required("units_sold", INTEGER),
                    required("unit_price", DECIMAL_10_2),
                    required("currency_id", INTEGER),
                    required("design_id", INTEGER),
                    required("agreed_payment_date", DATE),
                    required("agreed_delivery_date", DATE),
                    required("agreed_delivery_location_id", INTEGER)), List.of(
                    new ForeignKey("sales_staff_id", "dim_staff", "staff_id"),
                    new ForeignKey("counterparty_id", "dim_counterparty", "counterparty_id"),
                    new ForeignKey("currency_id", "dim_currency", "currency_id"),
                    new ForeignKey("design_id", "dim_design", "design_id"),
                    toDate("agreed_payment_date"),
                    toDate("agreed_delivery_date"),
                    new ForeignKey("agreed_delivery_location_id", "dim_location", "location_id")));

    public static final WarehouseTable FACT_PURCHASE_ORDER = fact("fact_purchase_order", "purchase_record_id",
            "purchase_order_id", List.of(
                    required("staff_id", INTEGER),
                    required("counterparty_id", INTEGER),
                    required("item_code", TEXT),
                    required("item_quantity", INTEGER),
                    required("item_unit_price", DECIMAL_10_2),
                    required("currency_id", INTEGER),
                    required("agreed_delivery_date", DATE),
                    required("agreed_payment_date", DATE),
                    required("agreed_delivery_location_id", INTEGER)), List.of(
                    new ForeignKey("staff_id", "dim_staff", "staff_id"),
                    new ForeignKey("counterparty_id", "dim_counterparty", "counterparty_id"),
                    new ForeignKey("currency_id", "dim_currency", "currency_id"),
                    toDate("agreed_delivery_date"),
                    toDate("agreed_payment_date"),
                    new ForeignKey("agreed_delivery_location_id", "dim_location", "location_id")));

    public static final WarehouseTable FACT_PAYMENT = fact("fact_payment", "payment_record_id",
            "payment_id", List.of(
                    required("transaction_id", INTEGER),
                    required("counterparty_id", INTEGER),
                    required("payment_amount", DECIMAL_10_2),
                    required("currency_id", INTEGER),
                    required("payment_type_id", INTEGER),
                    required("paid", BOOLEAN),
                    required("payment_date", DATE)), List.of(
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
                    required("rejected_in_batch", INTEGER),
                    required("source_table", TEXT),
                    required("source_id", TEXT),
                    required("column_name", TEXT),
                    optional("last_updated", TIMESTAMP_MILLIS),
                    required("stage", TEXT),
                    required("reason", TEXT),
                    optional("value", TEXT),
                    optional("superseded_in_batch", INTEGER),
                    optional("superseded_by_last_updated", TIMESTAMP_MILLIS)),
            List.of("rejected_in_batch", "source_table", "source_id", "column_name"), null, List.of(), List.of(),
            List.of());

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
                    required("deleted_in_batch", INTEGER),
                    required("warehouse_table", TEXT),
                    required("source_table", TEXT),
                    required("source_id", INTEGER),
                    required(WarehouseTable.DELETED_AT, TIMESTAMP_MILLIS)),
            List.of("deleted_in_batch", "warehouse_table", "source_id"), null, List.of(), List.of(), List.of());

    /**
     * Dimensions first (dim_date among them), then facts, then the quarantine, then the deletions: the order in which
     * the loader applies a batch, and the tables of every processed batch (one lake table each).
     */
    public static final List<WarehouseTable> TABLES = List.of(
            DIM_DATE, DIM_STAFF, DIM_LOCATION, DIM_CURRENCY, DIM_DESIGN, DIM_COUNTERPARTY, DIM_PAYMENT_TYPE,
            DIM_TRANSACTION, FACT_SALES_ORDER, FACT_PURCHASE_ORDER, FACT_PAYMENT, ETL_REJECTED_ROW, ETL_DELETED_ROW);

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

    /**
     * A dimension backed by a source table: its attributes, then the two columns the warehouse keeps itself,
     * {@code is_inferred} (a row created for a key facts referenced before its row arrived) and {@code deleted_at}.
     */
    private static WarehouseTable dim(String name, String key, List<Column> attributes) {
        List<Column> columns = new ArrayList<>(attributes);
        columns.add(required(WarehouseTable.IS_INFERRED, BOOLEAN));
        columns.add(optional(WarehouseTable.DELETED_AT, TIMESTAMP_MILLIS));
        return new WarehouseTable(name, TableRole.DIMENSION, columns, List.of(key), null, List.of(), List.of(),
                List.of(WarehouseTable.IS_INFERRED, WarehouseTable.DELETED_AT));
    }

    /** dim_date: derived from the dates facts reference, so never late, never inferred, never deleted. */
    private static WarehouseTable calendar(String name, String key, List<Column> columns) {
        return new WarehouseTable(name, TableRole.DIMENSION, columns, List.of(key), null, List.of(), List.of(),
                List.of());
    }

    /**
     * Every fact starts with its surrogate key, the source id and the created/updated date-time split, and ends with
     * the two columns the warehouse keeps itself: {@code etl_batch} (the batch that last delivered the version, which
     * orders the {@code _current} views) and {@code deleted_at}.
     */
    private static WarehouseTable fact(String name, String surrogateKey, String sourceId, List<Column> measures,
                                       List<ForeignKey> foreignKeys) {
        List<Column> columns = new ArrayList<>(List.of(
                required(surrogateKey, INTEGER),
                required(sourceId, INTEGER),
                required("created_date", DATE),
                required("created_time", TIME_MILLIS),
                required("last_updated_date", DATE),
                required("last_updated_time", TIME_MILLIS)));
        columns.addAll(measures);
        columns.add(required(WarehouseTable.ETL_BATCH, INTEGER));
        columns.add(optional(WarehouseTable.DELETED_AT, TIMESTAMP_MILLIS));
        List<ForeignKey> keys = new ArrayList<>(List.of(toDate("created_date"), toDate("last_updated_date")));
        keys.addAll(foreignKeys);
        return new WarehouseTable(name, TableRole.FACT, columns, List.of(surrogateKey), surrogateKey,
                List.of(sourceId, "last_updated_date", "last_updated_time"), keys,
                List.of(surrogateKey, WarehouseTable.ETL_BATCH, WarehouseTable.DELETED_AT));
    }

    private static ForeignKey toDate(String column) {
        return new ForeignKey(column, "dim_date", "date_id");
    }
}
