package com.terrifictotes.etl.testbed.expected;

import com.terrifictotes.etl.catalogue.Column;
import com.terrifictotes.etl.catalogue.ForeignKey;
import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.catalogue.ToteSysCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import javax.sql.DataSource;

/**
 * Every warehouse table computed from a ToteSys database with plain SQL, independently of the transformer and of the
 * catalogue's column declarations (it would share their mistakes otherwise): the one oracle. It is the expectation the
 * loaded warehouse is compared with, the rows the test batches carry, and ({@link #changedSince}) what one batch should
 * make of the rows changed since a bound. Each query yields the
 * table's load columns in catalogue order, cast to the warehouse's types so that PostgreSQL prints both sides alike.
 */
public final class WarehouseFromSource {
    /** Before every stamp the generator writes: "changed since" this bound means every row. */
    public static final LocalDateTime BEGINNING = LocalDateTime.of(1900, 1, 1, 0, 0);

    private static final String FACT_DATES = factDates("");

    /**
     * Per star table, the source rows whose change must re-derive its row, as a condition on the tables of
     * {@link #QUERIES}' FROM clause, {@code ?} standing for the bound: a joined dimension changes with either side.
     */
    private static final Map<WarehouseTable, String> CHANGED = Map.ofEntries(
            Map.entry(WarehouseCatalogue.DIM_STAFF, "s.last_updated::timestamp >= ? OR d.last_updated::timestamp >= ?"),
            Map.entry(WarehouseCatalogue.DIM_LOCATION, "last_updated::timestamp >= ?"),
            Map.entry(WarehouseCatalogue.DIM_CURRENCY, "c.last_updated::timestamp >= ?"),
            Map.entry(WarehouseCatalogue.DIM_DESIGN, "last_updated::timestamp >= ?"),
            Map.entry(WarehouseCatalogue.DIM_COUNTERPARTY,
                    "c.last_updated::timestamp >= ? OR a.last_updated::timestamp >= ?"),
            Map.entry(WarehouseCatalogue.DIM_PAYMENT_TYPE, "last_updated::timestamp >= ?"),
            Map.entry(WarehouseCatalogue.DIM_TRANSACTION, "last_updated::timestamp >= ?"),
            Map.entry(WarehouseCatalogue.FACT_SALES_ORDER, "last_updated::timestamp >= ?"),
            Map.entry(WarehouseCatalogue.FACT_PURCHASE_ORDER, "last_updated::timestamp >= ?"),
            Map.entry(WarehouseCatalogue.FACT_PAYMENT, "last_updated::timestamp >= ?"));

    /** Every date a fact row references, of the fact rows that satisfy {@code filter} (empty: all of them). */
    private static String factDates(String filter) {
        return """
                SELECT created_at::timestamp::date AS d FROM sales_order %1$s
                UNION SELECT last_updated::timestamp::date FROM sales_order %1$s
                UNION SELECT agreed_payment_date::date FROM sales_order %1$s
                UNION SELECT agreed_delivery_date::date FROM sales_order %1$s
                UNION SELECT created_at::timestamp::date FROM purchase_order %1$s
                UNION SELECT last_updated::timestamp::date FROM purchase_order %1$s
                UNION SELECT agreed_payment_date::date FROM purchase_order %1$s
                UNION SELECT agreed_delivery_date::date FROM purchase_order %1$s
                UNION SELECT created_at::timestamp::date FROM payment %1$s
                UNION SELECT last_updated::timestamp::date FROM payment %1$s
                UNION SELECT payment_date::date FROM payment %1$s""".formatted(filter);
    }

    private static String calendar(String factDates) {
        return "SELECT d, extract(year FROM d)::int, extract(month FROM d)::int,"
                + " extract(day FROM d)::int, extract(isodow FROM d)::int, to_char(d, 'FMDay'),"
                + " to_char(d, 'FMMonth'), extract(quarter FROM d)::int FROM (" + factDates + ") dates";
    }

    /**
     * Each star table from source tables, every value cast to the warehouse column's type: so the same SQL reads
     * ToteSys itself (typed columns) and {@link DeliveredSource}'s mirror (every column text), and PostgreSQL prints
     * the result the way it prints the warehouse.
     */
    public static final Map<WarehouseTable, String> QUERIES = Map.ofEntries(
            Map.entry(WarehouseCatalogue.DIM_DATE, calendar(FACT_DATES)),
            Map.entry(WarehouseCatalogue.DIM_STAFF, "SELECT s.staff_id::int, s.first_name::text, s.last_name::text,"
                    + " d.department_name::text, d.location::text, s.email_address::text"
                    + " FROM staff s JOIN department d ON d.department_id = s.department_id"),
            Map.entry(WarehouseCatalogue.DIM_LOCATION, "SELECT address_id::int, address_line_1::text,"
                    + " address_line_2::text, district::text, city::text, postal_code::text, country::text,"
                    + " phone::text FROM address"),
            Map.entry(WarehouseCatalogue.DIM_CURRENCY, "SELECT c.currency_id::int, c.currency_code::text,"
                    + " coalesce(n.name, c.currency_code::text) FROM currency c LEFT JOIN (VALUES ('GBP', 'British"
                    + " Pound'), ('USD', 'US Dollar'), ('EUR', 'Euro')) n(code, name) ON n.code = c.currency_code"),
            Map.entry(WarehouseCatalogue.DIM_DESIGN, "SELECT design_id::int, design_name::text, file_location::text,"
                    + " file_name::text FROM design"),
            Map.entry(WarehouseCatalogue.DIM_COUNTERPARTY, "SELECT c.counterparty_id::int,"
                    + " c.counterparty_legal_name::text, a.address_line_1::text, a.address_line_2::text,"
                    + " a.district::text, a.city::text, a.postal_code::text, a.country::text, a.phone::text"
                    + " FROM counterparty c JOIN address a ON a.address_id = c.legal_address_id"),
            Map.entry(WarehouseCatalogue.DIM_PAYMENT_TYPE, "SELECT payment_type_id::int, payment_type_name::text"
                    + " FROM payment_type"),
            Map.entry(WarehouseCatalogue.DIM_TRANSACTION, "SELECT transaction_id::int, transaction_type::text,"
                    + " sales_order_id::int, purchase_order_id::int FROM \"transaction\""),
            Map.entry(WarehouseCatalogue.FACT_SALES_ORDER, "SELECT sales_order_id::int,"
                    + " created_at::timestamp::date, created_at::timestamp::time(3), last_updated::timestamp::date,"
                    + " last_updated::timestamp::time(3), staff_id::int, counterparty_id::int, units_sold::int,"
                    + " unit_price::numeric(10,2), currency_id::int, design_id::int, agreed_payment_date::date,"
                    + " agreed_delivery_date::date, agreed_delivery_location_id::int FROM sales_order"),
            Map.entry(WarehouseCatalogue.FACT_PURCHASE_ORDER, "SELECT purchase_order_id::int,"
                    + " created_at::timestamp::date, created_at::timestamp::time(3), last_updated::timestamp::date,"
                    + " last_updated::timestamp::time(3), staff_id::int, counterparty_id::int, item_code::text,"
                    + " item_quantity::int, item_unit_price::numeric(10,2), currency_id::int,"
                    + " agreed_delivery_date::date, agreed_payment_date::date, agreed_delivery_location_id::int"
                    + " FROM purchase_order"),
            Map.entry(WarehouseCatalogue.FACT_PAYMENT, "SELECT payment_id::int, created_at::timestamp::date,"
                    + " created_at::timestamp::time(3), last_updated::timestamp::date,"
                    + " last_updated::timestamp::time(3), transaction_id::int, counterparty_id::int,"
                    + " payment_amount::numeric(10,2), currency_id::int, payment_type_id::int, paid::boolean,"
                    + " payment_date::date FROM payment"));

    private WarehouseFromSource() {
    }

    /**
     * Every table, as typed values (for the Parquet files) and as PostgreSQL's text (for comparison), computed from
     * a database holding the source tables: ToteSys itself, or a {@link DeliveredSource} mirror.
     */
    public static SourceSnapshot snapshot(DataSource totesys) {
        Map<WarehouseTable, TableRows> tables = new LinkedHashMap<>();
        try (Connection connection = totesys.getConnection(); Statement statement = connection.createStatement()) {
            for (WarehouseTable table : WarehouseCatalogue.TABLES) {
                if (!QUERIES.containsKey(table)) {
                    tables.put(table, new TableRows(List.of(), List.of())); // the quarantine: nothing set aside
                    continue;
                }
                try (ResultSet rows = statement.executeQuery(QUERIES.get(table))) {
                    tables.put(table, read(table, rows));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot compute the warehouse from ToteSys: " + e.getMessage(), e);
        }
        return new SourceSnapshot(tables);
    }

    /**
     * The rows of a warehouse table that the source rows changed at or after {@code since} derive (every row, from
     * {@link #BEGINNING}), as the catalogue's Java types: what one batch extracted from {@code since} should produce.
     * The ETL tables have none: the generator writes only values the warehouse can hold, and finds no row gone.
     */
    public static List<List<Object>> changedSince(DataSource totesys, String table, LocalDateTime since) {
        WarehouseTable target = WarehouseCatalogue.table(table);
        if (!QUERIES.containsKey(target)) {
            return List.of();
        }
        String sql = target.equals(WarehouseCatalogue.DIM_DATE)
                ? calendar(factDates("WHERE last_updated::timestamp >= ?"))
                : QUERIES.get(target) + " WHERE " + CHANGED.get(target);
        Object[] bounds = new Object[sql.length() - sql.replace("?", "").length()];
        Arrays.fill(bounds, since);
        List<List<Object>> rows = new ArrayList<>();
        try (Connection connection = totesys.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < bounds.length; i++) {
                statement.setObject(i + 1, bounds[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                read(target, result).values().forEach(row -> rows.add(Arrays.asList(row)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot compute " + table + " from ToteSys: " + e.getMessage(), e);
        }
        return rows;
    }

    /** The rows of every catalogue table in the source: what a first load must deliver, one version each. */
    public static long sourceRows(DataSource totesys) {
        long rows = 0;
        for (SourceTable table : ToteSysCatalogue.TABLES) {
            rows += ((Number) query(totesys, "SELECT count(*) FROM " + table.quotedName()).get(0).get(0)).longValue();
        }
        return rows;
    }

    /** Runs a query on a ToteSys database; values come back as JDBC's Java types (LocalDate, LocalTime, ...). */
    public static List<List<Object>> query(DataSource totesys, String sql, Object... parameters) {
        try (Connection connection = totesys.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<List<Object>> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                ResultSetMetaData meta = result.getMetaData();
                while (result.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        row.add(switch (meta.getColumnType(i)) {
                            case Types.DATE -> result.getObject(i, LocalDate.class);
                            case Types.TIME -> result.getObject(i, LocalTime.class);
                            case Types.TIMESTAMP -> result.getObject(i, LocalDateTime.class);
                            default -> result.getObject(i);
                        });
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private static TableRows read(WarehouseTable table, ResultSet rows) throws SQLException {
        List<Column> columns = table.loadColumns();
        List<Object[]> values = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        while (rows.next()) {
            Object[] row = new Object[columns.size()];
            String[] text = new String[columns.size()];
            for (int i = 0; i < row.length; i++) {
                row[i] = rows.getObject(i + 1, columns.get(i).type().javaType());
                text[i] = rows.getString(i + 1);
            }
            values.add(row);
            texts.add(TableRows.textRow(text));
        }
        return new TableRows(values, texts);
    }

    /** One table's rows: typed values and, in the same order, their text form (see {@link #textRow}). */
    public record TableRows(List<Object[]> values, List<String> texts) {
        public static final String NULL = "\u2400";

        public static String textRow(String[] cells) {
            StringBuilder row = new StringBuilder();
            for (int i = 0; i < cells.length; i++) {
                row.append(i == 0 ? "" : "\u241f").append(cells[i] == null ? NULL : cells[i]);
            }
            return row.toString();
        }

        /** The key of a dimension row: its first column, the natural id. */
        public static String key(String textRow) {
            int end = textRow.indexOf('\u241f');
            return end < 0 ? textRow : textRow.substring(0, end);
        }
    }

    /**
     * All tables of one moment of the source.
     *
     * @param rejected the row versions set aside so far, as {@link WarehouseContents} shows etl_rejected_row: the
     *                 batch that met each, its source table, key and column, and the batch that superseded it (or
     *                 NULL). Empty for a snapshot of a whole source, which is all accepted.
     */
    public record SourceSnapshot(Map<WarehouseTable, TableRows> tables, List<String> rejected) {
        public SourceSnapshot {
            rejected = List.copyOf(rejected);
        }

        public SourceSnapshot(Map<WarehouseTable, TableRows> tables) {
            this(tables, List.of());
        }

        public TableRows rows(WarehouseTable table) {
            return tables.get(table);
        }

        /**
         * A smaller but still consistent warehouse: the facts whose source id is a multiple of {@code every}, and
         * of each dimension only the rows those facts reference, so every foreign key still holds.
         */
        public SourceSnapshot sample(int every) {
            Map<WarehouseTable, TableRows> kept = new LinkedHashMap<>();
            Map<String, Set<Object>> referenced = new HashMap<>();
            for (WarehouseTable fact : WarehouseCatalogue.facts()) {
                TableRows rows = keep(tables.get(fact), row -> (Integer) row[0] % every == 0);
                kept.put(fact, rows);
                for (ForeignKey key : fact.foreignKeys()) {
                    int column = fact.loadColumnNames().indexOf(key.column());
                    rows.values().forEach(row -> referenced
                            .computeIfAbsent(key.referencedTable(), t -> new HashSet<>()).add(row[column]));
                }
            }
            Map<WarehouseTable, TableRows> all = new LinkedHashMap<>();
            for (WarehouseTable table : WarehouseCatalogue.TABLES) {
                all.put(table, table.isFact() ? kept.get(table) : keep(tables.get(table),
                        row -> referenced.getOrDefault(table.name(), Set.of()).contains(row[0])));
            }
            return new SourceSnapshot(all);
        }

        private static TableRows keep(TableRows rows, Predicate<Object[]> wanted) {
            List<Object[]> values = new ArrayList<>();
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < rows.values().size(); i++) {
                if (wanted.test(rows.values().get(i))) {
                    values.add(rows.values().get(i));
                    texts.add(rows.texts().get(i));
                }
            }
            return new TableRows(values, texts);
        }
    }
}
