package com.terrifictotes.etl.loader;

import com.terrifictotes.etl.db.DataSourceAddress;
import com.terrifictotes.etl.db.DatabaseTimeouts;
import com.terrifictotes.etl.error.BadInputException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The warehouse database as the loader sees it: a data source plus a printable address for error messages.
 * SQL failures are sorted here: data and integrity errors (SQLSTATE classes 22 and 23) mean the batch is bad input;
 * everything else is a warehouse failure naming the database.
 */
final class Warehouse {
    static final String SESSION_SETTINGS = "SET idle_in_transaction_session_timeout = '5min';"
            + " SET tcp_keepalives_idle = 60; SET tcp_keepalives_interval = 10; SET tcp_keepalives_count = 6";

    private final DataSource dataSource;
    private final String address;

    Warehouse(DataSource dataSource) {
        this.dataSource = dataSource;
        this.address = DataSourceAddress.of(dataSource);
    }

    DataSource dataSource() {
        return dataSource;
    }

    /**
     * {@link DataSourceAddress}: {@code host:port/database as user name}, or the class of a data source that does not
     * tell.
     */
    String address() {
        return address;
    }

    /**
     * A connection whose server side gives up on a client that stops responding. A Lambda that times out is frozen,
     * not closed: without these, its session would keep the loaders' lock (and an open transaction) until the
     * operating system's two-hour keepalive, blocking every later load. With them, a frozen loader's transaction
     * is rolled back within minutes: when it idles inside the transaction, or when its socket stops answering.
     */
    Connection connect() {
        try {
            Connection connection = dataSource.getConnection();
            try (Statement session = connection.createStatement()) {
                session.execute(SESSION_SETTINGS);
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
            return connection;
        } catch (SQLException e) {
            throw new WarehouseException("cannot connect to the warehouse " + address + ": " + e.getMessage()
                    + DatabaseTimeouts.explain(e), e);
        }
    }

    /** Opens and closes one connection: an unreachable warehouse or a refused login fails here, clearly. */
    void requireReachable() {
        try (Connection connection = connect()) {
            connection.isValid(5);
        } catch (SQLException e) {
            throw new WarehouseException("cannot connect to the warehouse " + address + ": " + e.getMessage(), e);
        }
    }

    /** Turns a SQL failure while doing {@code what} into the pipeline's error for it. */
    RuntimeException failure(String what, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.startsWith("22") || state.startsWith("23")) {
            return new BadInputException(what + ": " + e.getMessage(), e);
        }
        return new WarehouseException(what + " in the warehouse " + address + " failed: " + e.getMessage()
                + DatabaseTimeouts.explain(e), e);
    }
}
