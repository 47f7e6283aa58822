package com.terrifictotes.etl.extractor;

import com.terrifictotes.etl.db.DataSourceAddress;
import com.terrifictotes.etl.db.DatabaseTimeouts;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;

/** The ToteSys database: where connections come from and how error messages name it ({@link DataSourceAddress}). */
public record SourceDatabase(DataSource dataSource, String description) {
    public SourceDatabase {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(description, "description");
    }

    public static SourceDatabase of(DataSource dataSource) {
        return new SourceDatabase(dataSource, DataSourceAddress.of(dataSource));
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
