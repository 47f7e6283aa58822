package com.terrifictotes.etl.transformer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.terrifictotes.etl.manifest.ProcessedManifest;
import com.terrifictotes.etl.runtime.LambdaJvm;
import com.terrifictotes.etl.testbed.lambda.HandlerLaunch;
import com.terrifictotes.etl.testbed.lambda.JavaRuntimes;
import com.terrifictotes.etl.testbed.lambda.LaunchJar;
import com.terrifictotes.etl.testbed.servers.Database;
import com.terrifictotes.etl.testbed.servers.TestBed;
import com.terrifictotes.etl.testbed.source.DayOfChanges;
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
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The deployable jar, shaded and trimmed (see the module's pom), really runs: two batches (the second with reference
 * edits, so the state snapshots are read back) are transformed by target/transformer.jar in a JVM of its own, and
 * must commit exactly the objects the tested code commits in this JVM.
 */
class ShadedJarIT {
    private static final Path JAR = Path.of("target", "transformer.jar");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final TestBed bed = TestBed.shared();

    static Stream<Arguments> runtimes() {
        return Stream.of(Arguments.of(JavaRuntimes.current().name()), Arguments.of("Java 25"));
    }

    /**
     * On the build's JDK and on the stack's Java 25, with the stack's JAVA_TOOL_OPTIONS: the SnapStart hooks, two
     * batches, and nothing printed that is not a JSON log line (on Java 25 zstd-jni's native library warns on stderr
     * unless native access is enabled).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("runtimes")
    void theDeployableJarTransformsBatchesExactlyAsTheTestedCodeDoes(String runtimeName) throws Exception {
        JavaRuntimes.Runtime runtime = runtimeName.equals("Java 25") ? JavaRuntimes.java25().orElse(null)
                : JavaRuntimes.current();
        Assumptions.assumeTrue(runtime != null, JavaRuntimes.java25Missing());
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

        String output = runShadedJar(runtime, Map.of("INGESTION_BUCKET", ingestion, "PROCESSED_BUCKET",
                shaded.bucket.name()));

        assertThat(output).contains(HandlerLaunch.RESULT
                        + "StageResult[summary=batches [1 TRANSFORMED, 2 TRANSFORMED], committed=[1, 2]")
                .contains("\"message\":\"batch finished\"")
                .contains("\"Namespace\":\"TotesEtl\"").contains("\"RowsOut\"")
                .contains("primed the transformer");
        assertThat(output.lines().filter(JavaRuntimes::isHandlerLogLine))
                .as("every line the function prints is a JSON object; output:\n" + output)
                .isNotEmpty().allSatisfy(line -> assertThat(JSON.readTree(line).isObject()).as(line).isTrue());
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

    private String runShadedJar(JavaRuntimes.Runtime runtime, Map<String, String> buckets) throws Exception {
        Path log = Files.createTempFile("shaded-jar", ".log");
        ProcessBuilder process = new ProcessBuilder(runtime.java(),
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
        environment.put("JAVA_TOOL_OPTIONS", LambdaJvm.JAVA_TOOL_OPTIONS);
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
