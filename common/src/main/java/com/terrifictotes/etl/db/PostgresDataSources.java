package com.terrifictotes.etl.db;

import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Builds pgjdbc data sources. The password goes into the data source's properties, never into a URL, because URLs
 * end up in exception messages. TLS follows {@code sslMode}: {@code verify-full} in production (with the RDS CA
 * bundle as {@code sslRootCert}), {@code prefer} locally. Every connection is bounded by {@link DatabaseTimeouts}: a
 * server that stops answering, a statement that never ends or a lock never released fails the invocation.
 */
public final class PostgresDataSources {
    public static final String DEFAULT_SSL_MODE = "prefer";
    /** Five minutes a statement, a minute a lock: far above any statement at SF100, far below Lambda's limit. */
    public static final DatabaseTimeouts DEFAULT_TIMEOUTS = DatabaseTimeouts.LOADER;

    private PostgresDataSources() {
    }

    /** With the default timeouts: for tests and tools that do not configure them. */
    public static DataSource create(DatabaseSecret secret, String applicationName, String sslMode,
                                    String sslRootCert) {
        return create(secret, applicationName, sslMode, sslRootCert, DEFAULT_TIMEOUTS);
    }

    public static DataSource create(DatabaseSecret secret, String applicationName, String sslMode,
                                    String sslRootCert, DatabaseTimeouts timeouts) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {secret.host()});
        ds.setPortNumbers(new int[] {secret.port()});
        ds.setDatabaseName(secret.dbname());
        ds.setUser(secret.username());
        ds.setPassword(secret.password());
        ds.setApplicationName(applicationName);
        ds.setSslMode(sslMode == null || sslMode.isBlank() ? DEFAULT_SSL_MODE : sslMode);
        if (sslRootCert != null && !sslRootCert.isBlank()) {
            ds.setSslRootCert(sslRootCert);
        }
        ds.setConnectTimeout(10);
        ds.setLoginTimeout(timeouts.loginSeconds());
        ds.setSocketTimeout(timeouts.socketSeconds());
        ds.setOptions(timeouts.serverOptions());
        ds.setTcpKeepAlive(true);
        return ds;
    }

    /** A data source from a JDBC URL plus separate credentials: the local runner's configuration. */
    public static DataSource fromUrl(String jdbcUrl, String user, String password, String applicationName) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(jdbcUrl);
        ds.setUser(user);
        ds.setPassword(password);
        ds.setApplicationName(applicationName);
        return ds;
    }
}
