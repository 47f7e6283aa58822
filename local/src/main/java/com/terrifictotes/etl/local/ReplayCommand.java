package com.terrifictotes.etl.local;

import com.terrifictotes.etl.loader.AppliedBatch;
import com.terrifictotes.etl.loader.LoadListener;
import com.terrifictotes.etl.loader.LoadReport;
import com.terrifictotes.etl.loader.WarehouseLoader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Loads the whole processed zone into the warehouse named by WAREHOUSE_*.",
                "Exactly as the loader does: an empty database (migrated first) or one that is behind. With"
                        + " 'reprocess', it builds a new",
                "warehouse next to the old one (blue/green): the old one is untouched until you switch.",
                "Configured by: PROCESSED_BUCKET, WAREHOUSE_JDBC_URL, WAREHOUSE_USER, WAREHOUSE_PASSWORD,",
                "  AWS_REGION (credentials: the default chain), AWS_ENDPOINT_URL_S3 (optional)",
                "Exits 0 when the warehouse holds every processed batch, 3 if a missing batch holds later ones back,",
                "1 on error (a batch that cannot load, a ledger that is not this zone's history)."})
final class ReplayCommand implements Callable<Integer> {
    @Option(names = "--log-file",
            description = "where the loader's JSON logs go (default local/target/replay/lambda-output.log)")
    Path logFile;

    @Option(names = "--up-to", description = "stop after this batch (default: every batch)")
    Long upTo;

    @Override
    public Integer call() throws Exception {
        OperatorEnvironment environment = OperatorEnvironment.fromSystem();
        String bucket = environment.processedBucket();
        var warehouse = environment.warehouse();
        var s3 = environment.s3();
        Console console = Console.divertingLambdaOutputTo(logFile != null ? logFile
                : Path.of(System.getProperty("totes.home", "."), "local", "target", "replay", "lambda-output.log"));
        LoadListener progress = (AppliedBatch batch) -> console.line("  batch %d applied: %,d rows inserted,"
                + " %,d updated, %,d quarantined (%d ms)", batch.sequence(), batch.rowsInserted(), batch.rowsUpdated(),
                batch.rowsQuarantined(), batch.milliseconds());
        WarehouseLoader loader = new WarehouseLoader(s3, bucket, warehouse, progress);
        console.line("totes-etl replay: s3://%s into the warehouse %s", bucket, loader.warehouseAddress());
        LoadReport report = loader.loadPending(upTo == null ? Long.MAX_VALUE : upTo);
        console.line("%s", report.summary());
        console.line("Loader logs: %s", console.logFile().toAbsolutePath().normalize());
        return report.upToDate() ? 0 : RunCommand.WAREHOUSE_BEHIND;
    }
}
