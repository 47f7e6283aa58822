package com.terrifictotes.etl.local;

import com.terrifictotes.etl.error.ConfigurationException;
import com.terrifictotes.etl.error.StorageException;
import com.terrifictotes.etl.extractor.ExtractionSettings;
import com.terrifictotes.etl.extractor.ExtractorConfig;
import com.terrifictotes.etl.s3.S3Clients;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs one cycle (extract -> transform -> load) against external services. While the",
                "extractor stops at EXTRACT_MAX_BATCH_ROWS, it runs again (each batch transformed and loaded",
                "first) until it has caught up, at most --max-chain-runs times.",
                "Configured by environment variables:",
                "  TOTESYS_JDBC_URL, TOTESYS_USER, TOTESYS_PASSWORD",
                "  WAREHOUSE_JDBC_URL, WAREHOUSE_USER, WAREHOUSE_PASSWORD",
                "  INGESTION_BUCKET, PROCESSED_BUCKET (created if missing)",
                "  AWS_REGION; credentials from AWS's default chain: AWS_ACCESS_KEY_ID and",
                "  AWS_SECRET_ACCESS_KEY, AWS_PROFILE, SSO, or the role the command runs under",
                "  AWS_ENDPOINT_URL_S3 (optional: an S3-compatible server, path-style)",
                "  EXTRACT_OVERLAP_SECONDS, SOURCE_TIME_ZONE, EXTRACT_PART_ROWS,",
                "  EXTRACT_MAX_CLOCK_SKEW_SECONDS, EXTRACT_MAX_BATCH_ROWS (optional)",
                "Exits 0 only if every stage succeeded and the warehouse holds every processed batch;",
                "3 if the loader is waiting for a missing processed manifest."})
final class RunCommand implements Callable<Integer> {
    static final int WAREHOUSE_BEHIND = 3;

    @Option(names = "--log-file",
            description = "where the handlers' JSON logs go (default local/target/run/lambda-output.log)")
    Path logFile;

    @Option(names = "--max-chain-runs", defaultValue = "" + LocalPipeline.DEFAULT_MAX_CHAIN_RUNS,
            description = "extractor runs in this cycle at most, should the source change faster than the chain"
                    + " reads (default ${DEFAULT-VALUE}, as per execution of the stack's extraction chain)")
    int maxChainRuns;

    @Override
    public Integer call() throws Exception {
        if (maxChainRuns < 1) {
            throw new IllegalArgumentException("--max-chain-runs must be at least 1, got " + maxChainRuns);
        }
        Map<String, String> environment = System.getenv();
        Settings settings = new Settings(environment);
        String region = settings.required("AWS_REGION");
        String ingestion = settings.required("INGESTION_BUCKET");
        String processed = settings.required("PROCESSED_BUCKET");
        String endpoint = endpoint(settings);
        DataSource toteSys = SourceDatabaseOptions.toteSys(settings);
        DataSource warehouse = SourceDatabaseOptions.warehouse(settings);
        ExtractionSettings extraction = extractionSettings(environment);

        // Before the first SLF4J logger exists (the S3 client makes one): log4j's console appender keeps the
        // System.out it finds when it starts, and the handlers' JSON lines belong in the log file.
        Console console = Console.divertingLambdaOutputTo(logFile != null ? logFile
                : Path.of(System.getProperty("totes.home", "."), "local", "target", "run", "lambda-output.log"));
        PipelineServices services = new PipelineServices(S3Clients.fromEnvironment(environment), region, ingestion,
                processed, toteSys, warehouse);
        ensureBucket(services.s3(), ingestion);
        ensureBucket(services.s3(), processed);
        console.line("totes-etl run: one cycle against %s", endpoint != null ? endpoint : "AWS S3 in " + region);
        LocalPipeline pipeline = LocalPipeline.resuming(services, extraction, Clock.systemUTC())
                .boundedTo(maxChainRuns);
        console.cycle("Cycle", pipeline, new CycleSummary(services, console));
        console.line("Lambda logs: %s", console.logFile().toAbsolutePath().normalize());
        WarehouseLag lag = WarehouseLag.measure(services);
        if (lag.behind()) {
            console.line("warehouse incomplete: it holds batches up to sequence %d, the processed zone up to %d;"
                    + " the loader waits for s3://%s/%s", lag.ledgerSequence(), lag.processedSequence(), processed,
                    lag.missingManifestKey());
            return WAREHOUSE_BEHIND;
        }
        return 0;
    }

    /** AWS_ENDPOINT_URL_S3, if set, must be an http(s) URL; the S3 client would fail on it with no name given. */
    static String endpoint(Settings settings) {
        String endpoint = settings.optional(S3Clients.ENDPOINT_VARIABLE, null);
        if (endpoint == null) {
            return null;
        }
        try {
            URI uri = new URI(endpoint);
            if (uri.getHost() != null && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                return endpoint;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new ConfigurationException("environment variable " + S3Clients.ENDPOINT_VARIABLE
                + " is not an http(s) URL such as http://localhost:4566");
    }

    /** The extractor's own reading of its optional settings, with the runner's bucket. */
    private static ExtractionSettings extractionSettings(Map<String, String> environment) {
        Map<String, String> lambdaEnvironment = new HashMap<>(environment);
        lambdaEnvironment.put(ExtractorConfig.SECRET_ID, "local");
        return ExtractorConfig.fromEnvironment(lambdaEnvironment).settings();
    }

    static void ensureBucket(S3Client s3, String bucket) {
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (NoSuchBucketException e) {
            try {
                s3.createBucket(b -> b.bucket(bucket));
            } catch (SdkException create) {
                throw new StorageException("cannot create bucket " + bucket + ": " + create.getMessage(), create);
            }
        } catch (SdkException e) {
            throw new StorageException("cannot reach bucket " + bucket + ": " + e.getMessage(), e);
        }
    }
}
