package com.terrifictotes.etl.local;

import com.terrifictotes.etl.error.StorageException;
import com.terrifictotes.etl.manifest.OperatorDecision;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import javax.sql.DataSource;

/** The warehouse's audit of operator decisions ({@code etl_operator_decision}, created by migration V3). */
final class OperatorDecisions {
    private OperatorDecisions() {
    }

    /** Records the decision once; recording it again (a retried command) changes nothing. */
    static void record(DataSource warehouse, OperatorDecision decision, String decisionUri) {
        try (Connection connection = warehouse.getConnection()) {
            try (PreparedStatement table = connection.prepareStatement(
                    "SELECT to_regclass('etl_operator_decision') IS NOT NULL"); ResultSet row = table.executeQuery()) {
                row.next();
                if (!row.getBoolean(1)) {
                    throw new StorageException("the warehouse has no etl_operator_decision table: it has not been"
                            + " migrated to schema version 3 yet (the loader migrates it on its next run)");
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO etl_operator_decision (decided_at, decided_by, action, stage, sequence, reason,"
                            + " decision_object) VALUES (?, ?, ?, ?, ?, ?, ?)"
                            + " ON CONFLICT (action, stage, sequence) DO NOTHING")) {
                insert.setTimestamp(1, Timestamp.from(decision.decidedAt()));
                insert.setString(2, decision.decidedBy());
                insert.setString(3, decision.action());
                insert.setString(4, decision.stage());
                insert.setLong(5, decision.sequence());
                insert.setString(6, decision.reason());
                insert.setString(7, decisionUri);
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            throw new StorageException("cannot record the decision in the warehouse: " + e.getMessage(), e);
        }
    }
}
