package com.terrifictotes.etl.extractor;

import com.terrifictotes.etl.manifest.ContinueAfter;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A window cut into the consecutive ranges that are read one way or the other, in the window's order.
 *
 * <p>Why cut at all: only the edges of a window need a look at each row's version. Versions an earlier run
 * delivered all lie below {@code deliveredBelow} (so only the head {@code [lo, deliveredBelow)} can re-read one),
 * and the versions this run must remember lie at or after {@code rememberFrom} (the tail). The middle, the bulk of
 * a first or a long-delayed run, needs neither, so PostgreSQL writes its CSV with {@code COPY}. Head and tail are
 * widened to whole microseconds (the cut points then compare exactly, as bind parameters and as SQL literals); if
 * they meet, or a cut point cannot be written as a plain literal, the whole window is rows.
 *
 * <p>A window that goes on after a cut ({@link WindowPlan#after()}) leaves out, in its first segment, the rows at
 * its first stamp up to the cut's key: they were delivered by the batch that was cut.
 */
record WindowSegments(List<Segment> segments) {
    /**
     * One range {@code from <= last_updated < to}.
     *
     * @param from  null for "from the beginning"
     * @param bulk  true if the range is written by COPY, false if read row by row
     * @param after null, or a position at {@code from} at or before which rows are left out:
     *              {@code (last_updated, key) > (after.lastUpdated, after.id)}
     */
    record Segment(LocalDateTime from, LocalDateTime to, boolean bulk, ContinueAfter after) {
        Segment(LocalDateTime from, LocalDateTime to, boolean bulk) {
            this(from, to, bulk, null);
        }

        /** The same range, read row by row. */
        Segment rows() {
            return new Segment(from, to, false, after);
        }
    }

    WindowSegments {
        segments = List.copyOf(segments);
    }

    static WindowSegments of(ExtractionWindow window, LocalDateTime deliveredBelow, LocalDateTime rememberFrom) {
        return of(window, deliveredBelow, rememberFrom, null);
    }

    /**
     * @param deliveredBelow no version delivered before this run lies at or after it; null if none lies in the window
     * @param rememberFrom   every version at or after it is remembered in this run's manifest
     * @param after          null, or the cut the window goes on after ({@link WindowPlan#after()})
     */
    static WindowSegments of(ExtractionWindow window, LocalDateTime deliveredBelow, LocalDateTime rememberFrom,
                             ContinueAfter after) {
        LocalDateTime tailStart = rememberFrom.truncatedTo(ChronoUnit.MICROS);
        // a first window normally has no head; one appears if a version was delivered in it already (a reconciliation
        // batch between two batches of a chain that had not reached the table yet)
        boolean headless = deliveredBelow == null || (!window.isFirst() && deliveredBelow.isBefore(window.lo()));
        LocalDateTime middleStart = headless ? window.lo() : deliveredBelow;
        middleStart = middleStart == null ? null : ceilingMicros(middleStart);
        boolean middleExists = middleStart == null || middleStart.isBefore(tailStart);
        if (!middleExists || !SqlTimestamps.canWrite(tailStart)
                || (middleStart != null && !SqlTimestamps.canWrite(middleStart))
                || (after != null && !SqlTimestamps.canWrite(after.lastUpdated()))) {
            return rowsOnly(window, after);
        }
        List<Segment> segments = new ArrayList<>();
        if (middleStart != null && (window.isFirst() || window.lo().isBefore(middleStart))) {
            segments.add(new Segment(window.lo(), middleStart, false, after));
            after = null;
        }
        segments.add(new Segment(middleStart, tailStart, true, after));
        if (tailStart.isBefore(window.hi())) {
            segments.add(new Segment(tailStart, window.hi(), false));
        }
        return new WindowSegments(segments);
    }

    /** The whole window row by row. */
    static WindowSegments rowsOnly(ExtractionWindow window) {
        return rowsOnly(window, null);
    }

    /** The whole window row by row, after {@code after} if not null. */
    static WindowSegments rowsOnly(ExtractionWindow window, ContinueAfter after) {
        return new WindowSegments(List.of(new Segment(window.lo(), window.hi(), false, after)));
    }

    private static LocalDateTime ceilingMicros(LocalDateTime value) {
        LocalDateTime down = value.truncatedTo(ChronoUnit.MICROS);
        return down.equals(value) ? down : down.plus(1, ChronoUnit.MICROS);
    }
}
