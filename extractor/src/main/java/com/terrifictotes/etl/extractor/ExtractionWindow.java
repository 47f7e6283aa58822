package com.terrifictotes.etl.extractor;

import java.time.LocalDateTime;
import java.util.Objects;

/**
 * The half-open range {@code lo <= last_updated < hi} one run reads from one table ({@link WindowPlanner} says
 * where it starts and why).
 *
 * <p>Rows that share one {@code last_updated} always fall in the same window, because both bounds compare the value
 * itself ({@code >=} and {@code <}), never a row count or a position.
 *
 * @param lo inclusive lower bound; null on a table's first extraction, which reads everything below {@code hi}
 * @param hi exclusive upper bound: the source's wall clock at the start of the run's snapshot
 */
record ExtractionWindow(LocalDateTime lo, LocalDateTime hi) {
    public ExtractionWindow {
        Objects.requireNonNull(hi, "hi");
        if (lo != null && !lo.isBefore(hi)) {
            throw new IllegalArgumentException("window lo " + lo + " is not before hi " + hi);
        }
    }

    public boolean isFirst() {
        return lo == null;
    }
}
