package com.terrifictotes.etl.transformer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The warehouse rows a batch should produce, computed independently of the transformer: hand-written SQL on the
 * source database (PostgreSQL's own casts, joins, isodow, to_char and quarter), for the rows changed since a bound.
 * Each query returns the table's load columns in order.
 */
final class ExpectedWarehouse {
    /** Before every stamp the generator writes: "since" this bound means everything. */
    static final LocalDateTime BEGINNING = LocalDateTime.of(1900, 1, 1, 0, 0);

    private static final String FACT_DATES = """
            SELECT created_at::date AS d FROM sales_order WHERE last_updated >= :since
            UNION SELECT last_updated::date FROM sales_order WHERE last_updated >= :since
            UNION SELECT agreed_payment_date::date FROM sales_order WHERE last_updated >= :since
            UNION SELECT agreed_delivery_date::date FROM sales_order WHERE last_updated >= :since
            UNION SELECT created_at::date FROM purchase_order WHERE last_updated >= :since
            UNION SELECT last_updated::date FROM purchase_order WHERE last_updated >= :since
            UNION SELECT agreed_payment_date::date FROM purchase_order WHERE last_updated >= :since
            UNION SELECT agreed_delivery_date::date FROM purchase_order WHERE last_updated >= :since
            UNION SELECT created_at::date FROM payment WHERE last_updated >= :since
            UNION SELECT last_updated::date FROM payment WHERE last_updated >= :since
            UNION SELECT payment_date::date FROM payment WHERE last_updated >= :since""";

    static final Map<String, String> CHANGED_SINCE = Map.ofEntries(
            Map.entry("dim_date", "SELECT d, extract(year FROM d)::int, extract(month FROM d)::int, "
                    + "extract(day FROM d)::int, extract(isodow FROM d)::int, to_char(d, 'FMDay'), "
                    + "to_char(d, 'FMMonth'), extract(quarter FROM d)::int FROM (" + FACT_DATES + ") dates"),
            Map.entry("dim_staff", """
                    SELECT s.staff_id, s.first_name, s.last_name, d.department_name, d.location, s.email_address
                    FROM staff s JOIN department d ON d.department_id = s.department_id
                    WHERE s.last_updated >= :since OR d.last_updated >= :since"""),
            Map.entry("dim_location", """
                    SELECT address_id, address_line_1, address_line_2, district, city, postal_code, country, phone
                    FROM address WHERE last_updated >= :since"""),
            Map.entry("dim_currency", """
                    SELECT currency_id, currency_code, CASE currency_code WHEN 'GBP' THEN 'British Pound'
                        WHEN 'USD' THEN 'US Dollar' WHEN 'EUR' THEN 'Euro' END
                    FROM currency WHERE last_updated >= :since"""),
            Map.entry("dim_design", """
                    SELECT design_id, design_name, file_location, file_name FROM design
                    WHERE last_updated >= :since"""),
            Map.entry("dim_counterparty", """
                    SELECT c.counterparty_id, c.counterparty_legal_name, a.address_line_1, a.address_line_2,
                        a.district, a.city, a.postal_code, a.country, a.phone
                    FROM counterparty c JOIN address a ON a.address_id = c.legal_address_id
                    WHERE c.last_updated >= :since OR a.last_updated >= :since"""),
            Map.entry("dim_payment_type", """
                    SELECT payment_type_id, payment_type_name::text FROM payment_type
                    WHERE last_updated >= :since"""),
            Map.entry("dim_transaction", """
                    SELECT transaction_id, transaction_type::text, sales_order_id, purchase_order_id
                    FROM transaction WHERE last_updated >= :since"""),
            Map.entry("fact_sales_order", """
                    SELECT sales_order_id, created_at::date, created_at::time, last_updated::date,
                        last_updated::time, staff_id, counterparty_id, units_sold, unit_price, currency_id, design_id,
                        agreed_payment_date::date, agreed_delivery_date::date, agreed_delivery_location_id
                    FROM sales_order WHERE last_updated >= :since"""),
            Map.entry("fact_purchase_order", """
                    SELECT purchase_order_id, created_at::date, created_at::time, last_updated::date,
                        last_updated::time, staff_id, counterparty_id, item_code, item_quantity, item_unit_price,
                        currency_id, agreed_delivery_date::date, agreed_payment_date::date,
                        agreed_delivery_location_id
                    FROM purchase_order WHERE last_updated >= :since"""),
            Map.entry("fact_payment", """
                    SELECT payment_id, created_at::date, created_at::time, last_updated::date, last_updated::time,
                        transaction_id, counterparty_id, payment_amount, currency_id, payment_type_id, paid,
                        payment_date::date
                    FROM payment WHERE last_updated >= :since"""),
            // the generator writes only values the warehouse can hold: nothing is ever set aside
            Map.entry("etl_rejected_row", "SELECT 1 WHERE false"),
            // only the reconciliation pass finds rows gone; extractions never do
            Map.entry("etl_deleted_row", "SELECT 1 WHERE false"));

    private ExpectedWarehouse() {
    }

    /** The rows of a warehouse table for the source rows changed at or after {@code since}. */
    static List<List<Object>> changedSince(DataSource source, String table, LocalDateTime since) {
        String sql = CHANGED_SINCE.get(table);
        int parameters = sql.split(":since", -1).length - 1;
        Object[] values = new Object[parameters];
        Arrays.fill(values, since);
        return query(source, sql.replace(":since", "?"), values);
    }

    /** Runs a query; values come back as the catalogue's Java types (LocalDate, LocalTime, BigDecimal, ...). */
    static List<List<Object>> query(DataSource source, String sql, Object... parameters) {
        try (Connection connection = source.getConnection();
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
}
