package com.terrifictotes.etl.transformer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.terrifictotes.etl.catalogue.ToteSysCatalogue;
import com.terrifictotes.etl.error.ConfigurationException;
import com.terrifictotes.etl.lake.ParquetSettings;
import com.terrifictotes.etl.runtime.FunctionMetrics;
import com.terrifictotes.etl.runtime.StageResult;
import com.terrifictotes.etl.s3.S3Priming;
import com.terrifictotes.etl.testbed.lambda.InvocationContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The handler's own duties: configuration, reading the event, priming, metrics. The work itself is tested elsewhere. */
class TransformerHandlerTest {
    /** A client for an address nothing listens on: any S3 call would fail, so a passing test made none. */
    private static final S3Client UNREACHABLE = S3Client.builder().endpointOverride(URI.create("http://127.0.0.1:9"))
            .region(Region.EU_WEST_2).credentialsProvider(AnonymousCredentialsProvider.create())
            .forcePathStyle(true).build();

    private final TransformerHandler handler = new TransformerHandler(UNREACHABLE,
            TransformerSettings.forBuckets("totes-ingestion", "totes-processed"));

    @Test
    void declaresExactlyTheEnvironmentVariablesItReads() {
        assertThat(TransformerHandler.ENVIRONMENT_VARIABLES).containsExactly("INGESTION_BUCKET", "PROCESSED_BUCKET",
                "MAX_ROWS_PER_INVOCATION");
        TransformerSettings settings = TransformerSettings.fromEnvironment(Map.of("INGESTION_BUCKET", "in",
                "PROCESSED_BUCKET", "out", "UNRELATED", "x"));
        assertThat(settings.ingestionBucket()).isEqualTo("in");
        assertThat(settings.processedBucket()).isEqualTo("out");
    }

    @Test
    void refusesToStartWithoutEitherBucketNamingTheVariable() {
        assertThatThrownBy(() -> TransformerSettings.fromEnvironment(Map.of("INGESTION_BUCKET", "in")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("PROCESSED_BUCKET");
        assertThatThrownBy(() -> TransformerSettings.fromEnvironment(Map.of("PROCESSED_BUCKET", " ")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("INGESTION_BUCKET");
    }

    @Test
    void doesNothingForAnEventThatNamesNoIngestionManifest() {
        assertThat(handler.handleRequest(S3Events.objectCreated("totes-ingestion", "data/staff/part-00000.csv"),
                context())).isEqualTo(StageResult.nothingToDo("nothing to do"));
    }

    @Test
    void refusesAnEventFromAnotherBucket() {
        assertThatThrownBy(() -> handler.handleRequest(S3Events.manifestsCreated("elsewhere", 1), context()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("elsewhere");
    }

    @Test
    void primesParquetAndTheDerivationsWithoutTouchingTheNetwork() {
        handler.beforeCheckpoint(null);
        assertThat(Priming.warmUp(ParquetSettings.DEFAULT)).as("rows written and read back: one of each star table"
                + " derived from the source, a dim_date row, a state row and a quarantined one")
                .isEqualTo(Lineage.ALL.size() + 3);
    }

    @Test
    void primesTheReadOfABatchFromS3WithEveryToteSysTableAndAStateFileWithoutTouchingTheNetwork() {
        long[] read = new long[1];

        int requests = S3Priming.prime(Map.of("AWS_REGION", "eu-west-2"),
                bucket -> read[0] = Priming.readFromS3(bucket, ParquetSettings.DEFAULT));

        assertThat(read[0]).as("one row of each ToteSys table from its CSV, one state row from Parquet")
                .isEqualTo(ToteSysCatalogue.TABLES.size() + 1);
        assertThat(requests).as("every CSV put and read, the manifest, the state file's upload and ranged reads")
                .isGreaterThan(3 * ToteSysCatalogue.TABLES.size());
    }

    @Test
    void publishesRowsInRowsOutRowPathAndDurationPerTableAndTheQuarantinedRowsAsEmbeddedMetrics() {
        BatchReport report = new BatchReport(4, BatchReport.Outcome.TRANSFORMED, "manifests/processed-4.json",
                List.of(new TableStats("fact_sales_order", 12, 11, 30, 2), new TableStats("dim_date", 11, 9, 2, 0)),
                java.util.Map.of("sales_order", 1L), 23, 80);
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            new TransformObservations(FunctionMetrics.of(TransformObservations.SERVICE, Map.of())).batch(report);
        } finally {
            System.setOut(original);
        }
        List<String> documents = captured.toString(StandardCharsets.UTF_8).lines()
                .filter(line -> line.contains("\"_aws\"")).toList();
        assertThat(documents).hasSize(4);
        assertThat(documents.get(0)).contains("\"Namespace\":\"TotesEtl\"", "\"Table\":\"fact_sales_order\"",
                "\"Service\":\"transformer\"", "\"RowsIn\":12", "\"RowsOut\":11", "\"RowsRowPath\":2",
                "\"DurationMs\":30");
        assertThat(documents.get(1)).contains("\"Table\":\"dim_date\"", "\"RowsIn\":11", "\"RowsOut\":9");
        assertThat(documents.get(2)).contains("\"Namespace\":\"TotesEtl\"", "\"Service\":\"transformer\"",
                "\"QuarantinedRows\":1").doesNotContain("\"Table\"", "\"Outcome\"");
        assertThat(documents.get(3)).contains("\"Outcome\":\"TRANSFORMED\"", "\"Batches\":1", "\"DurationMs\":80");
    }

    /** The context Lambda passes the transformer function. */
    private static InvocationContext context() {
        return InvocationContext.of("totes-etl-transformer");
    }
}
