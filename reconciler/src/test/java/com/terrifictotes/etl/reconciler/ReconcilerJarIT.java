package com.terrifictotes.etl.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import com.terrifictotes.etl.extractor.ExtractionService;
import com.terrifictotes.etl.extractor.ExtractionSettings;
import com.terrifictotes.etl.loader.WarehouseLoader;
import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.manifest.IngestionManifest;
import com.terrifictotes.etl.manifest.ManifestJson;
import com.terrifictotes.etl.manifest.Reconciliation;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import com.terrifictotes.etl.testbed.lambda.HandlerLaunch;
import com.terrifictotes.etl.testbed.lambda.LaunchJar;
import com.terrifictotes.etl.testbed.servers.Database;
import com.terrifictotes.etl.testbed.servers.SecretsManagerStandIn;
import com.terrifictotes.etl.testbed.servers.TestBed;
import com.terrifictotes.etl.testbed.source.ToteSysGenerator;
import com.terrifictotes.etl.transformer.TransformerService;
import com.terrifictotes.etl.transformer.TransformerSettings;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The deployable artifact itself: target/reconciler.jar, shaded without Parquet or Hadoop, run in a JVM of its own
 * with nothing else on the class path but the handler launcher, configured only through its environment and its two
 * secrets, as the stack configures it. It must derive rows with the transformer's code, compare a warehouse loaded
 * by the real loader, publish its batch, log JSON and emit its metric; a class the shade left out fails here.
 */
class ReconcilerJarIT {
    private static final TestBed BED = TestBed.shared();
    private static final Path JAR = Paths.get("target", "reconciler.jar");

    @Test
    void theShadedJarReadsBothSecretsComparesAndPublishesWhatChangedWithoutANewStamp() throws Exception {
        Database toteSys = BED.createToteSysDatabase();
        ToteSysGenerator.seed(toteSys.dataSource(), 1, 20_261_122L);
        Database warehouse = BED.createEmptyDatabase();
        String ingestion = BED.createBucket("jar-ingestion");
        String processed = BED.createBucket("jar-processed");
        new ExtractionService(BED.s3(), toteSys.dataSource(), ExtractionSettings.forBucket(ingestion)).run();
        new TransformerService(BED.s3(), TransformerSettings.forBuckets(ingestion, processed))
                .transformPending(OptionalLong.empty());
        new WarehouseLoader(BED.s3(), processed, warehouse.dataSource()).loadPending();
        execute(toteSys, "UPDATE design SET design_name = 'renamed by hand'"
                + " WHERE design_id = (SELECT min(design_id) FROM design)");

        String output;
        try (SecretsManagerStandIn secrets = new SecretsManagerStandIn()) {
            secrets.put("totes/totesys", toteSys.secretJson());
            secrets.put("totes/warehouse", warehouse.secretJson());
            output = runJar(BED.lambdaEnvironment(secrets, Map.ofEntries(
                    Map.entry("TOTESYS_SECRET_ID", "totes/totesys"),
                    Map.entry("WAREHOUSE_SECRET_ID", "totes/warehouse"),
                    Map.entry("INGESTION_BUCKET", ingestion),
                    Map.entry("DB_SSLMODE", "disable"),
                    Map.entry("AWS_LAMBDA_FUNCTION_NAME", "totes-etl-reconciler"),
                    Map.entry("POWERTOOLS_SERVICE_NAME", "reconciler"))));
        }

        List<String> lines = output.lines().toList();
        assertThat(lines).as(output).last().asString().startsWith(HandlerLaunch.RESULT
                + "ReconciliationResult[outcome=PUBLISHED, sequence=2, manifestKey=manifests/ingestion-000000000002.json");
        assertThat(lines).as("JSON log line of the publication").anyMatch(line -> line.startsWith("{")
                && line.contains("\"message\":\"reconciliation published\"") && line.contains("\"service\":\"reconciler\""));
        assertThat(lines).as("EMF metric of the rows reconciled").anyMatch(line -> line.contains("\"_aws\"")
                && line.contains("\"ReconciledRows\":1"));
        assertThat(output).as("every log line written (a class left out breaks the JSON layout)")
                .doesNotContain("AppenderLoggingException").doesNotContain("NoClassDefFoundError");
        assertThat(output).doesNotContain(toteSys.password()).doesNotContain(warehouse.password());
        WriteOnceBucket bucket = new WriteOnceBucket(BED.s3(), ingestion);
        String key = BucketLayout.ingestionManifestKey(2);
        IngestionManifest batch = ManifestJson.readIngestion(key, bucket.readAllBytes(key));
        assertThat(batch.reconciliation().found()).containsOnly(
                Map.entry("dim_design", new Reconciliation.Findings(0, 1, 0, 0, 0, 0)));
        assertThat(batch.table("design").orElseThrow().rows()).isEqualTo(1);
    }

    private static void execute(Database database, String sql) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Runs the handler from the jar with exactly the given environment; returns stdout and stderr. */
    private static String runJar(Map<String, String> environment) throws Exception {
        Path log = Files.createTempFile("reconciler-jar", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(
                    Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", JAR + File.pathSeparator + LaunchJar.write(Paths.get("target", "handler-launch.jar")),
                    HandlerLaunch.class.getName(), ReconcilerHandler.class.getName(), "scheduled")
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().clear();
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the jar did not finish in 180 s:\n" + Files.readString(log));
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as(output).isZero();
            return output;
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
