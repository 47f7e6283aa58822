package com.terrifictotes.etl.loader;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The outcome of one loader invocation.
 *
 * @param applied          the manifests this invocation applied, in sequence order
 * @param ledgerSequence   the highest sequence in the load ledger afterwards (0 for an empty warehouse)
 * @param waitingFor       the key of the missing manifest that holds back a later one, or null when every
 *                         manifest present has been applied
 * @param nextPresent      the key of the first manifest present after the gap, or null
 * @param pendingBatches   processed manifests above the ledger afterwards (behind a gap, or beyond {@code upTo})
 * @param oldestPending    when the oldest of them was written, or null when none is pending
 */
public record LoadReport(List<AppliedBatch> applied, long ledgerSequence, String waitingFor, String nextPresent,
                         long pendingBatches, Instant oldestPending) {
    public LoadReport {
        applied = List.copyOf(applied);
    }

    public LoadReport(List<AppliedBatch> applied, long ledgerSequence, String waitingFor, String nextPresent) {
        this(applied, ledgerSequence, waitingFor, nextPresent, 0, null);
    }

    /** Seconds since the oldest pending manifest was written; 0 when none is pending. */
    public long oldestPendingAgeSeconds(Instant now) {
        return oldestPending == null ? 0 : Math.max(0, Duration.between(oldestPending, now).toSeconds());
    }

    public boolean upToDate() {
        return waitingFor == null;
    }

    public String summary() {
        String done = applied.isEmpty() ? "applied no manifest"
                : "applied " + applied.size() + " manifest(s), sequences " + applied.get(0).sequence() + ".."
                        + applied.get(applied.size() - 1).sequence();
        String state = upToDate() ? "warehouse up to date at sequence " + ledgerSequence
                : "waiting for " + waitingFor + " before " + nextPresent;
        return done + "; " + state;
    }
}
