package com.terrifictotes.etl.loader;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The row versions a batch set aside, read back from {@code etl_rejected_row} inside the batch's transaction once
 * its rows are in: counted per source table for the ledger and the metrics, and each named in one WARN line (the
 * first {@value #VERSIONS_LOGGED} of a batch; the table holds them all).
 */
final class QuarantinedRows {
    static final int VERSIONS_LOGGED = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(QuarantinedRows.class);
    private static final String TABLE = WarehouseCatalogue.ETL_REJECTED_ROW.quotedName();
    /** One row per rejected version of the batch: its table, key, stamp, stage and every offending value. */
    private static final String VERSIONS = "SELECT source_table, source_id, last_updated::text, stage,"
            + " string_agg(column_name || ' ' || reason, '; ' ORDER BY column_name)"
            + " FROM " + TABLE + " WHERE rejected_in_batch = ?"
            + " GROUP BY source_table, source_id, last_updated, stage ORDER BY source_table, source_id";
    private static final String SUPERSEDED = "SELECT count(DISTINCT (rejected_in_batch, source_table, source_id))"
            + " FROM " + TABLE + " WHERE superseded_in_batch = ?";

    private QuarantinedRows() {
    }

    /** Versions the batch set aside, per source table (tables with none left out), each logged. */
    static Map<String, Long> of(Connection connection, Warehouse warehouse, String manifestUri, int batch) {
        Map<String, Long> versions = new LinkedHashMap<>();
        try (PreparedStatement query = connection.prepareStatement(VERSIONS)) {
            query.setInt(1, batch);
            try (ResultSet rows = query.executeQuery()) {
                long logged = 0;
                while (rows.next()) {
                    versions.merge(rows.getString(1), 1L, Long::sum);
                    if (logged++ < VERSIONS_LOGGED) {
                        LOG.warn("row version quarantined: it is in etl_rejected_row, not in the star schema",
                                entry("manifest", manifestUri), entry("source_table", rows.getString(1)),
                                entry("source_id", rows.getString(2)), entry("last_updated", rows.getString(3)),
                                entry("stage", rows.getString(4)), entry("problems", rows.getString(5)));
                    }
                }
                if (logged > VERSIONS_LOGGED) {
                    LOG.warn("more row versions quarantined than logged: query etl_rejected_row for all",
                            entry("manifest", manifestUri), entry("quarantined", logged),
                            entry("logged", VERSIONS_LOGGED), entry("rejected_in_batch", batch));
                }
            }
            long superseded = superseded(connection, batch);
            if (superseded > 0) {
                LOG.info("quarantined row versions superseded: a later version of the same row loaded",
                        entry("manifest", manifestUri), entry("superseded", superseded));
            }
            return versions;
        } catch (SQLException e) {
            throw warehouse.failure("reading the rows " + manifestUri + " quarantined", e);
        }
    }

    private static long superseded(Connection connection, int batch) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(SUPERSEDED)) {
            query.setInt(1, batch);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
