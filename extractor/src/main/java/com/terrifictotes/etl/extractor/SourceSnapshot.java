package com.terrifictotes.etl.extractor;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * One read-only {@code REPEATABLE READ} transaction: every table of a run is read from the same snapshot, and the
 * run's upper bound {@code hi} is read inside it.
 *
 * <p>Order matters. The session {@code TimeZone} is set first, outside the transaction, because pgjdbc otherwise
 * sets it to the JVM's default zone, and {@code localtimestamp} is the transaction's start time in the session zone.
 * Then {@code SELECT localtimestamp} is the transaction's first statement, so it takes the snapshot: {@code hi} is at
 * or before the snapshot, and every row that had committed with {@code last_updated < hi} by then is visible.
 * {@code localtimestamp} keeps microseconds and has no zone, like the {@code timestamp without time zone} column it
 * is compared with; it is read as a {@link LocalDateTime}, never through {@code java.sql.Timestamp}.
 */
public final class SourceSnapshot implements AutoCloseable {
    private final Connection connection;
    private final LocalDateTime bound;

    private SourceSnapshot(Connection connection, LocalDateTime bound) {
        this.connection = connection;
        this.bound = bound;
    }

    /** Opens the transaction; the caller closes it. SQL errors are the caller's to name. */
    public static SourceSnapshot open(Connection connection, ZoneId sourceTimeZone) throws SQLException {
        try {
            try (PreparedStatement zone = connection.prepareStatement("SELECT set_config('TimeZone', ?, false)")) {
                zone.setString(1, sourceTimeZone.getId());
                zone.execute();
            }
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            connection.setAutoCommit(false);
            return new SourceSnapshot(connection, readBound(connection));
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private static LocalDateTime readBound(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(
                     "SELECT localtimestamp, current_setting('transaction_isolation'), "
                             + "current_setting('transaction_read_only')")) {
            row.next();
            if (!"repeatable read".equals(row.getString(2)) || !"on".equals(row.getString(3))) {
                throw new SQLException("expected a read-only repeatable read transaction, got "
                        + row.getString(2) + " (read only: " + row.getString(3) + ")");
            }
            return row.getObject(1, LocalDateTime.class);
        }
    }

    public Connection connection() {
        return connection;
    }

    /** The run's exclusive upper bound {@code hi}. */
    public LocalDateTime bound() {
        return bound;
    }

    /** Ends the read-only transaction (nothing to commit) and closes the connection. */
    @Override
    public void close() throws SQLException {
        try {
            connection.rollback();
        } finally {
            connection.close();
        }
    }
}
