package com.terrifictotes.etl.testbed.expected;

import com.terrifictotes.etl.catalogue.Column;
import com.terrifictotes.etl.catalogue.ColumnType;
import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The oracle's own statement of which source values the warehouse can hold, in SQL, asked of PostgreSQL itself
 * (its date input, its numeric scale), independently of the pipeline's Java: for each column of a source table, the
 * warehouse column it feeds, and a predicate over the column's text that holds when the warehouse column can take it.
 * A source column the warehouse does not carry is not checked; a row's key and stamp, and the columns a joined
 * dimension joins on, must be there whatever the warehouse keeps.
 */
final class WarehouseDomainSql {
    /** The warehouse table each source table feeds (department: the department columns of dim_staff). */
    private static final Map<String, WarehouseTable> FEEDS = Map.ofEntries(
            Map.entry("address", WarehouseCatalogue.DIM_LOCATION),
            Map.entry("counterparty", WarehouseCatalogue.DIM_COUNTERPARTY),
            Map.entry("currency", WarehouseCatalogue.DIM_CURRENCY),
            Map.entry("department", WarehouseCatalogue.DIM_STAFF),
            Map.entry("design", WarehouseCatalogue.DIM_DESIGN),
            Map.entry("staff", WarehouseCatalogue.DIM_STAFF),
            Map.entry("sales_order", WarehouseCatalogue.FACT_SALES_ORDER),
            Map.entry("purchase_order", WarehouseCatalogue.FACT_PURCHASE_ORDER),
            Map.entry("payment_type", WarehouseCatalogue.DIM_PAYMENT_TYPE),
            Map.entry("transaction", WarehouseCatalogue.DIM_TRANSACTION),
            Map.entry("payment", WarehouseCatalogue.FACT_PAYMENT));
    /** Source columns that reach the warehouse under another name. */
    private static final Map<String, String> RENAMED = Map.of(
            "sales_order.staff_id", "sales_staff_id",
            "address.address_id", "location_id");
    /** Columns a joined dimension joins on: NOT NULL integers, whatever the warehouse keeps. */
    private static final List<String> JOIN_KEYS = List.of("staff.department_id", "counterparty.legal_address_id");

    /** One column's check: the column and a boolean SQL expression over the row. */
    record Check(String column, String predicate) {
    }

    private WarehouseDomainSql() {
    }

    /**
     * The checks of a source table's columns: first its key and its stamp (a row failing one of them is rejected
     * for that alone, as the pipeline cannot even tell its versions apart), then every other column it carries.
     */
    static List<Check> checks(SourceTable table) {
        List<Check> checks = new ArrayList<>();
        checks.add(new Check(table.primaryKey(), required(table.primaryKey(), integer(table.primaryKey()))));
        checks.add(new Check(SourceTable.LAST_UPDATED, required(SourceTable.LAST_UPDATED,
                timestamp(SourceTable.LAST_UPDATED))));
        for (Column source : table.columns()) {
            String name = source.name();
            if (name.equals(table.primaryKey()) || name.equals(SourceTable.LAST_UPDATED)) {
                continue;
            }
            if (JOIN_KEYS.contains(table.name() + "." + name)) {
                checks.add(new Check(name, required(name, integer(name))));
                continue;
            }
            Column target = target(table, source);
            if (target != null) {
                String predicate = predicate(source, target);
                checks.add(new Check(name, target.nullable() ? optional(name, predicate) : required(name, predicate)));
            }
        }
        return checks;
    }

    /** The warehouse column a source column feeds, or null if the warehouse does not carry it. */
    private static Column target(SourceTable table, Column source) {
        WarehouseTable feeds = FEEDS.get(table.name());
        if (feeds.isFact() && source.type() == ColumnType.TIMESTAMP_MILLIS) {
            return feeds.column(source.name().equals(SourceTable.CREATED_AT) ? "created_date" : "last_updated_date");
        }
        String name = RENAMED.getOrDefault(table.name() + "." + source.name(), source.name());
        return feeds.loadColumnNames().contains(name) ? feeds.column(name) : null;
    }

    private static String predicate(Column source, Column target) {
        String name = source.name();
        return switch (target.type()) {
            case INTEGER -> integer(name);
            case DECIMAL_10_2 -> "CASE WHEN " + text(name) + " ~ '^-?[0-9]+(\\.[0-9]+)?$' THEN scale(trim_scale("
                    + text(name) + "::numeric)) <= 2 AND abs(" + text(name) + "::numeric) < 100000000 ELSE false END";
            case DATE -> source.type() == ColumnType.TIMESTAMP_MILLIS ? timestamp(name) : "CASE WHEN " + text(name)
                    + " ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' AND pg_input_is_valid(" + text(name) + ", 'date') THEN "
                    + text(name) + "::date BETWEEN '0001-01-01' AND '9999-12-31' ELSE false END";
            case VARCHAR_3 -> "char_length(" + text(name) + ") <= 3";
            case BOOLEAN -> text(name) + " IN ('true', 'false')";
            case TEXT, ENUM -> "true"; // any text PostgreSQL holds, the warehouse holds
            case TIME_MILLIS, TIMESTAMP_MILLIS -> timestamp(name);
        };
    }

    private static String integer(String name) {
        return "CASE WHEN " + text(name) + " ~ '^-?[0-9]+$' THEN " + text(name)
                + "::numeric BETWEEN -2147483648 AND 2147483647 ELSE false END";
    }

    /** A timestamp of years 1 to 9999, whole to the millisecond (its date and time parts are what facts keep). */
    private static String timestamp(String name) {
        String value = text(name) + "::timestamp";
        return "CASE WHEN pg_input_is_valid(" + text(name) + ", 'timestamp') THEN " + value
                + " BETWEEN '0001-01-01' AND '9999-12-31 23:59:59.999' AND " + value + " = date_trunc('milliseconds', "
                + value + ") ELSE false END";
    }

    private static String required(String name, String predicate) {
        return "(" + text(name) + " IS NOT NULL AND " + predicate + ")";
    }

    private static String optional(String name, String predicate) {
        return "(" + text(name) + " IS NULL OR " + predicate + ")";
    }

    private static String text(String name) {
        return "\"" + name + "\"::text";
    }
}
