package com.terrifictotes.etl.extractor;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A window cut into the consecutive ranges that are read one way or the other, in the window's order.
 *
 * <p>Why cut at all: only the edges of a window need a look at each row's version. Versions an earlier run
 * delivered all lie before the previous bound, {@code lo + overlap} (so only the head {@code [lo, lo+overlap)} can
 * re-read one), and the versions the next run may re-read lie at or after {@code hi - overlap} (the tail). The
 * middle, the bulk of a first or a long-delayed run, needs neither, so PostgreSQL writes its CSV with {@code COPY}.
 * Head and tail are widened to whole microseconds (the cut points then compare exactly, as bind parameters and as
 * SQL literals); if they meet, or a cut point cannot be written as a plain literal, the whole window is rows.
 */
record WindowSegments(List<Segment> segments) {
    /**
     * One range {@code from <= last_updated < to}.
     *
     * @param from null for "from the beginning"
     * @param bulk true if the range is written by COPY, false if read row by row
     */
    record Segment(LocalDateTime from, LocalDateTime to, boolean bulk) {
    }

    WindowSegments {
        segments = List.copyOf(segments);
    }

    static WindowSegments of(ExtractionWindow window, Duration overlap) {
        return of(window, overlap, null);
    }

    /**
     * @param deliveredBelow every version delivered before this run lies below it (null: below {@code lo + overlap},
     *                       as for versions an extraction delivered). A reconciliation batch may deliver a version
     *                       stamped in the future and remember it; the head then reaches past it, so the row path
     *                       drops it when this window reads it again.
     */
    static WindowSegments of(ExtractionWindow window, Duration overlap, LocalDateTime deliveredBelow) {
        LocalDateTime tailStart = window.hi().minus(overlap).truncatedTo(ChronoUnit.MICROS);
        LocalDateTime headEnd = window.isFirst() ? null : window.lo().plus(overlap);
        if (headEnd != null && deliveredBelow != null && deliveredBelow.isAfter(headEnd)) {
            headEnd = deliveredBelow;
        }
        LocalDateTime middleStart = window.isFirst() ? null : ceilingMicros(headEnd);
        boolean middleExists = middleStart == null || middleStart.isBefore(tailStart);
        if (!middleExists || !SqlTimestamps.canWrite(tailStart)
                || (middleStart != null && !SqlTimestamps.canWrite(middleStart))) {
            return new WindowSegments(List.of(new Segment(window.lo(), window.hi(), false)));
        }
        List<Segment> segments = new ArrayList<>();
        if (middleStart != null && window.lo().isBefore(middleStart)) {
            segments.add(new Segment(window.lo(), middleStart, false));
        }
        segments.add(new Segment(middleStart, tailStart, true));
        if (tailStart.isBefore(window.hi())) {
            segments.add(new Segment(tailStart, window.hi(), false));
        }
        return new WindowSegments(segments);
    }

    private static LocalDateTime ceilingMicros(LocalDateTime value) {
        LocalDateTime down = value.truncatedTo(ChronoUnit.MICROS);
        return down.equals(value) ? down : down.plus(1, ChronoUnit.MICROS);
    }
}
