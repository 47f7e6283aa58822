package com.terrifictotes.etl.loader;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import com.terrifictotes.etl.lake.ParquetSettings;
import com.terrifictotes.etl.runtime.LambdaJvm;
import com.terrifictotes.etl.testbed.expected.WarehouseContents;
import com.terrifictotes.etl.testbed.lambda.HandlerLaunch;
import com.terrifictotes.etl.testbed.lambda.JavaRuntimes;
import com.terrifictotes.etl.testbed.lambda.LaunchJar;
import com.terrifictotes.etl.testbed.servers.Database;
import com.terrifictotes.etl.testbed.servers.SecretsManagerStandIn;
import com.terrifictotes.etl.testbed.servers.TestBed;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The deployable artifact itself: target/loader.jar, minimised and shaded, run in a JVM of its own with nothing else
 * on the class path but the handler launcher, configured only through its environment as the stack configures it. A
 * class the minimiser wrongly dropped, a lost log4j plugin or a broken service file fails here rather than in AWS. The
 * batch's tables are written with each codec the jar carries (ZSTD, GZIP, none), in turn. The invocation is the
 * catch-up's, so the jar also verifies the warehouse afterwards (replica schema, Flyway, the digests' SQL).
 */
class LoaderJarIT {
    private static final TestBed BED = TestBed.shared();
    private static final Path JAR = Paths.get("target", "loader.jar");
    private static final String SECRET_ID = "totes/warehouse";
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<String> runtimes() {
        return Stream.of(JavaRuntimes.current().name(), "Java 25");
    }

    /** On the build's JDK and on the stack's Java 25, with the stack's JAVA_TOOL_OPTIONS. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("runtimes")
    void theShadedJarReadsItsSecretLoadsABatchAndLogsAndMeasuresInJson(String runtimeName) throws Exception {
        JavaRuntimes.Runtime runtime = runtimeName.equals("Java 25") ? JavaRuntimes.java25().orElse(null)
                : JavaRuntimes.current();
        Assumptions.assumeTrue(runtime != null, JavaRuntimes.java25Missing());
        SourceHistory history = SourceHistory.sampled();
        Database warehouse = BED.createEmptyDatabase();
        ProcessedBatchWriter batches = new ProcessedBatchWriter(BED.s3(), BED.createBucket("processed"),
                LoaderJarIT::everyCodecInTurn);
        batches.write(1, history.first);

        String output;
        try (SecretsManagerStandIn secrets = new SecretsManagerStandIn()) {
            secrets.put(SECRET_ID, warehouse.secretJson());
            output = runJar(runtime, BED.lambdaEnvironment(secrets, Map.ofEntries(
                    Map.entry("PROCESSED_BUCKET", batches.bucketName()),
                    Map.entry("WAREHOUSE_SECRET_ID", SECRET_ID),
                    Map.entry("DB_SSLMODE", "disable"),
                    Map.entry("AWS_LAMBDA_FUNCTION_NAME", "totes-etl-loader"),
                    Map.entry("POWERTOOLS_SERVICE_NAME", "loader"),
                    Map.entry("JAVA_TOOL_OPTIONS", LambdaJvm.JAVA_TOOL_OPTIONS))));
        }

        List<String> lines = output.lines().toList();
        assertThat(lines).as(output).last().asString()
                .startsWith(HandlerLaunch.RESULT + "StageResult[summary=applied 1 manifest(s), sequences 1..1;"
                        + " warehouse up to date at sequence 1; warehouse verified: consistent (1 batch(es), 1"
                        + " replayed), committed=[1], rows=").endsWith(", caughtUp=true]");
        assertThat(lines).as("JSON log line of the applied manifest").anyMatch(line -> line.startsWith("{")
                && line.contains("\"message\":\"manifest applied\"") && line.contains("\"service\":\"loader\""));
        assertThat(lines).as("EMF metrics of fact_payment").anyMatch(line -> line.contains("\"_aws\"")
                && line.contains("\"Table\":\"fact_payment\"") && line.contains("\"RowsInserted\""));
        assertThat(lines).as("EMF of the catch-up's verification").anyMatch(line -> line.contains("\"_aws\"")
                && line.contains("\"WarehouseDifferences\":0.0")
                && line.contains("\"WarehouseVerificationFailed\":0.0"));
        assertThat(output).doesNotContain(warehouse.password());
        assertThat(lines.stream().filter(JavaRuntimes::isHandlerLogLine))
                .as("every line the function prints is a JSON object; output:\n" + output)
                .isNotEmpty().allSatisfy(line -> assertThat(JSON.readTree(line).isObject()).as(line).isTrue());
        WarehouseLoaderTest.assertTablesEqual(WarehouseContents.of(warehouse.dataSource()),
                WarehouseContents.expected(List.of(history.first)));
    }

    /** The codecs the jar carries (Parquet loads them by name), one per table in turn. */
    private static ParquetSettings everyCodecInTurn(WarehouseTable table) {
        List<CompressionCodecName> codecs = List.of(CompressionCodecName.ZSTD, CompressionCodecName.GZIP,
                CompressionCodecName.UNCOMPRESSED);
        CompressionCodecName codec = codecs.get(WarehouseCatalogue.TABLES.indexOf(table) % codecs.size());
        return new ParquetSettings(codec, ParquetSettings.DEFAULT.rowGroupBytes(), ParquetSettings.DEFAULT.pageBytes());
    }

    /** Runs the handler from the jar with exactly the given environment; returns stdout and stderr. */
    private static String runJar(JavaRuntimes.Runtime runtime, Map<String, String> environment) throws Exception {
        Path log = Files.createTempFile("loader-jar", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(
                    runtime.java(),
                    "-cp", JAR + File.pathSeparator + LaunchJar.write(Paths.get("target", "handler-launch.jar")),
                    HandlerLaunch.class.getName(), LoaderHandler.class.getName(), "catch-up")
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().clear();
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the jar did not finish in 120 s:\n" + Files.readString(log));
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as(output).isZero();
            return output;
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
