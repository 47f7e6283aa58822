package com.terrifictotes.etl.reconciler;

import java.time.LocalDateTime;
import java.util.Map;

/**
 * What the comparison leaves alone.
 *
 * <ul>
 *   <li><b>In flight</b>: a version stamped at or after {@code inFlightFrom} of its table (the bound of the batch the
 *       warehouse applied last, less the extractor's overlap) and not after the source's clock: a pending batch holds
 *       it, or the next window reads it. Left to the normal chain, so it is never delivered twice.</li>
 *   <li><b>Stamped in the future</b>: after the source's clock. No window reads it until the clock passes its stamp,
 *       so it is delivered now (and remembered, so that window drops it).</li>
 *   <li><b>Quarantined</b>: a version the warehouse holds as rejected. Delivering it again would only reject it
 *       again.</li>
 * </ul>
 *
 * @param inFlightFrom per source table; a table missing has nothing in flight
 * @param sourceNow    the source's wall clock at the snapshot the pass reads
 */
record Rules(Map<String, LocalDateTime> inFlightFrom, LocalDateTime sourceNow, RejectedVersions rejected) {
    Rules {
        inFlightFrom = Map.copyOf(inFlightFrom);
    }

    boolean inFlight(String sourceTable, LocalDateTime stamp) {
        LocalDateTime from = inFlightFrom.get(sourceTable);
        return stamp != null && from != null && !stamp.isBefore(from) && !stamp.isAfter(sourceNow);
    }

    boolean quarantined(String sourceTable, int id, LocalDateTime stamp) {
        return rejected.contains(sourceTable, id, stamp);
    }
}
