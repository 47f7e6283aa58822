package com.terrifictotes.etl.local;

import com.terrifictotes.etl.catalogue.Identifiers;
import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import com.terrifictotes.etl.error.EtlException;
import com.terrifictotes.etl.error.StorageException;
import com.terrifictotes.etl.loader.LoadReport;
import com.terrifictotes.etl.loader.WarehouseLoader;
import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.s3.Sha256;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import javax.sql.DataSource;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Proves that a warehouse holds exactly what the processed zone says, in two parts. (1) Every ledger row matches its
 * manifest: the key names the row's sequence, the manifest's bytes have the SHA-256 recorded (a skipped batch: its
 * decision object exists). (2) The applied batches are replayed with the real loader into a scratch replica (a
 * schema of the same database, kept between runs so a daily verify only applies the new batches), up to exactly the
 * warehouse's ledger; then the two ledgers' counts, and every table's content by {@link TableDigests}, must be equal.
 * Each difference is one line naming the batch, or the table and the key.
 */
final class WarehouseVerification {
    /** What one verification found. */
    record Result(long batches, long replayed, boolean replicaRebuilt, List<String> differences) {
    }

    private static final int DRILLED_BUCKETS = 64;

    private final S3Client s3;
    private final WriteOnceBucket processed;
    private final DataSource warehouse;
    private final DataSource replica;
    private final String schema;

    WarehouseVerification(S3Client s3, String processedBucket, DataSource warehouse, DataSource replica,
                          String schema) {
        this.s3 = s3;
        this.processed = new WriteOnceBucket(s3, processedBucket);
        this.warehouse = warehouse;
        this.replica = replica;
        this.schema = Identifiers.requireValid(schema);
    }

    Result run(boolean rebuild, int maxKeysPerTable) throws SQLException {
        List<String> differences = new ArrayList<>();
        List<LedgerRows.Row> ledger;
        try (Connection connection = warehouse.getConnection()) {
            if (!LedgerRows.exists(connection)) {
                return new Result(0, 0, false, List.of("the warehouse has no load_ledger table: nothing can be"
                        + " verified (README runbook, 'load_ledger missing')"));
            }
            ledger = LedgerRows.read(connection);
        }
        ledger.forEach(row -> checkManifest(row, differences));
        long upTo = ledger.isEmpty() ? 0 : ledger.get(ledger.size() - 1).sequence();
        boolean rebuilt = prepareReplica(rebuild, ledger);
        long before = replicaLedger().size();
        try {
            LoadReport report = new WarehouseLoader(s3, processed.name(), replica).loadPending(upTo);
            if (report.ledgerSequence() < upTo) {
                differences.add("the processed zone cannot replay the warehouse's batches beyond "
                        + report.ledgerSequence() + ": " + report.summary());
            }
        } catch (EtlException e) {
            differences.add("the applied batches cannot be replayed: " + e.getMessage());
            return new Result(ledger.size(), replicaLedger().size() - before, rebuilt, differences);
        }
        List<LedgerRows.Row> replayed = replicaLedger();
        compareLedgers(ledger, replayed, differences);
        for (WarehouseTable table : WarehouseCatalogue.TABLES) {
            compareTable(table, maxKeysPerTable, differences);
        }
        return new Result(ledger.size(), replayed.size() - before, rebuilt, differences);
    }

    private void checkManifest(LedgerRows.Row row, List<String> differences) {
        OptionalLong keySequence = BucketLayout.processedSequence(row.manifestKey());
        if (keySequence.isEmpty() || keySequence.getAsLong() != row.sequence()) {
            differences.add("ledger batch " + row.sequence() + " names manifest " + row.manifestKey()
                    + ", which is not the processed manifest of that sequence");
            return;
        }
        if (row.operatorDecision() != null) {
            if (!s3Exists(row.operatorDecision())) {
                differences.add("ledger batch " + row.sequence() + " was skipped on the decision "
                        + row.operatorDecision() + ", which does not exist");
            }
            return;
        }
        if (!processed.exists(row.manifestKey())) {
            differences.add("ledger batch " + row.sequence() + ": " + processed.uri(row.manifestKey())
                    + " does not exist");
            return;
        }
        String sha256 = Sha256.hex(processed.readAllBytes(row.manifestKey()));
        if (!sha256.equals(row.manifestSha256())) {
            differences.add("ledger batch " + row.sequence() + ": " + processed.uri(row.manifestKey())
                    + " has SHA-256 " + sha256 + " but the ledger recorded " + row.manifestSha256());
        }
    }

    private boolean s3Exists(String uri) {
        String prefix = processed.uri("");
        return uri.startsWith(prefix) && processed.exists(uri.substring(prefix.length()));
    }

    /**
     * The replica must hold a prefix of the warehouse's history; one that holds a batch the warehouse does not, or
     * another manifest for a sequence, was built from another history and is rebuilt.
     */
    private boolean prepareReplica(boolean rebuild, List<LedgerRows.Row> ledger) throws SQLException {
        boolean drop = rebuild;
        if (!drop) {
            Map<Long, String> expected = new HashMap<>();
            ledger.forEach(row -> expected.put(row.sequence(), row.manifestSha256()));
            drop = replicaLedger().stream().anyMatch(row -> !row.manifestSha256().equals(expected.get(row.sequence())));
        }
        try (Connection connection = warehouse.getConnection(); Statement statement = connection.createStatement()) {
            if (drop) {
                statement.execute("DROP SCHEMA IF EXISTS " + Identifiers.quote(schema) + " CASCADE");
            }
            statement.execute("CREATE SCHEMA IF NOT EXISTS " + Identifiers.quote(schema));
        }
        return drop;
    }

    private List<LedgerRows.Row> replicaLedger() {
        try (Connection connection = replica.getConnection()) {
            return LedgerRows.exists(connection) ? LedgerRows.read(connection) : List.of();
        } catch (SQLException e) {
            throw new StorageException("cannot read the replica's load ledger in schema " + schema + ": "
                    + e.getMessage(), e);
        }
    }

    private static void compareLedgers(List<LedgerRows.Row> ledger, List<LedgerRows.Row> replayed,
                                       List<String> differences) {
        Map<Long, LedgerRows.Row> bySequence = new HashMap<>();
        replayed.forEach(row -> bySequence.put(row.sequence(), row));
        for (LedgerRows.Row row : ledger) {
            LedgerRows.Row again = bySequence.get(row.sequence());
            if (again != null && !again.counts().equals(row.counts())) {
                differences.add("ledger batch " + row.sequence() + ": the warehouse counted " + row.counts()
                        + " but replaying the manifest counts " + again.counts());
            }
        }
    }

    private void compareTable(WarehouseTable table, int maxKeys, List<String> differences) throws SQLException {
        TableDigests digests = new TableDigests(table);
        try (Connection expected = replica.getConnection(); Connection actual = warehouse.getConnection()) {
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
