package com.terrifictotes.etl.bench;

import com.terrifictotes.etl.catalogue.Identifiers;
import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.catalogue.ToteSysCatalogue;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The extract's physical limit: PostgreSQL writing the same rows as CSV itself, {@code COPY (SELECT ...) TO STDOUT},
 * with the extractor's own select list, filter and order, and every non-null value quoted as the extractor quotes
 * it, into a sink that only counts. No network beyond the local socket, no S3, no JVM-side encoding.
 */
final class CopyOutReference {
    private CopyOutReference() {
    }

    static Measurement measure(DataSource toteSys) throws SQLException, java.io.IOException {
        long rows = 0;
        CountingOutputStream sink = new CountingOutputStream();
        long started;
        long nanos;
        try (Connection connection = toteSys.getConnection()) {
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            started = System.nanoTime();
            for (SourceTable table : ToteSysCatalogue.TABLES) {
                rows += copy.copyOut(sql(table), sink);
            }
            nanos = System.nanoTime() - started;
        }
        return Measurement.reference(rows, sink.count(), nanos);
    }

    /** The extractor's query for a first run (everything before the snapshot's bound), as COPY. */
    static String sql(SourceTable table) {
        String cursor = Identifiers.quote(SourceTable.LAST_UPDATED);
        return "COPY (SELECT " + table.selectList() + " FROM " + table.quotedName()
                + " WHERE " + cursor + " < localtimestamp"
                + " ORDER BY " + cursor + ", " + Identifiers.quote(table.primaryKey())
                + ") TO STDOUT (FORMAT csv, HEADER, FORCE_QUOTE *)";
    }
}
