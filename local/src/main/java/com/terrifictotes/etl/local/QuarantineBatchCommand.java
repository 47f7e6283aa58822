package com.terrifictotes.etl.local;

import com.terrifictotes.etl.error.StorageException;
import com.terrifictotes.etl.loader.LoadLedger;
import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.manifest.ManifestJson;
import com.terrifictotes.etl.manifest.OperatorDecision;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "quarantine-batch", mixinStandardHelpOptions = true,
        description = {"Lets the chain go on past a batch a stage cannot process, recording the decision.",
                "For an object lost or a file corrupted, without touching S3 by hand: records the decision in",
                "the warehouse (etl_operator_decision: who, when, why, which stage) and writes it, once, to",
                "s3://PROCESSED_BUCKET/decisions/<stage>-<N>.json,",
                "which the stage obeys on its next run: the transformer commits the batch as quarantine rows only",
                "(one per source table, naming its objects) and carries its state forward; the loader records the",
                "batch in its ledger with one quarantine row per warehouse table instead of its rows. Nothing is",
                "deleted. The reconciliation pass ('./pipeline reconcile') re-delivers the rows from the source.",
                "Configured by: INGESTION_BUCKET, PROCESSED_BUCKET, WAREHOUSE_JDBC_URL, WAREHOUSE_USER,",
                "  WAREHOUSE_PASSWORD, AWS_REGION (credentials: the default chain), AWS_ENDPOINT_URL_S3 (optional)",
                "Exits 0 when the decision is recorded (or was already, identically), 1 otherwise."})
final class QuarantineBatchCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "the batch (sequence) to quarantine")
    long sequence;

    @Option(names = "--reason", required = true, description = "why: kept in the audit table and every quarantine row")
    String reason;

    @Option(names = "--stage", description = "transform or load (default: the stage the batch is stuck at)")
    String stage;

    @Option(names = "--by", description = "who decides (default: the USER environment variable)")
    String by;

    @Override
    public Integer call() {
        OperatorEnvironment environment = OperatorEnvironment.fromSystem();
        WriteOnceBucket processed = new WriteOnceBucket(environment.s3(), environment.processedBucket());
        WriteOnceBucket ingestion = new WriteOnceBucket(environment.s3(), environment.ingestionBucket());
        long ledger = ledgerSequence(environment.warehouse());
        String chosen = stage != null ? stage : stuckStage(processed, ingestion);
        requireStillPending(chosen, processed, ledger);
        OperatorDecision decision = OperatorDecision.quarantine(chosen, sequence, reason, environment.operator(by),
                Instant.now());
        String uri = processed.uri(decision.key());
        if (processed.exists(decision.key())) {
            OperatorDecision earlier = ManifestJson.readDecision(uri, processed.readAllBytes(decision.key()));
            System.out.println("already decided (" + uri + "): " + earlier.describe());
            return 0;
        }
        OperatorDecisions.record(environment.warehouse(), decision, uri);
        processed.putIfAbsent(decision.key(), ManifestJson.write(decision), "application/json");
        System.out.println("recorded: " + decision.describe());
        System.out.println("decision: " + uri + " (audit: etl_operator_decision in the warehouse)");
        System.out.println("next: the " + chosen + " stage's next run (or its catch-up invocation) "
                + (OperatorDecision.STAGE_TRANSFORM.equals(chosen)
                ? "commits the batch as quarantine rows and goes on" : "records the batch without its rows and goes on")
                + "; then './pipeline reconcile' re-delivers its rows from the source");
        return 0;
    }

    /** The stage at which the batch is stuck: the loader once it is transformed, else the transformer. */
    private String stuckStage(WriteOnceBucket processed, WriteOnceBucket ingestion) {
        if (processed.exists(BucketLayout.processedManifestKey(sequence))) {
            return OperatorDecision.STAGE_LOAD;
        }
        if (ingestion.exists(BucketLayout.ingestionManifestKey(sequence))) {
            return OperatorDecision.STAGE_TRANSFORM;
        }
        return OperatorDecision.STAGE_LOAD; // lost from both zones: only the loader waits for it
    }

    private void requireStillPending(String chosen, WriteOnceBucket processed, long ledger) {
        if (!OperatorDecision.STAGES.contains(chosen)) {
            throw new IllegalArgumentException("--stage must be transform or load, not '" + chosen + "'");
        }
        if (sequence <= ledger) {
            throw new IllegalArgumentException("batch " + sequence + " is already in the warehouse (its ledger is at "
                    + ledger + "): there is nothing to quarantine");
        }
        if (OperatorDecision.STAGE_TRANSFORM.equals(chosen)
                && processed.exists(BucketLayout.processedManifestKey(sequence))) {
            throw new IllegalArgumentException("batch " + sequence + " is already transformed ("
                    + processed.uri(BucketLayout.processedManifestKey(sequence))
                    + "): quarantine it with --stage load");
        }
    }

    private static long ledgerSequence(DataSource warehouse) {
        try (Connection connection = warehouse.getConnection()) {
            return LoadLedger.exists(connection) ? LoadLedger.lastSequence(connection) : 0;
        } catch (SQLException e) {
            throw new StorageException("cannot read the warehouse's load ledger: " + e.getMessage(), e);
        }
    }
}
