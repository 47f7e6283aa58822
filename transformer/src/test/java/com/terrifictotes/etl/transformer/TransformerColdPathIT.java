package com.terrifictotes.etl.transformer;

import static org.assertj.core.api.Assertions.assertThat;

import com.terrifictotes.etl.runtime.LambdaJvm;
import com.terrifictotes.etl.testbed.lambda.ColdPath;
import com.terrifictotes.etl.testbed.lambda.HandlerLaunch;
import com.terrifictotes.etl.testbed.lambda.JavaRuntimes;
import com.terrifictotes.etl.testbed.servers.Database;
import com.terrifictotes.etl.testbed.servers.SecretsManagerStandIn;
import com.terrifictotes.etl.testbed.servers.TestBed;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * After the SnapStart hooks (what a restored function starts from), the transformer's first call loads no S3
 * operation's model, none of Parquet's reader, footer or Jackson, and neither the CSV reader nor the manifests' JSON
 * binding: the hooks read a one-row batch of every table from an in-memory S3 and a state file through ranged GETs
 * ({@code S3Priming}, {@code Priming.readFromS3}). A guard on what is loaded, not on time: the bench measures time.
 */
class TransformerColdPathIT {
    private static final TestBed BED = TestBed.shared();

    @Test
    void afterTheSnapStartHooksTheFirstCallLoadsNoS3OperationModelNoParquetReaderAndNoCsvReader() throws Exception {
        Database source = SmallToteSys.create(67L, 40);
        String ingestion = BED.createBucket("cold-path-ingestion");
        String processed = BED.createBucket("cold-path-processed");
        new IngestionFixture(source.dataSource(), BED.s3(), ingestion).extract();

        ColdPath.Run run;
        try (SecretsManagerStandIn secrets = new SecretsManagerStandIn()) {
            run = ColdPath.runPrimed(JavaRuntimes.current(), Paths.get("target", "transformer.jar"),
                    TransformerHandler.class.getName(), "catch-up", BED.lambdaEnvironment(secrets, Map.ofEntries(
                            Map.entry("INGESTION_BUCKET", ingestion),
                            Map.entry("PROCESSED_BUCKET", processed),
                            Map.entry("AWS_LAMBDA_FUNCTION_NAME", "totes-etl-transformer"),
                            Map.entry("JAVA_TOOL_OPTIONS", LambdaJvm.JAVA_TOOL_OPTIONS))));
        }

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.result()).as(run.output()).startsWith(HandlerLaunch.RESULT
                + "StageResult[summary=batches [1 TRANSFORMED], committed=[1]");
        for (String primed : List.of("software.amazon.awssdk.services.s3.model.", "shaded.parquet.com.fasterxml",
                "org.apache.parquet.hadoop.ParquetFileReader", "org.apache.parquet.format.FileMetaData",
                CsvRecordReader.class.getName(), "com.terrifictotes.etl.manifest.ManifestJson")) {
            assertThat(run.loaded(primed)).as(primed + " before the call").isNotEmpty();
            assertThat(run.loadedDuringTheCall(primed)).as(primed + " during the call").isEmpty();
        }
    }
}
