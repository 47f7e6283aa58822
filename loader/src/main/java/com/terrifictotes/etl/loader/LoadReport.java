package com.terrifictotes.etl.loader;

import java.util.List;

/**
 * The outcome of one loader invocation.
 *
 * @param applied          the manifests this invocation applied, in sequence order
 * @param ledgerSequence   the highest sequence in the load ledger afterwards (0 for an empty warehouse)
 * @param waitingFor       the key of the missing manifest that holds back a later one, or null when every
 *                         manifest present has been applied
 * @param nextPresent      the key of the first manifest present after the gap, or null
 */
public record LoadReport(List<AppliedBatch> applied, long ledgerSequence, String waitingFor, String nextPresent) {
    public LoadReport {
        applied = List.copyOf(applied);
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
