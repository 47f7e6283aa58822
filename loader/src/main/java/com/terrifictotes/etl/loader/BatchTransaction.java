package com.terrifictotes.etl.loader;

import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import com.terrifictotes.etl.db.DatabaseTimeouts;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies one processed manifest in one transaction: take the loaders' advisory lock, re-check the ledger (another
 * loader may have applied the batch while this one waited), load every table in catalogue order (dimensions, with
 * dim_date, before the facts that reference them, inferring the dimension rows they lack; then the quarantined
 * rows), record the batch in the ledger with what it inferred and quarantined, commit. Any failure rolls the whole
 * batch back, so the warehouse never holds half a batch.
 */
final class BatchTransaction {
    private final TableLoader tables;
    private final Warehouse warehouse;

    BatchTransaction(TableLoader tables, Warehouse warehouse) {
        this.tables = tables;
        this.warehouse = warehouse;
    }

    /** The applied batch, or empty if the ledger already holds it (applied by a concurrent loader). */
    Optional<AppliedBatch> apply(Connection connection, String manifestUri, ProcessedBatch batch) {
        long started = System.nanoTime();
        boolean committed = false;
        try {
            connection.setAutoCommit(false);
            lock(connection, manifestUri);
            long last = LoadLedger.lastSequence(connection);
            if (last >= batch.sequence()) {
                requireSameManifest(connection, manifestUri, batch);
                return Optional.empty();
            }
            if (last != batch.sequence() - 1) {
                throw new IllegalStateException("cannot apply " + batch.key() + ": the ledger is at sequence " + last);
            }
            int sequence = etlBatch(batch);
            InferredRows inferred = new InferredRows(warehouse);
            List<TableCounts> loaded = new ArrayList<>();
            for (WarehouseTable table : WarehouseCatalogue.TABLES) {
                loaded.add(tables.load(connection, manifestUri, sequence, table, batch.files(table), inferred));
            }
            List<TableCounts> counts = loaded.stream().map(c -> c.withInferred(inferred.created(c.table()))).toList();
            Map<String, Long> quarantined = QuarantinedRows.of(connection, warehouse, manifestUri, sequence);
            LoadLedger.record(connection, batch, counts, quarantined);
            connection.commit();
            committed = true;
            return Optional.of(new AppliedBatch(batch.key(), batch.sequence(), counts, quarantined,
                    (System.nanoTime() - started) / 1_000_000));
        } catch (SQLException e) {
            throw warehouse.failure("applying " + manifestUri, e);
        } finally {
            endTransaction(connection, committed);
        }
    }

    /** A batch another loader applied meanwhile must have been this very manifest, byte for byte. */
    private void requireSameManifest(Connection connection, String manifestUri, ProcessedBatch batch)
            throws SQLException {
        Optional<LoadLedger.Entry> recorded = LoadLedger.at(connection, batch.sequence());
        if (recorded.isPresent() && recorded.get().operatorDecision() == null
                && !recorded.get().manifestSha256().equals(batch.sha256())) {
            throw new LedgerConflictException(manifestUri + " has SHA-256 " + batch.sha256()
                    + " but the load ledger of " + warehouse.address() + " recorded " + recorded.get().manifestSha256()
                    + " when it applied batch " + batch.sequence()
                    + ": the manifest was re-published with other content; nothing is loaded");
        }
    }

    /**
     * Takes the loaders' lock, waiting at most the lock timeout: a loader that holds it longer (a big first load, or
     * one frozen mid-batch until the server drops its session) makes this invocation fail rather than wait for ever.
     */
    private void lock(Connection connection, String manifestUri) throws SQLException {
        try {
            LoadLedger.lock(connection);
        } catch (SQLException e) {
            if (!LoadLedger.LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                throw e;
            }
            throw new WarehouseException("cannot apply " + manifestUri + ": another loader holds the warehouse "
                    + warehouse.address() + " (its load lock was not released within the lock timeout, "
                    + DatabaseTimeouts.LOCK_VARIABLE + "); nothing was applied, and the batch is applied by that "
                    + "loader or by the next run", e);
        }
    }

    /**
     * The batch's sequence as the warehouse records it in {@code etl_batch} and {@code etl_rejected_row}: an integer,
     * room for one batch every 15 minutes for 60,000 years; beyond it the batch fails rather than wrap.
     */
    private static int etlBatch(ProcessedBatch batch) {
        if (batch.sequence() > Integer.MAX_VALUE) {
            throw new IllegalStateException("cannot apply " + batch.key() + ": sequence " + batch.sequence()
                    + " exceeds the warehouse's integer etl_batch");
        }
        return (int) batch.sequence();
    }

    /** Rolls back whatever did not commit (releasing the lock) and returns the connection to autocommit. */
    private static void endTransaction(Connection connection, boolean committed) {
        try {
            if (!committed) {
                connection.rollback();
            }
            connection.setAutoCommit(true);
        } catch (SQLException ignored) {
            // a broken connection has no transaction left to roll back; the server discards it
        }
    }
}
