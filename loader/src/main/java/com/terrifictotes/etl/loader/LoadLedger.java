package com.terrifictotes.etl.loader;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code load_ledger} table (created by the warehouse migration): one row per processed manifest applied,
 * written in the same transaction as the manifest's data. It is what makes the effect exactly-once, and what tells
 * the loader where to continue.
 */
public final class LoadLedger {
    /** Serialises loaders: the key of the transaction-scoped advisory lock every load takes first. */
    static final long ADVISORY_LOCK_KEY = 0x746f7465735f6c64L; // "totes_ld"
    /** SQLSTATE of a lock wait cut off by {@code lock_timeout}. */
    static final String LOCK_NOT_AVAILABLE = "55P03";

    private static final ObjectMapper JSON = new ObjectMapper();

    private LoadLedger() {
    }

    /**
     * Waits until no other loader's transaction holds the lock, at most the session's {@code lock_timeout} (then
     * SQLSTATE {@value #LOCK_NOT_AVAILABLE}); released by this transaction's end.
     */
    static void lock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            lock.setLong(1, ADVISORY_LOCK_KEY);
            lock.execute();
        }
    }

    /** The highest sequence applied so far; 0 for a warehouse that has loaded nothing. */
    public static long lastSequence(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT coalesce(max(sequence), 0) FROM load_ledger");
             ResultSet row = query.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    /** One recorded batch: which manifest, and the SHA-256 of its bytes when it was applied. */
    public record Entry(long sequence, String manifestKey, String manifestSha256, String operatorDecision) {
    }

    /** The newest batch the ledger holds, if any. */
    public static Optional<Entry> newest(Connection connection) throws SQLException {
        return entry(connection, "ORDER BY sequence DESC LIMIT 1", null);
    }

    /** The ledger's row for one sequence, if it holds that batch. */
    public static Optional<Entry> at(Connection connection, long sequence) throws SQLException {
        return entry(connection, "WHERE sequence = ?", sequence);
    }

    /**
     * Whether the ledger table exists: it can be dropped by hand, and Flyway, whose history says V1 ran, won't notice.
     */
    public static boolean exists(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT to_regclass('load_ledger') IS NOT NULL");
             ResultSet row = query.executeQuery()) {
            row.next();
            return row.getBoolean(1);
        }
    }

    private static Optional<Entry> entry(Connection connection, String where, Long sequence) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT sequence, manifest_key, manifest_sha256, operator_decision FROM load_ledger " + where)) {
            if (sequence != null) {
                query.setLong(1, sequence);
            }
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(new Entry(row.getLong(1), row.getString(2), row.getString(3),
                        row.getString(4))) : Optional.empty();
            }
        }
    }

    /**
     * A batch recorded without its rows, on an operator's decision: its tables are empty, what it held is counted
     * as quarantined (per warehouse table), and the decision object is named.
     */
    static void recordSkipped(Connection connection, String manifestKey, long sequence, String manifestSha256,
                              Map<String, Long> quarantined, String decisionUri) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO load_ledger (manifest_key, sequence, manifest_sha256, table_counts, inferred_rows,"
                        + " quarantined_rows, quarantined, operator_decision)"
                        + " VALUES (?, ?, ?, '{}'::jsonb, 0, ?, ?::jsonb, ?)")) {
            insert.setString(1, manifestKey);
            insert.setLong(2, sequence);
            insert.setString(3, manifestSha256);
            insert.setLong(4, quarantined.values().stream().mapToLong(Long::longValue).sum());
            insert.setString(5, quarantinedJson(quarantined));
            insert.setString(6, decisionUri);
            insert.executeUpdate();
        }
    }

    /**
     * @param quarantined row versions the batch set aside, per source table
     */
    static void record(Connection connection, ProcessedBatch batch, List<TableCounts> tables,
                       Map<String, Long> quarantined) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO load_ledger (manifest_key, sequence, manifest_sha256, table_counts, inferred_rows,"
                        + " quarantined_rows, quarantined) VALUES (?, ?, ?, ?::jsonb, ?, ?, ?::jsonb)")) {
            insert.setString(1, batch.key());
            insert.setLong(2, batch.sequence());
            insert.setString(3, batch.sha256());
            insert.setString(4, tableCountsJson(tables));
            insert.setLong(5, tables.stream().mapToLong(TableCounts::inferred).sum());
            insert.setLong(6, quarantined.values().stream().mapToLong(Long::longValue).sum());
            insert.setString(7, quarantinedJson(quarantined));
            insert.executeUpdate();
        }
    }

    /**
     * {@code {"dim_date": {"inserted": n, "updated": n, "unchanged": n, "inferred": n}, ...}}, the shape the
     * migrations document.
     */
    static String tableCountsJson(List<TableCounts> tables) {
        ObjectNode root = JSON.createObjectNode();
        for (TableCounts counts : tables) {
            root.putObject(counts.table())
                    .put("inserted", counts.inserted())
                    .put("updated", counts.updated())
                    .put("unchanged", counts.unchanged())
                    .put("inferred", counts.inferred());
        }
        return root.toString();
    }

    /** {@code {"sales_order": 2, ...}}: the versions set aside per source table. */
    static String quarantinedJson(Map<String, Long> quarantined) {
        ObjectNode root = JSON.createObjectNode();
        quarantined.forEach(root::put);
        return root.toString();
    }
}
