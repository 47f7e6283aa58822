package com.terrifictotes.etl.loader.verify;

import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import com.terrifictotes.etl.error.EtlException;
import com.terrifictotes.etl.loader.LoadLedger;
import com.terrifictotes.etl.loader.LoadReport;
import com.terrifictotes.etl.loader.WarehouseException;
import com.terrifictotes.etl.loader.WarehouseLoader;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Proves that a warehouse holds exactly what the processed zone says, in two parts. (1) Every ledger row matches its
 * manifest ({@link ManifestChecks}). (2) The applied batches are replayed with the real loader into a scratch replica
 * ({@link ReplicaSchema}: a schema of the same database, kept between runs so a daily verification replays only the
 * new batches), up to exactly the warehouse's ledger; then the two ledgers' counts, and every table's content by
 * {@link TableDigests}, must be equal. Each difference is one line naming the batch, or the table and the key, never a
 * row's other values.
 *
 * <p>Loaders may commit while it runs: the comparison reads the warehouse in one repeatable-read snapshot, and the
 * replica is first brought to exactly the ledger of that snapshot. The replay may be bounded in time (the loader's
 * catch-up invocation has a deadline): it then stops between batches, the replica keeps what it replayed, and the
 * tables are compared by the run that completes it.
 */
public final class WarehouseVerification {
    /** The replica's schema unless another is named: {@code ./pipeline verify}'s default and the loader's. */
    public static final String DEFAULT_SCHEMA = "totes_verify";

    /**
     * What one verification found.
     *
     * @param batches        the warehouse's ledger rows checked
     * @param replayed       batches this run replayed into the replica
     * @param replicaRebuilt whether the replica was created or emptied first
     * @param complete       whether the replica reached the warehouse's ledger, so everything was compared; false
     *                       when the replay ran out of time (the next run goes on from where it stopped)
     * @param differences    one line per difference found (empty when consistent, and when not complete)
     */
    public record Result(long batches, long replayed, boolean replicaRebuilt, boolean complete,
                         List<String> differences) {
        public Result {
            differences = List.copyOf(differences);
        }

        public boolean consistent() {
            return complete && differences.isEmpty();
        }
    }

    private static final int DRILLED_BUCKETS = 64;

    private final String processedBucket;
    private final S3Client s3;
    private final DataSource warehouse;
    private final ReplicaSchema replica;
    private final ManifestChecks manifests;

    /** Reading every manifest: the operator's {@code ./pipeline verify}. */
    public WarehouseVerification(S3Client s3, String processedBucket, DataSource warehouse, String schema) {
        this(s3, processedBucket, warehouse, schema, false);
    }

    /**
     * @param daily true to read only the manifests written after their batch was applied (one LIST finds them), so
     *              that a daily run's time does not grow by one GET per batch of the whole history
     */
    public WarehouseVerification(S3Client s3, String processedBucket, DataSource warehouse, String schema,
                                 boolean daily) {
        this.processedBucket = processedBucket;
        this.s3 = s3;
        this.warehouse = warehouse;
        this.replica = new ReplicaSchema(warehouse, schema);
        this.manifests = new ManifestChecks(new WriteOnceBucket(s3, processedBucket), daily
                ? ManifestChecks.Depth.CHANGED_SINCE_APPLIED : ManifestChecks.Depth.EVERY_MANIFEST);
    }

    /** The replica's schema. */
    public String schema() {
        return replica.name();
    }

    /** A whole verification: the replay runs as long as it needs. */
    public Result run(boolean rebuild, int maxKeysPerTable) throws SQLException {
        return run(rebuild, maxKeysPerTable, () -> true);
    }

    /**
     * A verification whose replay asks {@code timeLeft} after each batch whether to go on; at least one batch is
     * replayed per run, so runs that each stop early still converge.
     */
    public Result run(boolean rebuild, int maxKeysPerTable, BooleanSupplier timeLeft) throws SQLException {
        List<LedgerRows.Row> ledger;
        try (Connection connection = warehouse.getConnection()) {
            if (!LoadLedger.exists(connection)) {
                return new Result(0, 0, false, true, List.of("the warehouse has no load_ledger table: nothing can be"
                        + " verified (README runbook, 'load_ledger missing')"));
            }
            ledger = LedgerRows.read(connection);
        }
        boolean rebuilt = replica.prepare(rebuild || divergent(ledger));
        long before = replica.ledger().size();
        WarehouseLoader replicaLoader = new WarehouseLoader(s3, processedBucket, replica.dataSource());
        Replay replay = replay(replicaLoader, last(ledger), timeLeft);
        if (replay.stoppedForTime()) {
            return new Result(ledger.size(), replica.ledger().size() - before, rebuilt, false, List.of());
        }
        List<String> differences = new ArrayList<>();
        try (Connection snapshot = warehouse.getConnection()) {
            snapshot.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            snapshot.setReadOnly(true);
            snapshot.setAutoCommit(false);
            try {
                ledger = LedgerRows.read(snapshot); // the snapshot's first read: what loaders committed until now
                replay.failure().ifPresent(differences::add);
                if (replay.failure().isEmpty()) {
                    replay(replicaLoader, last(ledger), () -> true).failure().ifPresent(differences::add);
                }
                manifests.check(ledger, differences);
                List<LedgerRows.Row> replayed = replica.ledger();
                if (replay.failure().isEmpty()) {
                    compareLedgers(ledger, replayed, differences);
                    for (WarehouseTable table : WarehouseCatalogue.TABLES) {
                        compareTable(table, snapshot, maxKeysPerTable, differences);
                    }
                }
                return new Result(ledger.size(), replayed.size() - before, rebuilt, true, differences);
            } finally {
                snapshot.rollback();
            }
        }
    }

    /** How a replay ended: at the warehouse's ledger, for lack of time, or on a difference. */
    private record Replay(boolean stoppedForTime, Optional<String> failure) {
        static final Replay STOPPED_FOR_TIME = new Replay(true, Optional.empty());
        static final Replay DONE = new Replay(false, Optional.empty());
    }

    /**
     * A batch the replay cannot apply is a difference: the warehouse applied it. The replica's database failing
     * (unreachable, a lock or statement timeout) is not: it fails the verification ({@link WarehouseException}).
     */
    private static Replay replay(WarehouseLoader replicaLoader, long upTo, BooleanSupplier timeLeft) {
        try {
            LoadReport report = replicaLoader.loadPending(upTo, timeLeft);
            if (report.ledgerSequence() >= upTo) {
                return Replay.DONE;
            }
            if (report.upToDate() && report.pendingBatches() > 0 && !timeLeft.getAsBoolean()) {
                return Replay.STOPPED_FOR_TIME;
            }
            return new Replay(false, Optional.of("the processed zone cannot replay the warehouse's batches beyond "
                    + report.ledgerSequence() + ": " + report.summary()));
        } catch (WarehouseException e) {
            throw e;
        } catch (EtlException e) {
            return new Replay(false, Optional.of("the applied batches cannot be replayed: " + e.getMessage()));
        }
    }

    private static long last(List<LedgerRows.Row> ledger) {
        return ledger.isEmpty() ? 0 : ledger.get(ledger.size() - 1).sequence();
    }

    /**
     * The replica must hold a prefix of the warehouse's history; one that holds a batch the warehouse does not, or
     * another manifest for a sequence, was built from another history and is rebuilt.
     */
    private boolean divergent(List<LedgerRows.Row> ledger) {
        Map<Long, String> expected = new HashMap<>();
        ledger.forEach(row -> expected.put(row.sequence(), row.manifestSha256()));
        return replica.ledger().stream().anyMatch(row -> !row.manifestSha256().equals(expected.get(row.sequence())));
    }

    /**
     * Batch by batch, the replica must have applied the manifest the warehouse did (the replay read it from the zone
     * now, so another checksum means it was replaced), and counted the same rows.
     */
    private static void compareLedgers(List<LedgerRows.Row> ledger, List<LedgerRows.Row> replayed,
                                       List<String> differences) {
        Map<Long, LedgerRows.Row> bySequence = new HashMap<>();
        replayed.forEach(row -> bySequence.put(row.sequence(), row));
        for (LedgerRows.Row row : ledger) {
            LedgerRows.Row again = bySequence.get(row.sequence());
            if (again == null) {
                continue;
            }
            if (!again.manifestSha256().equals(row.manifestSha256())) {
                differences.add("ledger batch " + row.sequence() + ": the warehouse applied a manifest with SHA-256 "
                        + row.manifestSha256() + " but the replay read one with " + again.manifestSha256());
            } else if (!again.counts().equals(row.counts())) {
                differences.add("ledger batch " + row.sequence() + ": the warehouse counted " + row.counts()
                        + " but replaying the manifest counts " + again.counts());
            }
        }
    }

    private void compareTable(WarehouseTable table, Connection actual, int maxKeys, List<String> differences)
            throws SQLException {
        TableDigests digests = new TableDigests(table);
        try (Connection expected = replica.dataSource().getConnection()) {
            List<Integer> buckets = TableDigests.differing(digests.buckets(expected), digests.buckets(actual));
            if (buckets.isEmpty()) {
                return;
            }
            List<Integer> drilled = buckets.subList(0, Math.min(DRILLED_BUCKETS, buckets.size()));
            List<String> keys = digests.differences(digests.rowsIn(expected, drilled), digests.rowsIn(actual, drilled));
            keys.stream().limit(maxKeys).forEach(differences::add);
            if (keys.size() > maxKeys || buckets.size() > drilled.size()) {
                differences.add(table.name() + ": more differences than listed (" + buckets.size() + " of "
                        + TableDigests.BUCKETS + " key buckets differ)");
            }
        }
    }
}
