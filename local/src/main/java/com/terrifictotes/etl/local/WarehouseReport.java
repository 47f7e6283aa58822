package com.terrifictotes.etl.local;

import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** Row counts and a few business questions, answered from the warehouse alone. */
final class WarehouseReport {
    private static final String SALES_BY_CURRENCY_AND_MONTH = """
            SELECT to_char(f.created_date, 'YYYY-MM') AS month, c.currency_code AS currency,
                   count(*) AS orders, sum(f.units_sold * f.unit_price)::numeric(14,2) AS revenue
            FROM fact_sales_order_current f JOIN dim_currency c USING (currency_id)
            GROUP BY 1, 2 ORDER BY 1 DESC, 2 LIMIT 9""";
    private static final String TOP_DESIGNS = """
            SELECT d.design_name AS design, sum(f.units_sold) AS units,
                   sum(f.units_sold * f.unit_price)::numeric(14,2) AS revenue
            FROM fact_sales_order_current f JOIN dim_design d USING (design_id)
            GROUP BY 1 ORDER BY 3 DESC LIMIT 5""";
    private static final String SALES_BY_TEAM_LOCATION = """
            SELECT coalesce(s.location, '(none)') AS staff_location, count(*) AS orders,
                   sum(f.units_sold * f.unit_price)::numeric(14,2) AS revenue
            FROM fact_sales_order_current f JOIN dim_staff s ON s.staff_id = f.sales_staff_id
            GROUP BY 1 ORDER BY 3 DESC""";
    private static final String HISTORY = """
            SELECT (SELECT count(*) FROM fact_sales_order) AS sales_order_versions,
                   (SELECT count(*) FROM fact_sales_order_current) AS sales_orders,
                   (SELECT count(*) FROM fact_payment) AS payment_versions,
                   (SELECT count(*) FROM fact_payment_current) AS payments,
                   (SELECT count(*) FROM fact_payment_current WHERE paid) AS paid""";

    private final Console console;
    private final DataSource warehouse;

    WarehouseReport(Console console, DataSource warehouse) {
        this.console = console;
        this.warehouse = warehouse;
    }

    void print() throws SQLException {
        try (Connection connection = warehouse.getConnection(); Statement statement = connection.createStatement()) {
            console.line("");
            console.line("Warehouse row counts");
            for (WarehouseTable table : WarehouseCatalogue.TABLES) {
                try (ResultSet count = statement.executeQuery("SELECT count(*) FROM " + table.quotedName())) {
                    count.next();
                    console.line("  %-20s %,10d", table.name(), count.getLong(1));
                }
            }
            query(statement, "Facts keep history; the *_current views give the latest version", HISTORY);
            query(statement, "Sales by month and currency (current versions, latest 9)", SALES_BY_CURRENCY_AND_MONTH);
            query(statement, "Top designs by revenue", TOP_DESIGNS);
            query(statement, "Sales by the selling team's location", SALES_BY_TEAM_LOCATION);
        }
    }

    private void query(Statement statement, String title, String sql) throws SQLException {
        console.line("");
        console.line(title);
        try (ResultSet rows = statement.executeQuery(sql)) {
            ResultSetMetaData meta = rows.getMetaData();
            StringBuilder header = new StringBuilder("  ");
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                header.append(String.format("%-22s", meta.getColumnLabel(i)));
            }
            console.line(header.toString());
            while (rows.next()) {
                StringBuilder line = new StringBuilder("  ");
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    line.append(String.format("%-22s", rows.getString(i)));
                }
                console.line(line.toString());
            }
        }
    }
}
