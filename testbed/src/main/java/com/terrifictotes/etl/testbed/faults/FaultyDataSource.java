package com.terrifictotes.etl.testbed.faults;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import java.util.function.Predicate;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} around a real one whose connections fail where a rule says: the nth statement whose SQL
 * matches fails before it runs; the nth COPY matching breaks after some bytes of data reached the server; or the nth
 * commit of a transaction that ran a matching statement reaches the server and then fails on its way back (the
 * transaction is committed though the caller cannot know). Every fault cuts the physical connection first, so the
 * server rolls back whatever was open, exactly as when a client vanishes.
 *
 * <p>Connections are {@link java.lang.reflect.Proxy proxies} that also implement {@code org.postgresql.PGConnection}:
 * {@code unwrap(PGConnection.class)} returns the proxy, whose {@code getCopyAPI()} counts COPY bytes. Everything else
 * is the real pgjdbc connection's behaviour.
 */
public final class FaultyDataSource implements DataSource {
    private final DataSource delegate;
    private final SqlFaults faults = new SqlFaults();

    public FaultyDataSource(DataSource delegate) {
        this.delegate = delegate;
    }

    /** The {@code nth} statement (counting those whose SQL matches {@code sql}) fails before it is sent. */
    public FaultyDataSource failStatement(int nth, Predicate<String> sql, Failure failure) {
        faults.statements.add(new SqlFaults.Rule(new NthMatch<>(nth, sql), failure, 0));
        return this;
    }

    /** The {@code nth} COPY matching {@code copySql} sends {@code afterBytes} bytes of data, then fails. */
    public FaultyDataSource failCopy(int nth, Predicate<String> copySql, long afterBytes, Failure failure) {
        faults.copies.add(new SqlFaults.Rule(new NthMatch<>(nth, copySql), failure, afterBytes));
        return this;
    }

    /**
     * The {@code nth} commit of a transaction that ran a statement matching {@code ranStatement} is carried out by
     * the server, and then the caller sees the connection fail.
     */
    public FaultyDataSource failAfterCommit(int nth, Predicate<String> ranStatement, Failure failure) {
        faults.commits.add(new SqlFaults.CommitRule(
                new NthMatch<>(nth, transaction -> transaction.stream().anyMatch(ranStatement)), failure));
        return this;
    }

    /** Whether every rule has fired: a test whose fault never fired proves nothing. */
    public boolean allFired() {
        return faults.allFired();
    }

    /** The SQL of every statement executed through this data source, in order (COPY included). */
    public List<String> statements() {
        return faults.log();
    }

    @Override
    public Connection getConnection() throws SQLException {
        return FaultyConnection.wrap(delegate.getConnection(), faults);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return FaultyConnection.wrap(delegate.getConnection(username, password), faults);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return delegate.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        delegate.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return delegate.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return delegate.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : delegate.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || delegate.isWrapperFor(type);
    }

    @Override
    public String toString() {
        return "FaultyDataSource[" + delegate + "]";
    }
}
