package com.terrifictotes.etl.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import com.terrifictotes.etl.runtime.LambdaJvm;
import com.terrifictotes.etl.testbed.lambda.ColdPath;
import com.terrifictotes.etl.testbed.lambda.HandlerLaunch;
import com.terrifictotes.etl.testbed.lambda.JavaRuntimes;
import com.terrifictotes.etl.testbed.servers.Database;
import com.terrifictotes.etl.testbed.servers.SecretsManagerStandIn;
import com.terrifictotes.etl.testbed.servers.TestBed;
import com.terrifictotes.etl.testbed.source.ToteSysGenerator;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The deployable extractor jar's first call, in a JVM of its own configured only through its environment: it
 * extracts a ToteSys database and, on the way, loads nothing of the other stages (Parquet, Avro, Hadoop, Flyway)
 * and nothing of log4j, which the JSON logs no longer need. A guard on what is loaded, not on time.
 */
class ExtractorColdPathIT {
    private static final TestBed BED = TestBed.shared();
    private static final String SECRET_ID = "totes/totesys-cold";

    @Test
    void aColdStartExtractsWithoutLoadingParquetAvroHadoopFlywayOrLog4j() throws Exception {
        ColdPath.Run run = extractOnce("cold-path-ingestion", false);

        for (String other : List.of("org.apache.parquet", "org.apache.avro", "org.apache.hadoop", "org.flywaydb",
                "org.apache.logging.log4j")) {
            assertThat(run.loaded(other)).as(other).isEmpty();
        }
        assertThat(run.loaded("ch.qos.logback.classic.Logger")).as("logback").isNotEmpty();
    }

    /**
     * After the SnapStart hooks (what a restored function starts from) the first call loads no S3 operation's
     * request or response model: the hooks ran each bucket operation through the SDK in memory
     * ({@code S3Priming}). Before, about 380 such classes were loaded by the call itself.
     */
    @Test
    void afterTheSnapStartHooksTheFirstCallLoadsNoS3OperationModel() throws Exception {
        ColdPath.Run run = extractOnce("cold-path-primed", true);

        assertThat(run.loaded("software.amazon.awssdk.services.s3.model.")).as("primed before the call")
                .isNotEmpty();
        assertThat(run.loadedDuringTheCall("software.amazon.awssdk.services.s3.model.")).isEmpty();
    }

    /** The deployable jar's first call on a freshly seeded SF1 ToteSys, checked to have published its batch. */
    private static ColdPath.Run extractOnce(String bucketHint, boolean primed) throws Exception {
        Database toteSys = BED.createToteSysDatabase();
        ToteSysGenerator.seed(toteSys.dataSource(), 1, 7);
        String bucket = BED.createBucket(bucketHint);

        ColdPath.Run run;
        try (SecretsManagerStandIn secrets = new SecretsManagerStandIn()) {
            secrets.put(SECRET_ID, toteSys.secretJson());
            Map<String, String> environment = BED.lambdaEnvironment(secrets, Map.ofEntries(
                    Map.entry(ExtractorConfig.BUCKET, bucket),
                    Map.entry(ExtractorConfig.SECRET_ID, SECRET_ID),
                    Map.entry(ExtractorConfig.SSL_MODE, "disable"),
                    Map.entry("AWS_LAMBDA_FUNCTION_NAME", "totes-etl-extractor"),
                    Map.entry("JAVA_TOOL_OPTIONS", LambdaJvm.JAVA_TOOL_OPTIONS)));
            Path jar = Paths.get("target", "extractor.jar");
            String handler = ExtractorHandler.class.getName();
            run = primed ? ColdPath.runPrimed(JavaRuntimes.current(), jar, handler, "scheduled", environment)
                    : ColdPath.run(JavaRuntimes.current(), jar, handler, "scheduled", environment);
        }

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.result()).as(run.output()).startsWith(HandlerLaunch.RESULT);
        assertThat(BED.s3().listObjectsV2(r -> r.bucket(bucket).prefix("manifests/")).keyCount())
                .as("the batch's manifest").isEqualTo(1);
        return run;
    }
}
