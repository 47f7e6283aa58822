package com.terrifictotes.etl.loader;

import static org.assertj.core.api.Assertions.assertThat;

import com.terrifictotes.etl.runtime.LambdaJvm;
import com.terrifictotes.etl.testbed.lambda.ColdPath;
import com.terrifictotes.etl.testbed.lambda.HandlerLaunch;
import com.terrifictotes.etl.testbed.lambda.JavaRuntimes;
import com.terrifictotes.etl.testbed.servers.Database;
import com.terrifictotes.etl.testbed.servers.SecretsManagerStandIn;
import com.terrifictotes.etl.testbed.servers.TestBed;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The loader jar's first call on a warehouse already migrated, the usual cold start: it loads the batch without
 * Flyway (the history matches the jar's migrations, so one query replaces Flyway's classes and queries) and logs
 * through logback, never log4j. A guard on what is loaded, not on time: the bench measures time.
 */
class LoaderColdPathIT {
    private static final TestBed BED = TestBed.shared();
    private static final String SECRET_ID = "totes/warehouse-cold";

    @Test
    void aColdStartOnAMigratedWarehouseLoadsTheBatchWithoutLoadingFlywayOrLog4j() throws Exception {
        ColdPath.Run run = loadOnce("cold-path", false);

        assertThat(run.result()).as(run.output()).endsWith(", caughtUp=true]");
        assertThat(run.loaded("org.flywaydb.core.internal")).as("Flyway's engine").isEmpty();
        assertThat(run.loaded("org.flywaydb.core.Flyway")).as("Flyway itself").isEmpty();
        assertThat(run.loaded("org.apache.logging.log4j")).as("log4j").isEmpty();
        assertThat(run.loaded("ch.qos.logback.classic.Logger")).as("logback").isNotEmpty();
    }

    /**
     * After the SnapStart hooks (what a restored function starts from) the first call loads no S3 operation's model
     * and none of Parquet's file reader, footer or Jackson: the hooks read a Parquet file of every table from an
     * in-memory S3 ({@code S3Priming}, {@code LoaderPriming}). Before, the call itself loaded about 1,500 of them.
     */
    @Test
    void afterTheSnapStartHooksTheFirstCallLoadsNoS3OperationModelAndNoParquetReader() throws Exception {
        ColdPath.Run run = loadOnce("cold-path-primed", true);

        for (String primed : List.of("software.amazon.awssdk.services.s3.model.", "shaded.parquet.com.fasterxml",
                "org.apache.parquet.hadoop.ParquetFileReader", "org.apache.parquet.format.FileMetaData")) {
            assertThat(run.loaded(primed)).as(primed + " before the call").isNotEmpty();
            assertThat(run.loadedDuringTheCall(primed)).as(primed + " during the call").isEmpty();
        }
    }

    /** The deployable jar's first call on a migrated warehouse with one processed batch, checked to have loaded it. */
    private static ColdPath.Run loadOnce(String bucketHint, boolean primed) throws Exception {
        Database warehouse = BED.createWarehouseDatabase();
        ProcessedBatchWriter batches = new ProcessedBatchWriter(BED.s3(), BED.createBucket(bucketHint));
        batches.write(1, SourceHistory.sampled().first);

        ColdPath.Run run;
        try (SecretsManagerStandIn secrets = new SecretsManagerStandIn()) {
            secrets.put(SECRET_ID, warehouse.secretJson());
            Map<String, String> environment = BED.lambdaEnvironment(secrets, Map.ofEntries(
                    Map.entry("PROCESSED_BUCKET", batches.bucketName()),
                    Map.entry("WAREHOUSE_SECRET_ID", SECRET_ID),
                    Map.entry("DB_SSLMODE", "disable"),
                    Map.entry("VERIFY_ON_CATCH_UP", "false"),
                    Map.entry("AWS_LAMBDA_FUNCTION_NAME", "totes-etl-loader"),
                    Map.entry("JAVA_TOOL_OPTIONS", LambdaJvm.JAVA_TOOL_OPTIONS)));
            Path jar = Paths.get("target", "loader.jar");
            String handler = LoaderHandler.class.getName();
            run = primed ? ColdPath.runPrimed(JavaRuntimes.current(), jar, handler, "catch-up", environment)
                    : ColdPath.run(JavaRuntimes.current(), jar, handler, "catch-up", environment);
        }

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.result()).as(run.output()).startsWith(HandlerLaunch.RESULT
                + "StageResult[summary=applied 1 manifest(s), sequences 1..1; warehouse up to date at sequence 1,"
                + " committed=[1], rows=");
        return run;
    }
}
