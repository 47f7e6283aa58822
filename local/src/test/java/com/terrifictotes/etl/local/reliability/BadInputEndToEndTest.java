package com.terrifictotes.etl.local.reliability;

import static com.terrifictotes.etl.local.reliability.WarehouseVerdict.assertHolds;
import static com.terrifictotes.etl.local.reliability.WarehouseVerdict.assertSameAsCleanRun;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.terrifictotes.etl.db.DatabaseSecret;
import com.terrifictotes.etl.db.PostgresDataSources;
import com.terrifictotes.etl.error.BadInputException;
import com.terrifictotes.etl.error.EtlException;
import com.terrifictotes.etl.error.StorageException;
import com.terrifictotes.etl.loader.LoaderHandler;
import com.terrifictotes.etl.local.LocalPipeline;
import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.manifest.TableExtract;
import com.terrifictotes.etl.testbed.lambda.InvocationContext;
import com.terrifictotes.etl.testbed.lambda.LambdaEvents;
import com.terrifictotes.etl.testbed.servers.Database;
import com.terrifictotes.etl.testbed.servers.TestBed;
import com.terrifictotes.etl.transformer.TransformerHandler;
import com.terrifictotes.etl.transformer.TransformerSettings;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bad input the stage modules' own tests do not cover end to end, met in the second batch after a first batch went
 * all the way through. Each gives one error naming the object and the cause; nothing already written is lost (the
 * first batch's commits and its load stay exactly as they were, nothing of the second is committed); and once the
 * input is repaired, the retried event gives the warehouse the oracle computes and the clean run's hash.
 */
class BadInputEndToEndTest {
    private static final TestBed BED = TestBed.shared();

    private final TwoBatchHistory history = TwoBatchHistory.shared();
    private final PipelineRig rig = PipelineRig.fresh();
    private final LakeTampering lake = new LakeTampering();
    private LocalPipeline pipeline;

    @BeforeEach
    void loadTheFirstBatch() {
        rig.pipeline(history.before.dataSource()).runCycle();
        pipeline = history.healthy(rig);
    }

    @Test
    void invalidUtf8InACsvFileNamesTheFile() {
        pipeline.extract();
        String csv = lake.csvKey(rig.ingestionBucket, 2, "address");
        byte[] good = lake.read(rig.ingestionBucket, csv);
        lake.replaceCsvConsistently(rig.ingestionBucket, 2, csv, withInvalidUtf8(good));

        assertThatThrownBy(() -> pipeline.transform(rig.ingestionEvent(2))).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("s3://" + rig.ingestionBucket + "/" + csv + " is not valid UTF-8");
        assertNothingOfTheSecondBatchCommitted();

        repairAndRetry();
    }

    @Test
    void anIngestionManifestThatIsNotJsonNamesTheManifest() {
        pipeline.extract();
        String manifest = BucketLayout.ingestionManifestKey(2);
        lake.replace(rig.ingestionBucket, manifest, "{\"formatVersion\": 1, \"sequence\": 2, \"tables\": [".getBytes(
                StandardCharsets.UTF_8));

        assertThatThrownBy(() -> pipeline.transform(rig.ingestionEvent(2))).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("manifest s3://" + rig.ingestionBucket + "/" + manifest
                        + " is not a valid IngestionManifest: ");
        assertNothingOfTheSecondBatchCommitted();

        repairAndRetry();
    }

    @Test
    void anIngestionManifestNamingATableOutsideTheCatalogueNamesManifestAndTable() {
        pipeline.extract();
        lake.addUnknownTable(rig.ingestionBucket, 2, new TableExtract("audit_log", null,
                LocalDateTime.now(), List.of("id", "last_updated"), 0, 0, List.of(), List.of()));

        assertThatThrownBy(() -> pipeline.transform(rig.ingestionEvent(2))).isInstanceOf(BadInputException.class)
                .hasMessage("s3://" + rig.ingestionBucket + "/" + BucketLayout.ingestionManifestKey(2)
                        + " lists table audit_log, which the ToteSys catalogue does not know");
        assertNothingOfTheSecondBatchCommitted();

        repairAndRetry();
    }

    @Test
    void aProcessedManifestThatIsNotJsonNamesTheManifest() {
        transformTheSecondBatch();
        String manifest = BucketLayout.processedManifestKey(2);
        lake.replace(rig.processedBucket, manifest, "not json".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> pipeline.load(rig.processedEvent(2))).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("manifest s3://" + rig.processedBucket + "/" + manifest
                        + " is not a valid ProcessedManifest: ");
        assertTheWarehouseHoldsTheFirstBatchOnly();

        lake.repair();
        pipeline.load(rig.processedEvent(2));
        assertSameAsCleanRun(rig, history);
    }

    @Test
    void aProcessedFileThatIsNotParquetNamesTheFileAndRollsBackTheBatch() {
        transformTheSecondBatch();
        String parquet = lake.parquetKey(rig.processedBucket, 2, "fact_payment");
        lake.replaceParquetConsistently(rig.processedBucket, 2, parquet,
                "payment_id,paid\n1,true\n".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> pipeline.load(rig.processedEvent(2))).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("s3://" + rig.processedBucket + "/" + parquet
                        + " is not a readable Parquet file");
        assertTheWarehouseHoldsTheFirstBatchOnly();

        lake.repair();
        pipeline.load(rig.processedEvent(2));
        assertSameAsCleanRun(rig, history);
    }

    @Test
    void aProcessedBucketThatDoesNotExistNamesItToTheTransformerAndTheLoader() {
        pipeline.extract();
        String missing = rig.processedBucket + "-missing";
        TransformerHandler transformer = new TransformerHandler(BED.s3(),
                TransformerSettings.forBuckets(rig.ingestionBucket, missing));
        LoaderHandler loader = new LoaderHandler(BED.s3(), missing, rig.warehouse.dataSource());

        assertThatThrownBy(() -> transformer.handleRequest(rig.ingestionEvent(2), context("transformer")))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("s3://" + missing + "/")
                .hasMessageContaining("bucket " + missing + " does not exist");
        assertThatThrownBy(() -> loader.handleRequest(LambdaEvents.catchUp(), context("loader")))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("s3://" + missing + "/")
                .hasMessageContaining("does not exist");
        assertNothingOfTheSecondBatchCommitted();

        pipeline.transform(rig.ingestionEvent(2));
        pipeline.load(rig.processedEvent(2));
        assertSameAsCleanRun(rig, history);
    }

    @Test
    void aSourceTableThatLostACatalogueColumnNamesTableAndColumnAndPublishesNothing() {
        Database source = BED.copyOf(history.after);
        execute(source, "ALTER TABLE staff RENAME COLUMN email_address TO email");
        LocalPipeline drifted = rig.pipeline(source.dataSource());

        assertThatThrownBy(drifted::extract).isInstanceOf(BadInputException.class)
                .hasMessageContaining("table staff has no column email_address");
        assertThat(rig.manifests(rig.ingestionBucket)).containsExactly(BucketLayout.ingestionManifestKey(1));
        assertThat(rig.keys(rig.ingestionBucket, BucketLayout.DATA_PREFIX))
                .noneMatch(key -> key.contains("/run-000000000002-"));

        execute(source, "ALTER TABLE staff RENAME COLUMN email TO email_address");
        drifted.runCycle();
        assertSameAsCleanRun(rig, history);
    }

    @Test
    void aSourceDatabaseThatRefusesTheConnectionIsNamedAndTheNextRunDeliversEverything() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        DatabaseSecret real = history.after.secret();
        DataSource down = PostgresDataSources.create(new DatabaseSecret(real.host(), closedPort, real.dbname(),
                real.username(), real.password()), "test", "disable", null);

        assertThatThrownBy(() -> rig.pipeline(down).extract()).isInstanceOf(EtlException.class)
                .hasMessageStartingWith("cannot connect to source database " + real.host() + ":" + closedPort + "/"
                        + real.dbname())
                .hasMessageContaining("refused")
                .hasMessageNotContaining(real.password());
        assertThat(rig.manifests(rig.ingestionBucket)).containsExactly(BucketLayout.ingestionManifestKey(1));

        pipeline.runCycle();
        assertSameAsCleanRun(rig, history);
    }

    private static InvocationContext context(String function) {
        return new InvocationContext("totes-etl-" + function, Clock.systemUTC());
    }

    private void transformTheSecondBatch() {
        pipeline.extract();
        pipeline.transform(rig.ingestionEvent(2));
    }

    private void repairAndRetry() {
        lake.repair();
        assertThat(pipeline.transform(rig.ingestionEvent(2)).response()).isEqualTo("batches [2 TRANSFORMED]");
        pipeline.load(rig.processedEvent(2));
        assertSameAsCleanRun(rig, history);
    }

    /** The first batch stays committed and loaded; of the second, not one processed object exists. */
    private void assertNothingOfTheSecondBatchCommitted() {
        assertThat(rig.manifests(rig.processedBucket)).containsExactly(BucketLayout.processedManifestKey(1));
        assertThat(rig.keys(rig.processedBucket, "")).noneMatch(key -> key.contains("batch=000000000002"));
        assertTheWarehouseHoldsTheFirstBatchOnly();
    }

    private void assertTheWarehouseHoldsTheFirstBatchOnly() {
        assertHolds(rig.contents(), history.expectedAfterFirst(), 1);
    }

    /** The first quoted field of the first data row gets a byte sequence that is not UTF-8. */
    private static byte[] withInvalidUtf8(byte[] csv) {
        int firstRow = indexOf(csv, (byte) '\n') + 1;
        int quote = firstRow + indexOf(java.util.Arrays.copyOfRange(csv, firstRow, csv.length), (byte) '"') + 1;
        byte[] bad = new byte[csv.length + 2];
        System.arraycopy(csv, 0, bad, 0, quote);
        bad[quote] = (byte) 0xC3;
        bad[quote + 1] = (byte) 0x28;
        System.arraycopy(csv, quote, bad, quote + 2, csv.length - quote);
        return bad;
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        throw new IllegalArgumentException("no byte " + b);
    }

    private static void execute(Database database, String sql) {
        try (var connection = database.dataSource().getConnection(); var statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
