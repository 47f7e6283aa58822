package com.terrifictotes.etl.transformer;

import com.terrifictotes.etl.catalogue.ToteSysCatalogue;
import com.terrifictotes.etl.testbed.expected.WarehouseFromSource;
import com.terrifictotes.etl.testbed.servers.Database;
import com.terrifictotes.etl.testbed.servers.TestBed;
import com.terrifictotes.etl.testbed.source.ToteSysGenerator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * A generated ToteSys database cut down to its first few hundred payments (and the transactions and orders behind
 * them), with all reference data kept: realistic rows, but a first batch that transforms in well under a second.
 */
final class SmallToteSys {
    private SmallToteSys() {
    }

    static Database create(long seed, int payments) {
        Database database = TestBed.shared().createToteSysDatabase();
        ToteSysGenerator.seed(database.dataSource(), 1, seed);
        execute(database.dataSource(), "DELETE FROM payment WHERE payment_id > " + payments,
                "DELETE FROM transaction t WHERE NOT EXISTS "
                        + "(SELECT 1 FROM payment p WHERE p.transaction_id = t.transaction_id)",
                "DELETE FROM sales_order s WHERE NOT EXISTS "
                        + "(SELECT 1 FROM transaction t WHERE t.sales_order_id = s.sales_order_id)",
                "DELETE FROM purchase_order o WHERE NOT EXISTS "
                        + "(SELECT 1 FROM transaction t WHERE t.purchase_order_id = o.purchase_order_id)");
        return database;
    }

    static void execute(DataSource source, String... statements) {
        try (Connection connection = source.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Runs an UPDATE with bind parameters; returns the rows it changed. */
    static int update(DataSource source, String sql, Object... parameters) {
        try (Connection connection = source.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** A stamp later than every row of the database, as the application's clock would give for a new edit. */
    static LocalDateTime nextStamp(DataSource source) {
        String newestStamp = ToteSysCatalogue.TABLES.stream()
                .map(t -> "SELECT max(last_updated) AS m FROM " + t.quotedName())
                .collect(Collectors.joining(" UNION ALL ", "SELECT max(m) FROM (", ") t"));
        Object newest = WarehouseFromSource.query(source, newestStamp).get(0).get(0);
        return ((LocalDateTime) newest).plusSeconds(1);
    }
}
