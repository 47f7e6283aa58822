package com.terrifictotes.etl.db;

import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Builds pgjdbc data sources. The password goes into the data source's properties, never into a URL, because URLs
 * end up in exception messages. TLS follows {@code sslMode}: {@code verify-full} in production (with the RDS CA
 * bundle as {@code sslRootCert}), {@code prefer} locally.
 */
public final class PostgresDataSources {
    public static final String DEFAULT_SSL_MODE = "prefer";

    private PostgresDataSources() {
    }

    public static DataSource create(DatabaseSecret secret, String applicationName, String sslMode,
                                    String sslRootCert) {
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
        ds.setSocketTimeout(0);
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
