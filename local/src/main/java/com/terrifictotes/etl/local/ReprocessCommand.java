package com.terrifictotes.etl.local;

import com.terrifictotes.etl.transformer.BatchReport;
import com.terrifictotes.etl.transformer.TransformerService;
import com.terrifictotes.etl.transformer.TransformerSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "reprocess", mixinStandardHelpOptions = true,
        description = {"Re-transforms every ingestion batch into the processed bucket named by PROCESSED_BUCKET.",
                "Oldest first, into a new, empty bucket (created if missing), after a transformer fix or a catalogue",
                "change. Batches extracted under an older manifest format or catalogue are upcast as they are read;",
                "a format this code does not know stops the run naming the object and its version. Then 'replay'",
                "builds a new warehouse from the new bucket (blue/green). Run again, it goes on where it stopped.",
                "Configured by: INGESTION_BUCKET, PROCESSED_BUCKET, AWS_REGION (credentials: the default chain),",
                "  AWS_ENDPOINT_URL_S3 (optional)",
                "Exits 0 when every ingestion batch is transformed, 1 on error (naming the batch and the cause)."})
final class ReprocessCommand implements Callable<Integer> {
    @Option(names = "--log-file",
            description = "where the transformer's JSON logs go (default local/target/reprocess/lambda-output.log)")
    Path logFile;

    @Override
    public Integer call() throws Exception {
        OperatorEnvironment environment = OperatorEnvironment.fromSystem();
        String ingestion = environment.ingestionBucket();
        String processed = environment.processedBucket();
        if (ingestion.equals(processed)) {
            throw new IllegalArgumentException("INGESTION_BUCKET and PROCESSED_BUCKET are both " + ingestion
                    + ": reprocess writes into a processed bucket of its own");
        }
        var s3 = environment.s3();
        Console console = Console.divertingLambdaOutputTo(logFile != null ? logFile
                : Path.of(System.getProperty("totes.home", "."), "local", "target", "reprocess", "lambda-output.log"));
        RunCommand.ensureBucket(s3, processed);
        console.line("totes-etl reprocess: s3://%s into s3://%s", ingestion, processed);
        TransformerService service = new TransformerService(s3, TransformerSettings.forBuckets(ingestion, processed),
                Clock.systemUTC(), (BatchReport batch) -> console.line("  batch %d %s: %,d rows (%d ms)",
                        batch.sequence(), batch.outcome() == BatchReport.Outcome.TRANSFORMED ? "transformed"
                                : "already there", batch.rowsOut(), batch.millis()));
        List<BatchReport> reports = service.transformPending(OptionalLong.empty());
        console.line(reports.isEmpty() ? "nothing pending: every ingestion batch is in s3://" + processed
                : "reprocessed " + reports.size() + " batch(es); now './pipeline replay' with PROCESSED_BUCKET="
                        + processed + " and a new warehouse");
        console.line("Transformer logs: %s", console.logFile().toAbsolutePath().normalize());
        return 0;
    }
}
