package com.terrifictotes.etl.local;

import com.terrifictotes.etl.reconciler.ReconcilerConfig;
import com.terrifictotes.etl.reconciler.ReconcilerHandler;
import com.terrifictotes.etl.reconciler.ReconciliationResult;
import com.terrifictotes.etl.reconciler.ReconciliationSettings;
import com.terrifictotes.etl.s3.S3Clients;
import com.terrifictotes.etl.testbed.lambda.InvocationContext;
import com.terrifictotes.etl.testbed.lambda.LambdaEvents;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.s3.S3Client;

@Command(name = "reconcile", mixinStandardHelpOptions = true,
        description = {"Publishes the warehouse's differences from ToteSys as a batch.",
                "Finds rows deleted at the source, changed without a new last_updated, and parents no window",
                "delivered, and publishes them as a reconciliation batch; the next ./pipeline run carries it",
                "to the warehouse. Runs the reconciler Lambda's handler.",
                "Configured by environment variables:",
                "  TOTESYS_JDBC_URL, TOTESYS_USER, TOTESYS_PASSWORD",
                "  WAREHOUSE_JDBC_URL, WAREHOUSE_USER, WAREHOUSE_PASSWORD (read only)",
                "  INGESTION_BUCKET, AWS_REGION; credentials from AWS's default chain: AWS_ACCESS_KEY_ID and",
                "  AWS_SECRET_ACCESS_KEY, AWS_PROFILE, SSO, or the role the command runs under",
                "  AWS_ENDPOINT_URL_S3 (optional: an S3-compatible server, path-style)",
                "  SOURCE_TIME_ZONE, EXTRACT_OVERLAP_SECONDS (optional: as for the extractor)",
                "  RECONCILE_MAX_DELETE_RATIO (optional, default 0.1), RECONCILE_CHUNK_ROWS (optional, default 50000)",
                "Exits 0 when it published a batch or found nothing to reconcile, 1 on an error, the delete guard's",
                "refusal included (nothing is published then)."})
final class ReconcileCommand implements Callable<Integer> {
    @Option(names = "--dry-run", description = "compare and report, publish nothing")
    boolean dryRun;

    @Option(names = "--max-delete-ratio", paramLabel = "SHARE",
            description = "for this run, refuse above this share of a table's rows found gone (0 < SHARE <= 1;"
                    + " 1 turns the guard off); overrides RECONCILE_MAX_DELETE_RATIO")
    Double maxDeleteRatio;

    @Option(names = "--log-file",
            description = "where the handler's JSON logs go (default local/target/reconcile/lambda-output.log)")
    Path logFile;

    @Override
    public Integer call() throws Exception {
        Map<String, String> environment = System.getenv();
        Settings settings = new Settings(environment);
        String region = settings.required("AWS_REGION");
        String ingestion = settings.required("INGESTION_BUCKET");
        String endpoint = RunCommand.endpoint(settings);
        DataSource toteSys = SourceDatabaseOptions.toteSys(settings);
        DataSource warehouse = SourceDatabaseOptions.warehouse(settings);
        ReconciliationSettings reconciliation = ReconcilerConfig.settings(environment, ingestion).withDryRun(dryRun);
        if (maxDeleteRatio != null) {
            if (!(maxDeleteRatio > 0 && maxDeleteRatio <= 1)) {
                throw new IllegalArgumentException("--max-delete-ratio must be above 0 and at most 1, got "
                        + maxDeleteRatio);
            }
            reconciliation = reconciliation.withMaxDeleteRatio(maxDeleteRatio);
        }

        Console console = Console.divertingLambdaOutputTo(logFile != null ? logFile
                : Path.of(System.getProperty("totes.home", "."), "local", "target", "reconcile", "lambda-output.log"));
        S3Client s3 = S3Clients.fromEnvironment(environment);
        console.line("totes-etl reconcile: ToteSys against the warehouse, batches to s3://%s (%s)", ingestion,
                endpoint != null ? endpoint : "AWS S3 in " + region);
        Clock clock = Clock.systemUTC();
        ReconcilerHandler handler = new ReconcilerHandler(s3, () -> toteSys, () -> warehouse, reconciliation, clock);
        ReconciliationResult result = console.step("comparing every table", () -> handler.handleRequest(
                LambdaEvents.scheduled(region, clock.instant()), new InvocationContext("totes-etl-reconciler", clock)));
        System.out.flush();
        new ReconcileSummary(console).print(result, ingestion);
        console.line("Lambda logs: %s", console.logFile().toAbsolutePath().normalize());
        return 0;
    }
}
