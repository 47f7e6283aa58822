package com.terrifictotes.etl.extractor;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * One read-only {@code REPEATABLE READ} transaction: every table of a run is read from the same snapshot, and the
 * instant the run's bound is computed from is read inside it.
 *
 * <p>{@code SELECT transaction_timestamp()} is the transaction's first statement, so it takes the snapshot: the
 * instant is at or before the snapshot, and every row that had committed by then is visible. It is an instant
 * (a {@code timestamptz}, microseconds), read as an {@link OffsetDateTime}, so no session {@code TimeZone} is set or
 * read: the bound {@code hi} is that instant on the source's wall clock, converted in Java ({@link WallClock}).
 * PostgreSQL is never asked to parse a zone, because it reads {@code +02:00}, {@code UTC+2} and {@code GMT+2}
 * POSIX-style, as two hours west, where Java reads two hours east.
 */
final class SourceSnapshot implements AutoCloseable {
    private final Connection connection;
    private final Instant instant;

    private SourceSnapshot(Connection connection, Instant instant) {
        this.connection = connection;
        this.instant = instant;
    }

    /** Opens the transaction; the caller closes it. SQL errors are the caller's to name. */
    public static SourceSnapshot open(Connection connection) throws SQLException {
        try {
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            connection.setAutoCommit(false);
            return new SourceSnapshot(connection, readInstant(connection));
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private static Instant readInstant(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(
                     "SELECT transaction_timestamp(), current_setting('transaction_isolation'), "
                             + "current_setting('transaction_read_only')")) {
            row.next();
            if (!"repeatable read".equals(row.getString(2)) || !"on".equals(row.getString(3))) {
                throw new SQLException("expected a read-only repeatable read transaction, got "
                        + row.getString(2) + " (read only: " + row.getString(3) + ")");
            }
            return row.getObject(1, OffsetDateTime.class).toInstant();
        }
    }

    public Connection connection() {
        return connection;
    }

    /** The database's clock when the snapshot was taken (the transaction's start), to the microsecond. */
    public Instant instant() {
        return instant;
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
