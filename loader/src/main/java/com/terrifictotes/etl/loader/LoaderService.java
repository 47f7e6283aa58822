package com.terrifictotes.etl.loader;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.terrifictotes.etl.loader.verify.CatchUpVerification;
import com.terrifictotes.etl.loader.verify.VerificationOutcome;
import com.terrifictotes.etl.runtime.RowBudget;
import com.terrifictotes.etl.runtime.StageResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What one loader invocation does: apply the oldest pending manifests within its {@link RowBudget} through
 * {@link WarehouseLoader}, and after a catch-up's load has committed (and released the loaders' lock) with nothing
 * more to apply, verify the warehouse against the processed zone ({@link CatchUpVerification}, unless switched off),
 * reporting both in the metrics. A catch-up invocation that stopped at its budget leaves the verification to the
 * one that catches up (the catch-up state machine runs the loader until it answers {@code caughtUp}).
 *
 * <p>The warehouse is reached on the first invocation, never at init, so no secret or socket is frozen into a
 * SnapStart snapshot; it is reached again after a warehouse failure (the secret may have rotated, the host moved).
 */
final class LoaderService {
    private static final Logger LOG = LoggerFactory.getLogger(LoaderService.class);

    private final S3Client s3;
    private final String bucket;
    private final Supplier<DataSource> warehouse;
    private final LoadMetrics metrics;
    private final CatchUpVerification verification;
    private final RowBudget budget;
    private volatile Connected connected;

    /** The warehouse as this execution environment reached it, and its loader. */
    private record Connected(DataSource warehouse, WarehouseLoader loader) {
    }

    LoaderService(S3Client s3, String bucket, Supplier<DataSource> warehouse, LoadMetrics metrics,
                  boolean verifyOnCatchUp, RowBudget budget) {
        this.s3 = s3;
        this.budget = budget;
        this.bucket = bucket;
        this.warehouse = warehouse;
        this.metrics = metrics;
        this.verification = verifyOnCatchUp ? new CatchUpVerification(s3, bucket) : null;
    }

    boolean verifiesOnCatchUp() {
        return verification != null;
    }

    /**
     * @param timeLeft what the invocation may still take: bounds the catch-up's verification, which runs only in the
     *                 catch-up invocation that stopped for want of work, not at its budget
     */
    StageResult run(boolean catchUp, Duration timeLeft) {
        try {
            Connected current = connected();
            LoadReport report = current.loader().loadPending(budget);
            metrics.invocation(report, Instant.now());
            LOG.info(report.summary(), entry("manifests_applied", report.applied().size()),
                    entry("ledger_sequence", report.ledgerSequence()), entry("caught_up", report.caughtUp()));
            List<Long> committed = report.applied().stream().map(AppliedBatch::sequence).toList();
            if (!catchUp || verification == null || !report.caughtUp()) {
                if (catchUp && verification != null) {
                    LOG.info("catch-up stopped at its budget: the verification is left to the invocation that"
                            + " catches up", entry("ledger_sequence", report.ledgerSequence()));
                }
                return new StageResult(report.summary(), committed, report.rowsApplied(), report.caughtUp());
            }
            // the load's connection is closed, its lock released: the replay takes the same lock batch by batch
            VerificationOutcome outcome = verification.run(current.warehouse(), timeLeft);
            metrics.verification(outcome);
            return new StageResult(report.summary() + "; " + outcome.summary(), committed, report.rowsApplied(),
                    true);
        } catch (WarehouseException e) {
            connected = null;
            throw e;
        }
    }

    private Connected connected() {
        Connected current = connected;
        if (current == null) {
            DataSource dataSource = warehouse.get();
            current = new Connected(dataSource, new WarehouseLoader(s3, bucket, dataSource, metrics));
            connected = current;
        }
        return current;
    }
}
