package com.terrifictotes.etl.loader.verify;

import com.terrifictotes.etl.catalogue.Identifiers;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The warehouse's data source with every connection's {@code search_path} set to one schema, so that the loader,
 * Flyway and the ledger queries, all of which use unqualified names, work on the replica instead. Built over any
 * data source (the Lambda's, made from its secret with its TLS and timeouts, or the operator's), so the replica is
 * reached exactly as the warehouse is.
 */
final class SchemaScopedDataSource implements DataSource {
    private final DataSource warehouse;
    private final String schema;

    SchemaScopedDataSource(DataSource warehouse, String schema) {
        this.warehouse = warehouse;
        this.schema = Identifiers.requireValid(schema);
    }

    String schema() {
        return schema;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return scoped(warehouse.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return scoped(warehouse.getConnection(username, password));
    }

    private Connection scoped(Connection connection) throws SQLException {
        try {
            connection.setSchema(schema);
            return connection;
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return warehouse.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        warehouse.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        warehouse.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return warehouse.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return warehouse.getParentLogger();
    }

    /** The warehouse's own data source answers for what it is (the loader names its host and database in errors). */
    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(warehouse) ? type.cast(warehouse) : warehouse.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(warehouse) || warehouse.isWrapperFor(type);
    }
}
