package com.terrifictotes.etl.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.terrifictotes.etl.error.ConfigurationException;
import com.terrifictotes.etl.loader.verify.WarehouseVerification;
import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.testbed.expected.WarehouseContents;
import com.terrifictotes.etl.testbed.faults.FaultyS3;
import com.terrifictotes.etl.testbed.faults.S3Call;
import com.terrifictotes.etl.testbed.servers.Database;
import com.terrifictotes.etl.testbed.servers.TestBed;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The verification as the loader's catch-up runs it, beyond what {@code ./pipeline verify}'s tests show: a replay cut
 * short by time, loaders committing while it runs, the replica schema an administrator created for a user who may
 * not create schemas, and the daily reading of manifests.
 */
class WarehouseVerificationTest {
    private static final TestBed BED = TestBed.shared();

    private final SourceHistory history = SourceHistory.sampled();
    private final Database warehouse = BED.createEmptyDatabase();
    private final ProcessedBatchWriter batches = new ProcessedBatchWriter(BED.s3(), BED.createBucket("processed"));

    @Test
    void aReplayOutOfTimeStopsAfterOneBatchAndTheNextRunGoesOnThenCompares() throws Exception {
        batches.write(1, history.first);
        batches.write(2, history.second);
        load();

        WarehouseVerification.Result first = verification(warehouse.dataSource()).run(false, 20, () -> false);
        WarehouseVerification.Result second = verification(warehouse.dataSource()).run(false, 20, () -> false);

        assertThat(first.complete()).isFalse();
        assertThat(first.replayed()).isEqualTo(1);
        assertThat(first.differences()).isEmpty();
        assertThat(second.complete()).isTrue();
        assertThat(second.replayed()).isEqualTo(1);
        assertThat(second.consistent()).as(second.differences().toString()).isTrue();
    }

    @Test
    void aBatchALoaderCommitsDuringTheReplayIsReplayedBeforeTheTablesAreCompared() throws Exception {
        batches.write(1, history.first);
        batches.write(2, history.second);
        load();
        batches.write(3, history.first); // delivered again: the dimensions go back to their first versions
        AtomicInteger asked = new AtomicInteger();

        // after the replica's first batch, the warehouse's loader commits batch 3 (the verification read 1..2)
        WarehouseVerification.Result result = verification(warehouse.dataSource()).run(false, 20, () -> {
            if (asked.incrementAndGet() == 1) {
                assertThat(load().applied()).hasSize(1);
            }
            return true;
        });

        assertThat(result.consistent()).as(result.differences().toString()).isTrue();
        assertThat(result.batches()).isEqualTo(3);
        assertThat(result.replayed()).isEqualTo(3);
    }

    @Test
    void theWarehousesOwnSchemaIsRefusedAsTheReplicaBeforeAnythingIsDropped() {
        batches.write(1, history.first);
        load();
        WarehouseContents before = WarehouseContents.of(warehouse.dataSource());

        assertThatThrownBy(() -> new WarehouseVerification(BED.s3(), batches.bucketName(), warehouse.dataSource(),
                "public").run(true, 20))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("the replica schema public is the warehouse's own schema: the verification would replay"
                        + " into the warehouse itself; choose another replica schema");
        assertThat(WarehouseContents.of(warehouse.dataSource())).isEqualTo(before);
    }

    @Test
    void aUserWhoMayNotCreateSchemasVerifiesAndRebuildsInTheReplicaSchemaCreatedForIt() throws Exception {
        batches.write(1, history.first);
        load();
        // the deployment guide's setup: the schema is created for the loader's user, who may not create schemas
        execute(warehouse.dataSource(), "CREATE SCHEMA totes_verify; REVOKE CREATE ON DATABASE " + warehouse.name()
                + " FROM " + warehouse.user());

        WarehouseVerification.Result built = verification(warehouse.dataSource()).run(false, 20);
        WarehouseVerification.Result rebuilt = verification(warehouse.dataSource()).run(true, 20);

        assertThat(built.consistent()).as(built.differences().toString()).isTrue();
        assertThat(built.replayed()).isEqualTo(1);
        assertThat(rebuilt.consistent()).as(rebuilt.differences().toString()).isTrue();
        assertThat(rebuilt.replicaRebuilt()).isTrue();
        assertThat(rebuilt.replayed()).as("emptied, then replayed again").isEqualTo(1);
        assertThatThrownBy(() -> new WarehouseVerification(BED.s3(), batches.bucketName(), warehouse.dataSource(),
                "totes_other").run(false, 20))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("cannot create the replica schema totes_other for the verification:")
                .hasMessageEndingWith("Create it once for the warehouse's user (CREATE SCHEMA totes_other"
                        + " AUTHORIZATION <user>), or grant CREATE on the database");
    }

    @Test
    void theDailyRunReadsOnlyManifestsWrittenAfterTheirBatchWasAppliedAndFindsOneReplacedOrLost() throws Exception {
        batches.write(1, history.first);
        batches.write(2, history.second);
        batches.write(3, history.second);
        load();
        assertThat(verification(warehouse.dataSource()).run(false, 20).consistent()).isTrue();
        FaultyS3 recorded = FaultyS3.on(BED);
        WarehouseVerification daily = new WarehouseVerification(recorded.client(), batches.bucketName(),
                warehouse.dataSource(), WarehouseVerification.DEFAULT_SCHEMA, true);

        assertThat(daily.run(false, 20).consistent()).isTrue();
        assertThat(recorded.calls()).as("one listing finds them unchanged; the replay's loader reads the newest")
                .filteredOn(S3Call.reads(batches.bucketName(), BucketLayout.MANIFEST_PREFIX))
                .isNotEmpty().extracting(S3Call::key).containsOnly(BucketLayout.processedManifestKey(3));

        String first = BucketLayout.processedManifestKey(1);
        batches.replace(first, (new String(batches.read(first), StandardCharsets.UTF_8) + " ")
                .getBytes(StandardCharsets.UTF_8));
        // the replacement is an hour younger than the batch's application
        execute(warehouse.dataSource(), "UPDATE load_ledger SET loaded_at = loaded_at - interval '1 hour'"
                + " WHERE sequence = 1");
        batches.delete(BucketLayout.processedManifestKey(2));

        WarehouseVerification.Result found = daily.run(false, 20);

        String bucket = "s3://" + batches.bucketName() + "/";
        assertThat(found.differences()).hasSize(2);
        assertThat(found.differences().get(0)).startsWith("ledger batch 1: " + bucket + first + " has SHA-256 ")
                .contains(" but the ledger recorded ");
        assertThat(found.differences().get(1)).isEqualTo("ledger batch 2: " + bucket
                + BucketLayout.processedManifestKey(2) + " does not exist");
    }

    private WarehouseVerification verification(DataSource dataSource) {
        return new WarehouseVerification(BED.s3(), batches.bucketName(), dataSource,
                WarehouseVerification.DEFAULT_SCHEMA);
    }

    private LoadReport load() {
        return new WarehouseLoader(BED.s3(), batches.bucketName(), warehouse.dataSource()).loadPending();
    }

    private static void execute(DataSource dataSource, String sql) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
