package com.terrifictotes.etl.local.e2e;

import com.terrifictotes.etl.testbed.servers.Database;
import com.terrifictotes.etl.testbed.servers.TestBed;
import com.terrifictotes.etl.testbed.source.ChangeReport;
import com.terrifictotes.etl.testbed.source.DayOfChanges;
import com.terrifictotes.etl.testbed.source.ToteSysGenerator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The ToteSys databases the scenarios read, in the embedded PostgreSQL: generated once per JVM by
 * {@link ToteSysGenerator} and then copied (CREATE DATABASE ... TEMPLATE) for each scenario, which owns its copy.
 * Changes are stamped with the current UTC wall clock, as the application stamps them, so the extractor's next
 * window (which ends at the database's {@code localtimestamp}) sees them.
 */
public final class ToteSysFixture {
    static final long SEED = 20261121L;

    /** What a copy holds. */
    public enum Size {
        /** SF1, about 48,000 rows: the size of the real database. */
        SCALE_FACTOR_ONE,
        /**
         * SF1 thinned to every 20th sales and purchase order with their transactions and payments (reference tables
         * whole): every table has rows, and a round takes about a second.
         */
        SMALL
    }

    private static final int KEEP_EVERY = 20;
    private static final List<String> THINNING = List.of(
            "DELETE FROM payment WHERE transaction_id IN (SELECT transaction_id FROM \"transaction\""
                    + " WHERE sales_order_id % ? <> 0 OR purchase_order_id % ? <> 0)",
            "DELETE FROM \"transaction\" WHERE sales_order_id % ? <> 0 OR purchase_order_id % ? <> 0",
            "DELETE FROM sales_order WHERE sales_order_id % ? <> 0",
            "DELETE FROM purchase_order WHERE purchase_order_id % ? <> 0");
    private static final Map<Size, Database> TEMPLATES = new EnumMap<>(Size.class);

    private ToteSysFixture() {
    }

    /** A new database of the embedded PostgreSQL holding a copy of the generated ToteSys of that size. */
    public static DataSource copy(Size size) {
        return TestBed.shared().copyOf(template(size)).dataSource();
    }

    public static ChangeReport dayOfChanges(DataSource toteSys) {
        return DayOfChanges.apply(toteSys, SEED, now());
    }

    /** A day of changes stamped by an application whose clock shows the wall-clock time of {@code zone}. */
    static ChangeReport dayOfChanges(DataSource toteSys, ZoneId zone) {
        return DayOfChanges.apply(toteSys, SEED, LocalDateTime.now(zone));
    }

    /** Runs one UPDATE whose first parameter is the new last_updated (now) and returns how many rows it changed. */
    static int update(DataSource toteSys, String sql, Object... parameters) {
        try (Connection connection = toteSys.getConnection();
             PreparedStatement update = connection.prepareStatement(sql)) {
            update.setObject(1, now());
            for (int i = 0; i < parameters.length; i++) {
                update.setObject(i + 2, parameters[i]);
            }
            return update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot change the source: " + e.getMessage(), e);
        }
    }

    private static synchronized Database template(Size size) {
        return TEMPLATES.computeIfAbsent(size, s -> {
            Database template = TestBed.shared().createToteSysDatabase();
            ToteSysGenerator.seed(template.dataSource(), 1, SEED);
            if (s == Size.SMALL) {
                thin(template.dataSource());
            }
            return template;
        });
    }

    private static void thin(DataSource toteSys) {
        try (Connection connection = toteSys.getConnection()) {
            connection.setAutoCommit(false);
            for (String delete : THINNING) {
                try (PreparedStatement statement = connection.prepareStatement(delete)) {
                    for (int i = 1; i <= statement.getParameterMetaData().getParameterCount(); i++) {
                        statement.setInt(i, KEEP_EVERY);
                    }
                    statement.executeUpdate();
                }
            }
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot thin out the ToteSys database: " + e.getMessage(), e);
        }
    }

    private static LocalDateTime now() {
        return LocalDateTime.now(ZoneOffset.UTC);
    }
}
