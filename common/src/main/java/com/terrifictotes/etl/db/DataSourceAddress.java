package com.terrifictotes.etl.db;

import java.sql.SQLException;
import javax.sql.DataSource;
import org.postgresql.ds.common.BaseDataSource;

/**
 * How error messages name a database: {@code host:port/dbname as user name}, built from the data source's parts and
 * never from a URL, so no password can come along. A data source that is not pgjdbc's (nor wraps one) is named by its
 * class.
 */
public final class DataSourceAddress {
    private static final int DEFAULT_PORT = 5432;

    private DataSourceAddress() {
    }

    public static String of(DataSource dataSource) {
        BaseDataSource pg = postgres(dataSource);
        if (pg == null) {
            return "(" + dataSource.getClass().getSimpleName() + ")";
        }
        String[] hosts = pg.getServerNames();
        int[] ports = pg.getPortNumbers();
        String host = hosts == null || hosts.length == 0 ? "localhost" : hosts[0];
        int port = ports == null || ports.length == 0 || ports[0] == 0 ? DEFAULT_PORT : ports[0];
        String user = pg.getUser();
        return host + ":" + port + "/" + pg.getDatabaseName() + (user == null ? "" : " as user " + user);
    }

    /** pgjdbc's data source, itself or wrapped (the verification's replica wraps the warehouse's); else null. */
    private static BaseDataSource postgres(DataSource dataSource) {
        if (dataSource instanceof BaseDataSource pg) {
            return pg;
        }
        try {
            return dataSource.isWrapperFor(BaseDataSource.class) ? dataSource.unwrap(BaseDataSource.class) : null;
        } catch (SQLException | RuntimeException e) {
            return null; // a data source that cannot tell is named by its class
        }
    }
}
