package com.terrifictotes.etl.extractor;

import com.terrifictotes.etl.db.DatabaseTimeouts;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;
import org.postgresql.ds.common.BaseDataSource;

/**
 * The ToteSys database: where connections come from and how error messages name it ({@code host:port/dbname}, the
 * user, never the password, which is why the description is built from the parts and never from a URL).
 */
public record SourceDatabase(DataSource dataSource, String description) {
    public SourceDatabase {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(description, "description");
    }

    public static SourceDatabase of(DataSource dataSource) {
        return new SourceDatabase(dataSource, describe(dataSource));
    }

    static String describe(DataSource dataSource) {
        if (dataSource instanceof BaseDataSource pg) {
            String[] hosts = pg.getServerNames();
            int[] ports = pg.getPortNumbers();
            String host = hosts == null || hosts.length == 0 ? "localhost" : hosts[0];
            String port = ports == null || ports.length == 0 || ports[0] == 0 ? "5432" : String.valueOf(ports[0]);
            return host + ":" + port + "/" + pg.getDatabaseName() + " as user " + pg.getUser();
        }
        return "the source database";
    }

    /** A failure to talk to this database, as one message naming it and the driver's reason. */
    public SourceDatabaseException failure(String what, SQLException e) {
        return new SourceDatabaseException(what + " source database " + description + ": " + reason(e), e);
    }

    private static String reason(SQLException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return (e.getSQLState() == null ? message : message + " (SQLSTATE " + e.getSQLState() + ")")
                + DatabaseTimeouts.explain(e);
    }
}
