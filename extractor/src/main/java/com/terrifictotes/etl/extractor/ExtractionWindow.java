package com.terrifictotes.etl.extractor;

import com.terrifictotes.etl.error.BadInputException;
import com.terrifictotes.etl.manifest.TableExtract;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * The half-open range {@code lo <= last_updated < hi} one run reads from one table.
 *
 * <p>Why it starts {@code overlap} behind the previous run's {@code hi}, rather than exactly at it: ToteSys stamps
 * {@code last_updated} from the application's clock before its transaction commits (no default, no trigger). A row
 * stamped {@code t} can therefore become visible after a run whose bound was later than {@code t} has already read
 * its snapshot; a window starting exactly at that bound would skip the row forever (the data loss that Airbyte,
 * dlt and Singer users report). Re-reading the overlap catches every row whose commit lagged its stamp by less than
 * {@code overlap}; the rows of the overlap that were already delivered are dropped by {@link DeliveredVersions}.
 *
 * <p>Rows that share one {@code last_updated} always fall in the same window, because both bounds compare the value
 * itself ({@code >=} and {@code <}), never a row count or a position.
 *
 * @param lo inclusive lower bound; null on a table's first extraction, which reads everything below {@code hi}
 * @param hi exclusive upper bound, the database's wall clock at the start of the run's snapshot
 */
public record ExtractionWindow(LocalDateTime lo, LocalDateTime hi) {
    public ExtractionWindow {
        Objects.requireNonNull(hi, "hi");
        if (lo != null && !lo.isBefore(hi)) {
            throw new IllegalArgumentException("window lo " + lo + " is not before hi " + hi);
        }
    }

    /**
     * The window after {@code previous} (the table's entry in the latest manifest, if any).
     *
     * @throws BadInputException if the new bound lies more than the overlap behind the previous one: the source's
     *                           clock went backwards and the window would be empty or inverted
     */
    public static ExtractionWindow after(String table, Optional<TableExtract> previous, LocalDateTime hi,
                                         Duration overlap) {
        if (previous.isEmpty()) {
            return new ExtractionWindow(null, hi);
        }
        LocalDateTime lo = previous.get().windowHi().minus(overlap);
        if (!lo.isBefore(hi)) {
            throw new BadInputException(table + ": the source clock reads " + hi + ", but the previous run read up to "
                    + previous.get().windowHi() + "; a clock that went back by more than the overlap (" + overlap
                    + ") cannot be extracted safely");
        }
        return new ExtractionWindow(lo, hi);
    }

    public boolean isFirst() {
        return lo == null;
    }

    /**
     * Where the next run's re-read will start at the latest: versions delivered at or after this instant may be
     * read again and must be remembered; older ones never will be.
     */
    public LocalDateTime nextOverlapStart(Duration overlap) {
        return hi.minus(overlap);
    }
}
