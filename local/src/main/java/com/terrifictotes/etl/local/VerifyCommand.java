package com.terrifictotes.etl.local;

import com.terrifictotes.etl.loader.verify.WarehouseVerification;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Proves that the warehouse holds exactly what the processed zone says.",
                "Every load_ledger row matches its manifest (sequence, SHA-256), and replaying the applied",
                "batches with the real loader into a scratch replica (schema --replica-schema of the warehouse",
                "database, kept between runs, so",
                "a daily verify applies only the new batches) gives the same ledger counts and, table by table, the",
                "same rows (surrogate keys aside), compared by digests over 1,024 key buckets and drilled down to",
                "the keys that differ.",
                "Configured by: PROCESSED_BUCKET, WAREHOUSE_JDBC_URL, WAREHOUSE_USER, WAREHOUSE_PASSWORD,",
                "  AWS_REGION (credentials: the default chain), AWS_ENDPOINT_URL_S3 (optional)",
                "Exits 0 when consistent, 4 naming each difference, 1 on error."})
final class VerifyCommand implements Callable<Integer> {
    static final int DIFFERENCES = 4;

    @Option(names = "--replica-schema", defaultValue = WarehouseVerification.DEFAULT_SCHEMA,
            description = "the scratch replica's schema in the warehouse database (default totes_verify)")
    String schema;

    @Option(names = "--rebuild", description = "drop the replica and replay every batch")
    boolean rebuild;

    @Option(names = "--max-keys", defaultValue = "20", description = "differing keys named per table (default 20)")
    int maxKeys;

    @Option(names = "--log-file",
            description = "where the replay's JSON logs go (default local/target/verify/lambda-output.log)")
    Path logFile;

    @Override
    public Integer call() throws Exception {
        OperatorEnvironment environment = OperatorEnvironment.fromSystem();
        String bucket = environment.processedBucket();
        WarehouseVerification verification = new WarehouseVerification(environment.s3(), bucket,
                environment.warehouse(), schema);
        Console console = Console.divertingLambdaOutputTo(logFile != null ? logFile
                : Path.of(System.getProperty("totes.home", "."), "local", "target", "verify", "lambda-output.log"));
        long started = System.nanoTime();
        WarehouseVerification.Result result = verification.run(rebuild, maxKeys);
        console.line("verified %d ledger batch(es) against s3://%s; replica schema %s%s: %d batch(es) replayed (%s)",
                result.batches(), bucket, schema, result.replicaRebuilt() ? " (rebuilt)" : "", result.replayed(),
                Console.seconds(Duration.ofNanos(System.nanoTime() - started)));
        if (result.differences().isEmpty()) {
            console.line("consistent: the warehouse holds exactly what the applied batches imply");
            return 0;
        }
        result.differences().forEach(d -> console.line("DIFFERENCE %s", d));
        console.line("%d difference(s)", result.differences().size());
        return DIFFERENCES;
    }
}
