package com.terrifictotes.etl.loader.verify;

import java.util.List;

/**
 * What the verification after a catch-up load came to.
 *
 * @param status       see {@link Status}
 * @param batches      the warehouse's ledger rows (0 when it did not run)
 * @param replayed     batches replayed into the replica by this run
 * @param differences  one line per difference (each names a batch, or a table and a key); empty unless DIFFERENT
 * @param failure      why it could not run (FAILED), or why it did not (SKIPPED); null otherwise
 * @param milliseconds how long it took
 */
public record VerificationOutcome(Status status, long batches, long replayed, List<String> differences,
                                  String failure, long milliseconds) {
    public enum Status {
        /** The warehouse holds exactly what its applied batches imply. */
        CONSISTENT,
        /** It does not: {@link #differences} names how. */
        DIFFERENT,
        /** The replay into the replica ran out of time; the next catch-up goes on from there, then compares. */
        INCOMPLETE,
        /** Too little of the invocation was left after the load to start. */
        SKIPPED,
        /** It could not run (the replica's schema, the database, S3): {@link #failure} says why. */
        FAILED
    }

    public VerificationOutcome {
        differences = List.copyOf(differences);
    }

    static VerificationOutcome of(WarehouseVerification.Result result, long milliseconds) {
        Status status = !result.complete() ? Status.INCOMPLETE
                : result.differences().isEmpty() ? Status.CONSISTENT : Status.DIFFERENT;
        return new VerificationOutcome(status, result.batches(), result.replayed(), result.differences(), null,
                milliseconds);
    }

    static VerificationOutcome notRun(Status status, String why, long milliseconds) {
        return new VerificationOutcome(status, 0, 0, List.of(), why, milliseconds);
    }

    /** Whether the warehouse was compared with its replica, so {@link #differences} is the finding. */
    public boolean compared() {
        return status == Status.CONSISTENT || status == Status.DIFFERENT;
    }

    /** One clause for the invocation's answer. */
    public String summary() {
        return switch (status) {
            case CONSISTENT -> "warehouse verified: consistent (" + batches + " batch(es), " + replayed
                    + " replayed)";
            case DIFFERENT -> "warehouse verified: " + differences.size() + " difference(s); run ./pipeline verify";
            case INCOMPLETE -> "warehouse verification continues at the next catch-up (" + replayed
                    + " batch(es) replayed)";
            case SKIPPED -> "warehouse verification skipped: " + failure;
            case FAILED -> "warehouse verification failed: " + failure;
        };
    }
}
