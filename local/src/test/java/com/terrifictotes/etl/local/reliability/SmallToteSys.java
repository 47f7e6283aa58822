package com.terrifictotes.etl.local.reliability;

import com.terrifictotes.etl.testbed.servers.Database;
import com.terrifictotes.etl.testbed.servers.TestBed;
import com.terrifictotes.etl.testbed.source.ToteSysGenerator;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A generated ToteSys cut down to its first few hundred payments (with the transactions and orders behind them) and
 * every reference row: real shapes and every table non-empty, but a full load that runs in about a second. Generated
 * once per JVM as a template; tests take {@link TestBed#copyOf copies}, never the template itself.
 */
final class SmallToteSys {
    static final long SEED = 20_261_121L;
    static final int PAYMENTS = 300;

    private static Database template;

    private SmallToteSys() {
    }

    /** A new database holding the small ToteSys. */
    static synchronized Database copy() {
        if (template == null) {
            template = generate();
        }
        return TestBed.shared().copyOf(template);
    }

    private static Database generate() {
        Database database = TestBed.shared().createToteSysDatabase();
        ToteSysGenerator.seed(database.dataSource(), 1, SEED);
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM payment WHERE payment_id > " + PAYMENTS);
            statement.execute("DELETE FROM transaction t WHERE NOT EXISTS"
                    + " (SELECT 1 FROM payment p WHERE p.transaction_id = t.transaction_id)");
            statement.execute("DELETE FROM sales_order s WHERE NOT EXISTS"
                    + " (SELECT 1 FROM transaction t WHERE t.sales_order_id = s.sales_order_id)");
            statement.execute("DELETE FROM purchase_order o WHERE NOT EXISTS"
                    + " (SELECT 1 FROM transaction t WHERE t.purchase_order_id = o.purchase_order_id)");
            statement.execute("VACUUM ANALYZE");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot cut the generated ToteSys down: " + e.getMessage(), e);
        }
        return database;
    }
}
