package com.terrifictotes.etl.local;

import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import com.terrifictotes.etl.error.StorageException;
import com.terrifictotes.etl.loader.LoadLedger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * What {@code status} reads from the warehouse: the ledger's newest batch and when it was applied, the quarantined
 * rows (all, and those no later version superseded), the dimension rows still inferred, the operator's decisions.
 * A warehouse no loader has migrated yet holds nothing; one whose {@code load_ledger} was dropped says so.
 *
 * @param ledgerPresent false when the star tables exist but {@code load_ledger} does not
 */
record WarehouseState(boolean migrated, boolean ledgerPresent, Optional<LoadLedger.Entry> newest,
                      Instant newestAppliedAt, long quarantinedRows, long quarantinedUnsuperseded, long inferredRows,
                      long operatorDecisions) {
    static WarehouseState read(DataSource warehouse) {
        try (Connection connection = warehouse.getConnection()) {
            boolean migrated = exists(connection, WarehouseCatalogue.DIM_DATE.name());
            if (!migrated) {
                return new WarehouseState(false, false, Optional.empty(), null, 0, 0, 0, 0);
            }
            if (!LoadLedger.exists(connection)) {
                return new WarehouseState(true, false, Optional.empty(), null, 0, 0, 0, 0);
            }
            Optional<LoadLedger.Entry> newest = LoadLedger.newest(connection);
            Instant appliedAt = newest.isEmpty() ? null : instant(connection,
                    "SELECT loaded_at FROM load_ledger WHERE sequence = " + newest.get().sequence());
            String rejected = WarehouseCatalogue.ETL_REJECTED_ROW.quotedName();
            long quarantined = count(connection, "SELECT count(*) FROM " + rejected);
            long open = count(connection, "SELECT count(*) FROM " + rejected + " WHERE superseded_in_batch IS NULL");
            long inferred = 0;
            for (WarehouseTable table : WarehouseCatalogue.dimensions()) {
                if (table.takesInferredRows()) {
                    inferred += count(connection, "SELECT count(*) FROM " + table.quotedName() + " WHERE "
                            + table.column(WarehouseTable.IS_INFERRED).quotedName());
                }
            }
            long decisions = exists(connection, "etl_operator_decision")
                    ? count(connection, "SELECT count(*) FROM etl_operator_decision") : 0;
            return new WarehouseState(true, true, newest, appliedAt, quarantined, open, inferred, decisions);
        } catch (SQLException e) {
            throw new StorageException("cannot read the warehouse: " + e.getMessage(), e);
        }
    }

    long sequence() {
        return newest.map(LoadLedger.Entry::sequence).orElse(0L);
    }

    private static boolean exists(Connection connection, String table) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            query.setString(1, table);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getBoolean(1);
            }
        }
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql); ResultSet row = query.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    private static Instant instant(Connection connection, String sql) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql); ResultSet row = query.executeQuery()) {
            row.next();
            return row.getTimestamp(1).toInstant();
        }
    }
}
