package com.terrifictotes.etl.loader;

import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.error.EtlException;
import com.terrifictotes.etl.manifest.DataFile;
import com.terrifictotes.etl.manifest.OperatorDecision;
import com.terrifictotes.etl.manifest.SkippedBatchRows;
import com.terrifictotes.etl.manifest.TableOutput;
import com.terrifictotes.etl.s3.Sha256;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A batch the loader records without its rows, because an operator decided so ({@code ./pipeline quarantine-batch N}
 * on a batch the loader cannot apply: an object lost, a file corrupted). In one transaction, under the loaders' lock:
 * one {@code etl_rejected_row} per warehouse table the batch held (stage {@value WarehouseCatalogue#STAGE_LOAD},
 * naming the table, its rows and its objects; one naming the manifest if even that cannot be read), and the ledger
 * row that lets the next batch follow. The processed objects stay where they are; the reconciliation pass
 * re-delivers the rows from the source.
 */
final class SkippedBatch {
    /** The ledger's checksum of a batch whose manifest could not be read at all. */
    static final String NO_MANIFEST = "none: manifest unreadable or absent";
    private static final String INSERT = "INSERT INTO " + WarehouseCatalogue.ETL_REJECTED_ROW.quotedName()
            + " (rejected_in_batch, source_table, source_id, column_name, last_updated, stage, reason, value)"
            + " VALUES (?, ?, ?, ?, NULL, ?, ?, ?)";

    private final ProcessedZone zone;
    private final Warehouse warehouse;

    SkippedBatch(ProcessedZone zone, Warehouse warehouse) {
        this.zone = zone;
        this.warehouse = warehouse;
    }

    /** The batch as recorded, or empty if the ledger already held it. */
    Optional<AppliedBatch> record(Connection connection, String manifestKey, long sequence,
                                  OperatorDecision decision) {
        long started = System.nanoTime();
        List<SkippedBatchRows.Row> rows = rejectedRows(manifestKey, decision);
        String sha256 = zone.readIfExists(manifestKey).map(Sha256::hex).orElse(NO_MANIFEST);
        boolean committed = false;
        try {
            connection.setAutoCommit(false);
            LoadLedger.lock(connection);
            long last = LoadLedger.lastSequence(connection);
            if (last >= sequence) {
                return Optional.empty();
            }
            if (last != sequence - 1) {
                throw new IllegalStateException("cannot skip " + manifestKey + ": the ledger is at sequence " + last);
            }
            Map<String, Long> quarantined = new LinkedHashMap<>();
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                for (SkippedBatchRows.Row row : rows) {
                    insert.setInt(1, Math.toIntExact(sequence));
                    insert.setString(2, row.table());
                    insert.setString(3, WarehouseCatalogue.WHOLE_BATCH);
                    insert.setString(4, WarehouseCatalogue.WHOLE_BATCH);
                    insert.setString(5, WarehouseCatalogue.STAGE_LOAD);
                    insert.setString(6, row.reason());
                    insert.setString(7, row.value());
                    insert.addBatch();
                    quarantined.put(row.table(), row.rows());
                }
                insert.executeBatch();
            }
            LoadLedger.recordSkipped(connection, manifestKey, sequence, sha256, quarantined,
                    zone.uri(decision.key()));
            connection.commit();
            committed = true;
            return Optional.of(new AppliedBatch(manifestKey, sequence, List.of(), quarantined,
                    (System.nanoTime() - started) / 1_000_000));
        } catch (SQLException e) {
            throw warehouse.failure("recording " + zone.uri(manifestKey) + " as quarantined", e);
        } finally {
            try {
                if (!committed) {
                    connection.rollback();
                }
                connection.setAutoCommit(true);
            } catch (SQLException ignored) {
                // a broken connection has no transaction left to roll back
            }
        }
    }

    /** As far as the manifest can be read, a row per warehouse table with rows; otherwise one naming the manifest. */
    private List<SkippedBatchRows.Row> rejectedRows(String manifestKey, OperatorDecision decision) {
        SkippedBatchRows rows = new SkippedBatchRows(decision, "processed_manifest", zone.uri(manifestKey));
        try {
            for (TableOutput table : zone.read(manifestKey).manifest().tables()) {
                rows.table(table.table(), table.rows(), table.files().stream().map(DataFile::key).map(zone::uri)
                        .toList());
            }
        } catch (EtlException | IllegalArgumentException e) {
            rows.unreadable(e.getMessage());
        }
        return rows.rows();
    }
}
