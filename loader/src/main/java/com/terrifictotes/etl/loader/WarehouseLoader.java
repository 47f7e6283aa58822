package com.terrifictotes.etl.loader;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.terrifictotes.etl.db.WarehouseMigrations;
import com.terrifictotes.etl.manifest.BucketLayout;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
        migrateOnce();
        List<AppliedBatch> applied = new ArrayList<>();
        try (Connection connection = warehouse.connect()) {
            while (true) {
                long last = LoadLedger.lastSequence(connection);
                Optional<String> next = zone.firstManifestAfter(last);
                if (next.isEmpty()) {
                    LOG.info("warehouse up to date", entry("ledger_sequence", last));
                    return new LoadReport(applied, last, null, null);
                }
                long sequence = BucketLayout.processedSequence(next.get()).orElseThrow();
                if (sequence != last + 1) {
                    return gap(applied, last, next.get());
                }
                applyOne(connection, next.get()).ifPresent(applied::add);
            }
        } catch (SQLException e) {
            throw warehouse.failure("reading the load ledger", e);
        }
    }

    private Optional<AppliedBatch> applyOne(Connection connection, String key) {
        ProcessedBatch batch = zone.read(key);
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
        return new LoadReport(applied, last, missing, present);
    }

    /**
     * Flyway owns the schema: migrate once per execution environment, before the first load. A warehouse whose
     * schema is newer than this loader knows is refused (ConfigurationException) before anything changes.
     */
    private void migrateOnce() {
        if (migrated) {
            return;
        }
        synchronized (this) {
            if (!migrated) {
                warehouse.requireReachable(); // fails with our message rather than Flyway's
                try {
                    WarehouseMigrations.migrate(warehouse.dataSource());
                } catch (FlywayException e) {
                    throw new WarehouseException("cannot migrate the warehouse " + warehouse.address() + ": "
                            + e.getMessage(), e);
                }
                migrated = true;
            }
        }
    }
}
