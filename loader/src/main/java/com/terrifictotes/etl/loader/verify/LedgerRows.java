package com.terrifictotes.etl.loader.verify;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Every row of a warehouse's {@code load_ledger}, oldest first, with what the loader counted: what the verification
 * checks against the manifests, and compares between the warehouse and its replica.
 */
final class LedgerRows {
    /** One applied (or, with {@code operatorDecision}, skipped) batch and what the loader counted for it. */
    record Row(long sequence, String manifestKey, String manifestSha256, String tableCounts, long inferredRows,
               long quarantinedRows, String quarantined, String operatorDecision, Instant loadedAt) {
        /** What the loader counted: equal for two warehouses that applied the same manifest to the same state. */
        String counts() {
            return tableCounts + " inferred=" + inferredRows + " quarantined=" + quarantined;
        }
    }

    private LedgerRows() {
    }

    static List<Row> read(Connection connection) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT sequence, manifest_key, manifest_sha256,"
                + " table_counts::text, inferred_rows, quarantined_rows, quarantined::text, operator_decision,"
                + " loaded_at FROM load_ledger ORDER BY sequence"); ResultSet result = query.executeQuery()) {
            while (result.next()) {
                rows.add(new Row(result.getLong(1), result.getString(2), result.getString(3), result.getString(4),
                        result.getLong(5), result.getLong(6), result.getString(7), result.getString(8),
                        result.getTimestamp(9).toInstant()));
            }
        }
        return rows;
    }
}
