package com.terrifictotes.etl.loader.verify;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.terrifictotes.etl.error.ConfigurationException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The verification the loader runs after the daily catch-up load ({@code ./pipeline verify}'s, on AWS): the warehouse
 * against the processed zone, through the replica schema {@value WarehouseVerification#DEFAULT_SCHEMA}. It never fails
 * the invocation, whose load has committed: it logs what it found (one WARN line per difference, at most
 * {@value #LOGGED_DIFFERENCES}; an ERROR when it cannot run) and returns an outcome for the metrics, on which the
 * stack's alarms fire.
 *
 * <p>It keeps {@link #RESERVE} of the invocation for the comparison: the replay into the replica stops between batches
 * when only that is left, and the next catch-up goes on. Less than that left after the load, it does not start.
 */
public final class CatchUpVerification {
    /** The loader's switch: {@code false} turns the verification off; on unless set. */
    public static final String SWITCH = "VERIFY_ON_CATCH_UP";
    /** Time kept for the comparison, which scans every table on both sides (about 11 s at SF10). */
    static final Duration RESERVE = Duration.ofMinutes(5);
    /** Difference lines logged one by one; the count covers them all. */
    static final int LOGGED_DIFFERENCES = 50;
    /** Differing keys named per table; then one line says there are more. */
    static final int KEYS_PER_TABLE = 20;

    private static final Logger LOG = LoggerFactory.getLogger(CatchUpVerification.class);

    private final S3Client s3;
    private final String processedBucket;

    public CatchUpVerification(S3Client s3, String processedBucket) {
        this.s3 = s3;
        this.processedBucket = processedBucket;
    }

    /** {@value #SWITCH}: true unless set to {@code false}; anything but true or false is refused naming it. */
    public static boolean enabled(Map<String, String> environment) {
        String value = environment.get(SWITCH);
        if (value == null || value.isBlank()) {
            return true;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigurationException("environment variable " + SWITCH + " must be true or false,"
                    + " got '" + value + "'");
        };
    }

    /** Verifies the warehouse with {@code timeLeft} of the invocation to go. */
    public VerificationOutcome run(DataSource warehouse, Duration timeLeft) {
        long started = System.nanoTime();
        if (timeLeft.compareTo(RESERVE) <= 0) {
            String why = "the load left " + timeLeft.toSeconds() + " s of the invocation, less than the "
                    + RESERVE.toSeconds() + " s the comparison is given";
            LOG.warn("warehouse verification skipped: " + why + "; the next catch-up runs it");
            return VerificationOutcome.notRun(VerificationOutcome.Status.SKIPPED, why, 0);
        }
        long deadline = started + timeLeft.minus(RESERVE).toNanos();
        return run(warehouse, () -> System.nanoTime() - deadline < 0, started);
    }

    /** The same with the replay's time given by {@code timeLeft}, asked after each batch. */
    VerificationOutcome run(DataSource warehouse, BooleanSupplier timeLeft, long started) {
        WarehouseVerification verification = new WarehouseVerification(s3, processedBucket, warehouse,
                WarehouseVerification.DEFAULT_SCHEMA, true);
        VerificationOutcome outcome;
        try {
            outcome = VerificationOutcome.of(verification.run(false, KEYS_PER_TABLE, timeLeft), millisSince(started));
        } catch (SQLException | RuntimeException e) {
            String why = e.getMessage();
            LOG.error("warehouse verification could not run (the load itself committed): " + why
                    + ". The WarehouseVerificationFailed alarm fires; ./pipeline verify runs it by hand",
                    entry("replica_schema", verification.schema()), e);
            return VerificationOutcome.notRun(VerificationOutcome.Status.FAILED, why, millisSince(started));
        }
        log(outcome, verification.schema());
        return outcome;
    }

    private static void log(VerificationOutcome outcome, String schema) {
        switch (outcome.status()) {
            case CONSISTENT -> LOG.info("warehouse verified: it holds exactly what its applied batches imply",
                    entry("ledger_batches", outcome.batches()), entry("batches_replayed", outcome.replayed()),
                    entry("replica_schema", schema), entry("duration_ms", outcome.milliseconds()));
            case DIFFERENT -> {
                outcome.differences().stream().limit(LOGGED_DIFFERENCES).forEach(difference ->
                        LOG.warn("warehouse difference: " + difference, entry("difference", difference)));
                LOG.warn("warehouse verification found " + outcome.differences().size() + " difference(s)"
                                + (outcome.differences().size() > LOGGED_DIFFERENCES ? ", the first "
                                + LOGGED_DIFFERENCES + " logged" : "") + ": ./pipeline verify names them all",
                        entry("differences", outcome.differences().size()), entry("ledger_batches", outcome.batches()),
                        entry("batches_replayed", outcome.replayed()), entry("replica_schema", schema),
                        entry("duration_ms", outcome.milliseconds()));
            }
            default -> LOG.warn("warehouse verification continues at the next catch-up: the replay into the replica"
                            + " ran out of time", entry("ledger_batches", outcome.batches()),
                    entry("batches_replayed", outcome.replayed()), entry("replica_schema", schema),
                    entry("duration_ms", outcome.milliseconds()));
        }
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
