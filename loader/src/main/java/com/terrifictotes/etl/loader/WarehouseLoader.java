package com.terrifictotes.etl.loader;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.terrifictotes.etl.db.AppliedMigrations;
import com.terrifictotes.etl.db.WarehouseMigrations;
import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.manifest.OperatorDecision;
import com.terrifictotes.etl.runtime.ManifestSearch;
import com.terrifictotes.etl.runtime.RowBudget;
import com.terrifictotes.etl.s3.Sha256;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Brings the warehouse up to date with the processed bucket: applies every processed manifest not yet in the load
 * ledger, strictly in sequence order, each in its own transaction.
 *
 * <p>Processed sequences are contiguous, so the next manifest to apply is always (last in the ledger) + 1. When it
 * does not exist yet (its transform is still running, or its S3 event was lost) the loader stops at the gap and
 * applies nothing beyond it; a later invocation, or the daily catch-up, continues. Duplicate, late and out-of-order
 * events therefore all converge on the in-order result, and the event itself is only a wake-up call.
 */
public final class WarehouseLoader {
    private static final Logger LOG = LoggerFactory.getLogger(WarehouseLoader.class);

    private final ProcessedZone zone;
    private final Warehouse warehouse;
    private final BatchTransaction transaction;
    private final SkippedBatch skipped;
    private final LoadListener listener;
    private volatile boolean migrated;

    public WarehouseLoader(S3Client s3, String processedBucket, DataSource warehouse, LoadListener listener) {
        this(s3, processedBucket, warehouse, listener, ForeignKeyPolicy.DEFAULT);
    }

    WarehouseLoader(S3Client s3, String processedBucket, DataSource warehouse, LoadListener listener,
                    ForeignKeyPolicy foreignKeys) {
        this.zone = new ProcessedZone(s3, processedBucket);
        this.warehouse = new Warehouse(warehouse);
        this.transaction = new BatchTransaction(new TableLoader(zone, this.warehouse, foreignKeys), this.warehouse);
        this.skipped = new SkippedBatch(zone, this.warehouse);
        this.listener = listener;
    }

    public WarehouseLoader(S3Client s3, String processedBucket, DataSource warehouse) {
        this(s3, processedBucket, warehouse, LoadListener.NONE);
    }

    /** {@code host:port/database} of the warehouse, for logs. */
    public String warehouseAddress() {
        return warehouse.address();
    }

    /** Applies all pending manifests, oldest first, up to the first gap. */
    public LoadReport loadPending() {
        return loadPending(Long.MAX_VALUE);
    }

    /**
     * Applies pending manifests, oldest first, up to the first gap and up to sequence {@code upTo} (a replica brought
     * to exactly the batches another warehouse holds). First checks that the ledger's newest batch is still the
     * processed zone's object of that key, byte for byte: a ledger that continued from another bucket's history, or a
     * manifest re-published with other content, stops the load loudly ({@link LedgerConflictException}).
     */
    public LoadReport loadPending(long upTo) {
        return loadPending(upTo, () -> true);
    }

    /**
     * The same, asking {@code goOn} after each batch it applies or skips whether to start another: false ends the
     * call there, with that batch committed (the verification's replay, bounded by the time its invocation has left).
     * Every call that finds a batch to apply applies at least that one.
     */
    public LoadReport loadPending(long upTo, BooleanSupplier goOn) {
        return load(upTo, goOn, RowBudget.UNBOUNDED);
    }

    /**
     * Applies pending manifests, oldest first, up to the first gap, stopping before a manifest once {@code budget}
     * would be passed ({@link RowBudget#admits}, the processed manifests' row counts): one bounded invocation. A
     * manifest another loader applied meanwhile (found in the ledger once this one holds the advisory lock) is not
     * charged: the call goes on to the next. The report says whether it stopped at the budget
     * ({@link LoadReport#caughtUp()} false).
     */
    public LoadReport loadPending(RowBudget budget) {
        return load(Long.MAX_VALUE, () -> true, budget);
    }

    private LoadReport load(long upTo, BooleanSupplier goOn, RowBudget budget) {
        migrateOnce();
        List<AppliedBatch> applied = new ArrayList<>();
        long rows = 0;
        try (Connection connection = warehouse.connect()) {
            requireLedgerMatchesZone(connection);
            while (true) {
                long last = LoadLedger.lastSequence(connection);
                if (last >= upTo) {
                    return report(applied, last, null, null);
                }
                Optional<String> next = zone.firstManifestAfter(last);
                Optional<OperatorDecision> decision = zone.loadDecision(last + 1);
                if (decision.isPresent()) {
                    skipOne(connection, BucketLayout.processedManifestKey(last + 1), last + 1, decision.get())
                            .ifPresent(applied::add);
                } else if (next.isEmpty()) {
                    LOG.info("warehouse up to date", entry("ledger_sequence", last));
                    return report(applied, last, null, null);
                } else if (BucketLayout.processedSequence(next.get()).orElseThrow() != last + 1) {
                    return gap(applied, last, next.get());
                } else {
                    ProcessedBatch batch = zone.read(next.get());
                    if (!budget.admits(applied.size(), rows, batch.rows())) {
                        LOG.info("invocation budget reached: the next manifest is left for the next invocation",
                                entry("next_manifest", zone.uri(batch.key())), entry("rows_applied", rows),
                                entry("max_rows", budget.maxRows()));
                        return report(applied, last, null, null).withBudgetReached();
                    }
                    Optional<AppliedBatch> done = applyOne(connection, batch);
                    if (done.isPresent()) {
                        applied.add(done.get());
                        rows += batch.rows();
                    }
                }
                if (!goOn.getAsBoolean()) {
                    return report(applied, LoadLedger.lastSequence(connection), null, null);
                }
            }
        } catch (SQLException e) {
            throw warehouse.failure("reading the load ledger", e);
        }
    }

    /**
     * The ledger's newest batch must be the object of that key in this processed bucket, with the checksum recorded
     * when it was applied. Costs one GET per invocation. A batch recorded on an operator's decision is exempt: its
     * manifest may be the very object that was lost.
     */
    private void requireLedgerMatchesZone(Connection connection) throws SQLException {
        Optional<LoadLedger.Entry> newest = LoadLedger.newest(connection);
        if (newest.isEmpty() || newest.get().operatorDecision() != null) {
            return;
        }
        LoadLedger.Entry entry = newest.get();
        Optional<byte[]> manifest = zone.readIfExists(entry.manifestKey());
        if (manifest.isEmpty()) {
            throw new LedgerConflictException("the load ledger of " + warehouse.address() + " is at batch "
                    + entry.sequence() + ", but " + zone.uri(entry.manifestKey()) + " does not exist"
                    + (zone.anyManifestBefore(entry.sequence()) ? "" : " (the bucket holds no earlier batch either)")
                    + ": this processed bucket is not the one this warehouse was loaded from (buckets recreated by a"
                    + " redeploy restart at sequence 1); nothing is loaded. See the README runbook, 'restarted"
                    + " buckets'");
        }
        String sha256 = Sha256.hex(manifest.get());
        if (!sha256.equals(entry.manifestSha256())) {
            throw new LedgerConflictException(zone.uri(entry.manifestKey()) + " has SHA-256 " + sha256
                    + " but the load ledger of " + warehouse.address() + " recorded " + entry.manifestSha256()
                    + " when it applied batch " + entry.sequence() + ": the manifest was re-published with other"
                    + " content; nothing is loaded. See the README runbook, 're-published manifest'");
        }
    }

    private LoadReport report(List<AppliedBatch> applied, long last, String waitingFor, String nextPresent) {
        List<ManifestSearch.Listed> pending = zone.manifestsAfter(last);
        Instant oldest = pending.isEmpty() ? null : pending.get(0).lastModified();
        return new LoadReport(applied, last, waitingFor, nextPresent, pending.size(), oldest);
    }

    private Optional<AppliedBatch> skipOne(Connection connection, String key, long sequence,
                                           OperatorDecision decision) {
        Optional<AppliedBatch> result = skipped.record(connection, key, sequence, decision);
        result.ifPresent(done -> {
            LOG.warn("batch recorded without its rows on an operator's decision: its tables are in etl_rejected_row"
                    + " for the reconciliation pass to re-deliver", entry("manifest", zone.uri(key)),
                    entry("sequence", sequence), entry("decision", zone.uri(decision.key())),
                    entry("decided_by", decision.decidedBy()), entry("reason", decision.reason()));
            listener.applied(done);
        });
        return result;
    }

    private Optional<AppliedBatch> applyOne(Connection connection, ProcessedBatch batch) {
        String key = batch.key();
        zone.verify(batch);
        Optional<AppliedBatch> result = transaction.apply(connection, zone.uri(key), batch);
        if (result.isEmpty()) {
            LOG.info("manifest already applied by another loader", entry("manifest", zone.uri(key)));
            return result;
        }
        AppliedBatch done = result.get();
        for (TableCounts table : done.tables()) {
            LOG.info("table loaded", entry("manifest", zone.uri(key)), entry("table", table.table()),
                    entry("rows_in", table.staged()), entry("rows_inserted", table.inserted()),
                    entry("rows_updated", table.updated()), entry("rows_unchanged", table.unchanged()),
                    entry("duration_ms", table.milliseconds()));
        }
        LOG.info("manifest applied", entry("manifest", zone.uri(key)), entry("sequence", done.sequence()),
                entry("rows_inserted", done.rowsInserted()), entry("rows_updated", done.rowsUpdated()),
                entry("duration_ms", done.milliseconds()));
        listener.applied(done);
        return result;
    }

    private LoadReport gap(List<AppliedBatch> applied, long last, String present) {
        String missing = BucketLayout.processedManifestKey(last + 1);
        LOG.warn("manifest missing: nothing beyond it is applied until it arrives",
                entry("waiting_for", zone.uri(missing)), entry("next_present", zone.uri(present)),
                entry("ledger_sequence", last));
        return report(applied, last, missing, present);
    }

    /**
     * Flyway creates {@code load_ledger} once; its history then says so for ever, so a ledger dropped by hand is not
     * recreated by a migration. Loading without it would re-apply every batch over the warehouse's rows, so the
     * loader refuses, naming the ways forward.
     */
    private void requireLedger() {
        try (Connection connection = warehouse.connect()) {
            if (!LoadLedger.exists(connection)) {
                throw new LedgerConflictException("the warehouse " + warehouse.address() + " has no load_ledger table"
                        + " although its migrations ran (it was dropped): the loader cannot tell which batches it"
                        + " holds and loads nothing. Restore the table from a backup, or build a new warehouse with"
                        + " './pipeline replay' (README runbook, 'load_ledger missing')");
            }
        } catch (SQLException e) {
            throw warehouse.failure("looking for the load ledger", e);
        }
    }

    /**
     * Flyway owns the schema: migrate once per execution environment, before the first load. A warehouse whose
     * schema is newer than this loader knows is refused (ConfigurationException) before anything changes. A
     * warehouse whose history already holds exactly this jar's migrations skips Flyway (one query instead of
     * Flyway's classes and queries on every cold start); any difference runs Flyway as before.
     */
    private void migrateOnce() {
        if (migrated) {
            return;
        }
        synchronized (this) {
            if (!migrated) {
                if (!schemaCurrent()) {
                    migrate();
                }
                requireLedger();
                migrated = true;
            }
        }
    }

    /** Opens a connection (failing with our message rather than Flyway's) and compares the migration history. */
    private boolean schemaCurrent() {
        try (Connection connection = warehouse.connect()) {
            return AppliedMigrations.matchClassPath(connection);
        } catch (SQLException e) {
            throw warehouse.failure("reading the migration history", e);
        }
    }

    private void migrate() {
        try {
            WarehouseMigrations.migrate(warehouse.dataSource());
        } catch (FlywayException e) {
            throw new WarehouseException("cannot migrate the warehouse " + warehouse.address() + ": "
                    + e.getMessage(), e);
        }
    }
}
