package com.terrifictotes.etl.local;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Shows where each stage stands, and why a stuck one is stuck.",
                "Read from what is committed: each stage's newest batch, what is pending, the warehouse's lag in"
                        + " batches and time, quarantined and inferred rows, the oldest",
                "state snapshot still read, an extraction chain not yet caught up (which tables stopped where),",
                "and every stage that is stuck: on which batch, why, and the repair.",
                "Configured by: INGESTION_BUCKET, PROCESSED_BUCKET, WAREHOUSE_JDBC_URL, WAREHOUSE_USER,",
                "  WAREHOUSE_PASSWORD, AWS_REGION (credentials: the default chain), AWS_ENDPOINT_URL_S3 (optional)",
                "Exits 0 when healthy and caught up, 3 when behind, waiting or stuck, 1 on error."})
final class StatusCommand implements Callable<Integer> {
    @Option(names = "--json", description = "print one JSON object instead of text")
    boolean json;

    @Option(names = "--deep", description = "also digest the next batches' objects (reads them whole)")
    boolean deep;

    @Option(names = "--stall-minutes", defaultValue = "60",
            description = "a batch that passes its stage's checks but waits longer than this is stuck (default 60)")
    long stallMinutes;

    @Override
    public Integer call() {
        OperatorEnvironment environment = OperatorEnvironment.fromSystem();
        StatusReport report = new PipelineStatus(environment.s3(), environment.ingestionBucket(),
                environment.processedBucket(), environment.warehouse(), Clock.systemUTC())
                .read(deep, Duration.ofMinutes(stallMinutes));
        if (json) {
            System.out.println(report.json());
        } else {
            report.text().forEach(System.out::println);
        }
        return report.exitCode();
    }
}
