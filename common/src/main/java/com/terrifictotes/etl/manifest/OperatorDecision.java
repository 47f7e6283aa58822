package com.terrifictotes.etl.manifest;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * An operator's decision that a stage reads and obeys, written once to the processed bucket under
 * {@link BucketLayout#decisionKey}: today only {@value #QUARANTINE_BATCH}, which lets the chain go on past a batch a
 * stage cannot process (an object lost, a file corrupted). The transformer then commits the batch as quarantine rows
 * only, carrying its state forward; the loader records the batch in its ledger with quarantine rows instead of its
 * data. Nothing is deleted and nothing write-once is rewritten; the warehouse's {@code etl_operator_decision} row
 * audits the same decision.
 *
 * @param stage     {@value #STAGE_TRANSFORM} or {@value #STAGE_LOAD}: which stage skips the batch
 * @param decidedBy who decided (the operator's name as given, or the OS user)
 */
public record OperatorDecision(int formatVersion, String action, String stage, long sequence, String reason,
                               String decidedBy, Instant decidedAt) {
    public static final int FORMAT_VERSION = 1;
    public static final String QUARANTINE_BATCH = "quarantine-batch";
    public static final String STAGE_TRANSFORM = "transform";
    public static final String STAGE_LOAD = "load";
    public static final Set<String> STAGES = Set.of(STAGE_TRANSFORM, STAGE_LOAD);

    public OperatorDecision {
        if (formatVersion != FORMAT_VERSION) {
            throw new IllegalArgumentException("operator decision format " + formatVersion
                    + " is not supported (this code reads " + FORMAT_VERSION + ")");
        }
        if (!QUARANTINE_BATCH.equals(action)) {
            throw new IllegalArgumentException("unknown operator decision '" + action + "'");
        }
        if (!STAGES.contains(stage)) {
            throw new IllegalArgumentException("operator decision for unknown stage '" + stage + "'");
        }
        if (sequence < 1) {
            throw new IllegalArgumentException("operator decision sequence must be positive");
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("an operator decision needs a reason");
        }
        Objects.requireNonNull(decidedBy, "decidedBy");
        Objects.requireNonNull(decidedAt, "decidedAt");
    }

    public static OperatorDecision quarantine(String stage, long sequence, String reason, String decidedBy,
                                              Instant decidedAt) {
        return new OperatorDecision(FORMAT_VERSION, QUARANTINE_BATCH, stage, sequence, reason, decidedBy, decidedAt);
    }

    public String key() {
        return BucketLayout.decisionKey(stage, sequence);
    }

    /** One line for quarantine rows, logs and status: who decided what, when and why. */
    public String describe() {
        return "batch " + sequence + " quarantined at the " + stage + " stage by " + decidedBy + " at " + decidedAt
                + ": " + reason;
    }
}
