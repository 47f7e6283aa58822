package com.terrifictotes.etl.transformer;

import java.util.List;

/**
 * What one bounded call of {@link TransformerService#transformPending(java.util.OptionalLong,
 * com.terrifictotes.etl.runtime.RowBudget)} did.
 *
 * @param reports       every batch it handled, oldest first: those it transformed and those it found done already
 * @param rowsCommitted rows (the ingestion manifests' counts) of the batches it transformed
 * @param caughtUp      false if it stopped at its budget with a batch still pending
 */
public record TransformRun(List<BatchReport> reports, long rowsCommitted, boolean caughtUp) {
    public TransformRun {
        reports = List.copyOf(reports);
    }

    /** The sequences this call committed, oldest first. */
    public List<Long> transformed() {
        return reports.stream().filter(r -> r.outcome() == BatchReport.Outcome.TRANSFORMED)
                .map(BatchReport::sequence).toList();
    }

    /** The invocation's outcome in one line, for its log and response. */
    public String summary() {
        String done = reports.isEmpty() ? "nothing pending" : "batches " + reports.stream()
                .map(r -> r.sequence() + " " + r.outcome()).toList();
        return caughtUp ? done : done + "; stopped at MAX_ROWS_PER_INVOCATION, batches still pending";
    }
}
