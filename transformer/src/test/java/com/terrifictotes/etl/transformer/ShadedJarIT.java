package com.terrifictotes.etl.transformer;

import static org.assertj.core.api.Assertions.assertThat;

import com.terrifictotes.etl.manifest.ProcessedManifest;
import com.terrifictotes.etl.testbed.Database;
import com.terrifictotes.etl.testbed.DayOfChanges;
import com.terrifictotes.etl.testbed.TestBed;
import com.terrifictotes.etl.testbed.lambda.HandlerLaunch;
import com.terrifictotes.etl.testbed.lambda.LaunchJar;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The deployable jar, shaded and trimmed (see the module's pom), really runs: two batches (the second with reference
 * edits, so the state snapshots are read back) are transformed by target/transformer.jar in a JVM of its own, and
 * must commit exactly the objects the tested code commits in this JVM.
 */
class ShadedJarIT {
    private static final Path JAR = Path.of("target", "transformer.jar");
    private final TestBed bed = TestBed.shared();

    @Test
    void theDeployableJarTransformsBatchesExactlyAsTheTestedCodeDoes() throws Exception {
        Database source = SmallToteSys.create(61L, 80);
        String ingestion = bed.createBucket("shaded-ingestion");
        IngestionFixture extractor = new IngestionFixture(source.dataSource(), bed.s3(), ingestion);
        extractor.extract();
        DayOfChanges.apply(source.dataSource(), 3L, LocalDateTime.now(ZoneOffset.UTC));
        extractor.extract();
        ProcessedZone inProcess = new ProcessedZone(bed.s3(), bed.createBucket("shaded-reference"));
        new TransformerService(bed.s3(), TransformerSettings.forBuckets(ingestion, inProcess.bucket.name()))
                .transformPending(OptionalLong.empty());
        ProcessedZone shaded = new ProcessedZone(bed.s3(), bed.createBucket("shaded-processed"));

        String output = runShadedJar(Map.of("INGESTION_BUCKET", ingestion, "PROCESSED_BUCKET", shaded.bucket.name()));

        assertThat(output).contains(HandlerLaunch.RESULT + "batches [1 TRANSFORMED, 2 TRANSFORMED]")
                .contains("\"message\":\"batch finished\"")
                .contains("\"Namespace\":\"TotesEtl\"").contains("\"RowsOut\"")
                .contains("primed the transformer");
        for (long batch = 1; batch <= 2; batch++) {
            ProcessedManifest expected = inProcess.manifest(batch);
            assertThat(shaded.manifest(batch).tables()).isEqualTo(expected.tables());
            assertThat(shaded.manifest(batch).stateFiles()).isEqualTo(expected.stateFiles());
        }
    }

    @Test
    void theDeployableJarHoldsNoTestCodeAndOnlyLinuxNatives() throws IOException {
        try (ZipFile jar = new ZipFile(JAR.toFile())) {
            assertThat(jar.stream().map(e -> e.getName()))
                    .noneMatch(name -> name.startsWith("org/junit/") || name.startsWith("org/postgresql/")
                            || name.startsWith("org/gaul/") || name.startsWith("com/terrifictotes/etl/testbed/"))
                    .noneMatch(name -> name.endsWith(".dll") || name.endsWith(".dylib"))
                    .anyMatch(name -> name.startsWith("linux/amd64/") && name.endsWith(".so"))
                    .anyMatch(name -> name.startsWith("linux/aarch64/") && name.endsWith(".so"));
        }
    }

    private String runShadedJar(Map<String, String> buckets) throws Exception {
        Path log = Files.createTempFile("shaded-jar", ".log");
        ProcessBuilder process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", JAR + File.pathSeparator + LaunchJar.write(Path.of("target", "handler-launch.jar")),
                HandlerLaunch.class.getName(), TransformerHandler.class.getName(), "catch-up", "prime")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> environment = process.environment();
        environment.putAll(buckets);
        environment.put("AWS_ENDPOINT_URL_S3", bed.s3Endpoint().toString());
        environment.put("AWS_REGION", bed.s3Region());
        environment.put("AWS_ACCESS_KEY_ID", bed.s3AccessKey());
        environment.put("AWS_SECRET_ACCESS_KEY", bed.s3SecretKey());
        environment.put("AWS_LAMBDA_FUNCTION_NAME", "totes-etl-transformer");
        environment.put("POWERTOOLS_SERVICE_NAME", "transformer");
        Process running = process.start();
        boolean finished = running.waitFor(120, TimeUnit.SECONDS);
        String output = Files.readString(log, StandardCharsets.UTF_8);
        if (!finished) {
            running.destroyForcibly();
        }
        assertThat(finished).as("the shaded jar finished within 2 minutes; output:\n" + output).isTrue();
        assertThat(running.exitValue()).as("exit code; output:\n" + output).isZero();
        return output;
    }
}
