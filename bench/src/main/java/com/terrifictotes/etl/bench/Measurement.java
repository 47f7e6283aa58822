package com.terrifictotes.etl.bench;

import java.util.Comparator;
import java.util.List;

/**
 * One timed piece of work: how many rows and bytes it moved in how long, and, when it ran in a stage process of its
 * own (-1 otherwise), the CPU time that process used and the heap it needed; and the machine's 1-minute load
 * average when it finished.
 */
record Measurement(long rows, long bytes, long nanos, long cpuNanos, long peakAfterGc, long peakUsed,
                   long peakTemporary, double load) {
    static final long NOT_MEASURED = -1;

    static Measurement reference(long rows, long bytes, long nanos) {
        return new Measurement(rows, bytes, nanos, NOT_MEASURED, NOT_MEASURED, NOT_MEASURED, NOT_MEASURED,
                LoadAverage.oneMinute());
    }

    double seconds() {
        return nanos / 1e9;
    }

    double rowsPerSecond() {
        return rows / seconds();
    }

    double megabytesPerSecond() {
        return bytes / 1e6 / seconds();
    }

    /** Nanoseconds of work per row: the unit in which linear growth shows as a constant. */
    double nanosPerRow() {
        return (double) nanos / rows;
    }

    /**
     * The median run by wall time (for an even count, the faster of the two middle ones), so that its rows, bytes
     * and time stay one real run's figures; peaks are the highest of all runs, the figure a limit must hold.
     */
    static Measurement median(List<Measurement> runs) {
        List<Measurement> sorted = runs.stream().sorted(Comparator.comparingLong(Measurement::nanos)).toList();
        Measurement middle = sorted.get((sorted.size() - 1) / 2);
        return new Measurement(middle.rows, middle.bytes, middle.nanos, middle.cpuNanos,
                runs.stream().mapToLong(Measurement::peakAfterGc).max().orElse(NOT_MEASURED),
                runs.stream().mapToLong(Measurement::peakUsed).max().orElse(NOT_MEASURED),
                runs.stream().mapToLong(Measurement::peakTemporary).max().orElse(NOT_MEASURED),
                runs.stream().mapToDouble(Measurement::load).max().orElse(0));
    }
}
