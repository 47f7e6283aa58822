package com.terrifictotes.etl.testbed;

import com.terrifictotes.etl.catalogue.Column;
import com.terrifictotes.etl.catalogue.ForeignKey;
import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import javax.sql.DataSource;

/**
 * Every warehouse table computed from a ToteSys database with plain SQL, independently of the transformer: the
 * expectation the loaded warehouse is compared with, and the rows the test batches carry. Each query yields the
 * table's load columns in catalogue order, cast to the warehouse's types so that PostgreSQL prints both sides alike.
 */
public final class WarehouseFromSource {
    private static final String FACT_DATES = """
            SELECT created_at::date AS d FROM sales_order UNION SELECT last_updated::date FROM sales_order
            UNION SELECT agreed_payment_date::date FROM sales_order UNION SELECT agreed_delivery_date::date FROM sales_order
            UNION SELECT created_at::date FROM purchase_order UNION SELECT last_updated::date FROM purchase_order
            UNION SELECT agreed_payment_date::date FROM purchase_order
            UNION SELECT agreed_delivery_date::date FROM purchase_order
            UNION SELECT created_at::date FROM payment UNION SELECT last_updated::date FROM payment
            UNION SELECT payment_date::date FROM payment""";

    public static final Map<WarehouseTable, String> QUERIES = Map.ofEntries(
            Map.entry(WarehouseCatalogue.DIM_DATE, "SELECT d, extract(year FROM d)::int, extract(month FROM d)::int,"
                    + " extract(day FROM d)::int, extract(isodow FROM d)::int, to_char(d, 'FMDay'),"
                    + " to_char(d, 'FMMonth'), extract(quarter FROM d)::int FROM (" + FACT_DATES + ") dates"),
            Map.entry(WarehouseCatalogue.DIM_STAFF, "SELECT s.staff_id, s.first_name, s.last_name,"
                    + " d.department_name, d.location, s.email_address"
                    + " FROM staff s JOIN department d ON d.department_id = s.department_id"),
            Map.entry(WarehouseCatalogue.DIM_LOCATION, "SELECT address_id, address_line_1, address_line_2, district,"
                    + " city, postal_code, country, phone FROM address"),
            Map.entry(WarehouseCatalogue.DIM_CURRENCY, "SELECT c.currency_id, c.currency_code,"
                    + " coalesce(n.name, c.currency_code) FROM currency c LEFT JOIN (VALUES ('GBP', 'British Pound'),"
                    + " ('USD', 'US Dollar'), ('EUR', 'Euro')) n(code, name) ON n.code = c.currency_code"),
            Map.entry(WarehouseCatalogue.DIM_DESIGN, "SELECT design_id, design_name, file_location, file_name"
                    + " FROM design"),
            Map.entry(WarehouseCatalogue.DIM_COUNTERPARTY, "SELECT c.counterparty_id, c.counterparty_legal_name,"
                    + " a.address_line_1, a.address_line_2, a.district, a.city, a.postal_code, a.country, a.phone"
                    + " FROM counterparty c JOIN address a ON a.address_id = c.legal_address_id"),
            Map.entry(WarehouseCatalogue.DIM_PAYMENT_TYPE, "SELECT payment_type_id, payment_type_name::text"
                    + " FROM payment_type"),
            Map.entry(WarehouseCatalogue.DIM_TRANSACTION, "SELECT transaction_id, transaction_type::text,"
                    + " sales_order_id, purchase_order_id FROM \"transaction\""),
            Map.entry(WarehouseCatalogue.FACT_SALES_ORDER, "SELECT sales_order_id, created_at::date,"
                    + " created_at::time(3), last_updated::date, last_updated::time(3), staff_id, counterparty_id,"
                    + " units_sold, unit_price, currency_id, design_id, agreed_payment_date::date,"
                    + " agreed_delivery_date::date, agreed_delivery_location_id FROM sales_order"),
            Map.entry(WarehouseCatalogue.FACT_PURCHASE_ORDER, "SELECT purchase_order_id, created_at::date,"
                    + " created_at::time(3), last_updated::date, last_updated::time(3), staff_id, counterparty_id,"
                    + " item_code, item_quantity, item_unit_price, currency_id, agreed_delivery_date::date,"
                    + " agreed_payment_date::date, agreed_delivery_location_id FROM purchase_order"),
            Map.entry(WarehouseCatalogue.FACT_PAYMENT, "SELECT payment_id, created_at::date, created_at::time(3),"
                    + " last_updated::date, last_updated::time(3), transaction_id, counterparty_id, payment_amount,"
                    + " currency_id, payment_type_id, paid, payment_date::date FROM payment"));

    private WarehouseFromSource() {
    }

    /** Every table, as typed values (for the Parquet files) and as PostgreSQL's text (for comparison). */
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

    /** All tables of one moment of the source. */
    public record SourceSnapshot(Map<WarehouseTable, TableRows> tables) {
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
