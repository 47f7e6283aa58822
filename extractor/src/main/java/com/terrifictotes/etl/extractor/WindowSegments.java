package com.terrifictotes.etl.extractor;

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

    /**
     * @param deliveredBelow no version delivered before this run lies at or after it; null if none lies in the window
     * @param rememberFrom   every version at or after it is remembered in this run's manifest
     */
    static WindowSegments of(ExtractionWindow window, LocalDateTime deliveredBelow, LocalDateTime rememberFrom) {
        LocalDateTime tailStart = rememberFrom.truncatedTo(ChronoUnit.MICROS);
        LocalDateTime middleStart = window.isFirst() ? null
                : ceilingMicros(deliveredBelow == null || deliveredBelow.isBefore(window.lo()) ? window.lo()
                : deliveredBelow);
        boolean middleExists = middleStart == null || middleStart.isBefore(tailStart);
        if (!middleExists || !SqlTimestamps.canWrite(tailStart)
                || (middleStart != null && !SqlTimestamps.canWrite(middleStart))) {
            return rowsOnly(window);
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

    /** The whole window row by row. */
    static WindowSegments rowsOnly(ExtractionWindow window) {
        return new WindowSegments(List.of(new Segment(window.lo(), window.hi(), false)));
    }

    private static LocalDateTime ceilingMicros(LocalDateTime value) {
        LocalDateTime down = value.truncatedTo(ChronoUnit.MICROS);
        return down.equals(value) ? down : down.plus(1, ChronoUnit.MICROS);
    }
}
