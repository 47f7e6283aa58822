package com.terrifictotes.etl.extractor;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one run did; also the Lambda function's response. Plain strings and numbers only, so any JSON serialiser
 * (including the Lambda runtime's) writes it without a java.time module.
 *
 * @param outcome     {@link Outcome#PUBLISHED} or {@link Outcome#NOTHING_NEW}
 * @param sequence    the manifest sequence published, or the latest existing one when nothing was new (0: none)
 * @param manifestKey the manifest written, or null when nothing was
 * @param windowHi    the run's bound, ISO-8601 without zone (the source's wall clock)
 * @param rows        rows delivered per table
 * @param rejected    row versions left out per table because a value could not be delivered (listed in the
 *                    manifest's {@code rejects}); only tables with some
 * @param schemaDrift one sentence per schema drift the run carried (warnings; drift it cannot carry fails the run)
 * @param caughtUp    false if the batch stopped at its row limit before the end of some table's window: the next
 *                    run should follow at once (the chain of issue #19), not wait for the schedule
 */
public record ExtractionResult(Outcome outcome, long sequence, String manifestKey, String windowHi,
                               Map<String, Long> rows, Map<String, Long> rejected, List<String> schemaDrift,
                               boolean caughtUp) {
    public enum Outcome { PUBLISHED, NOTHING_NEW }

    public ExtractionResult {
        rows = Collections.unmodifiableMap(new LinkedHashMap<>(rows));
        rejected = Collections.unmodifiableMap(new LinkedHashMap<>(rejected));
        schemaDrift = List.copyOf(schemaDrift);
    }

    /** A result with no rejects and no drift. */
    public ExtractionResult(Outcome outcome, long sequence, String manifestKey, String windowHi,
                            Map<String, Long> rows) {
        this(outcome, sequence, manifestKey, windowHi, rows, Map.of(), List.of(), true);
    }

    public long totalRejected() {
        return rejected.values().stream().mapToLong(Long::longValue).sum();
    }

    public long totalRows() {
        return rows.values().stream().mapToLong(Long::longValue).sum();
    }
}
