package com.terrifictotes.etl.reconciler;

import java.util.ArrayList;
import java.util.List;

/**
 * Keys {@code lo <= key < hi} of one table. Longs, so that the ranges of a chunked comparison cover every integer key
 * from {@link #EVERY}'s start to its end without a special case at either end.
 */
record KeyRange(long lo, long hi) {
    /** Every key an {@code integer} column can hold. */
    static final KeyRange EVERY = new KeyRange(Integer.MIN_VALUE, Integer.MAX_VALUE + 1L);

    KeyRange {
        if (lo >= hi) {
            throw new IllegalArgumentException("empty key range [" + lo + ", " + hi + ")");
        }
    }

    long width() {
        return hi - lo;
    }

    boolean contains(long key) {
        return key >= lo && key < hi;
    }

    /**
     * {@code parts} consecutive ranges of (nearly) equal width covering this one, fewer if it is narrower than that:
     * data-diff's bisection of a segment into {@code bisection_factor} segments.
     */
    List<KeyRange> split(int parts) {
        long count = Math.min(parts, width());
        List<KeyRange> ranges = new ArrayList<>();
        long start = lo;
        for (long i = 1; i <= count; i++) {
            long end = i == count ? hi : lo + width() * i / count;
            ranges.add(new KeyRange(start, end));
            start = end;
        }
        return ranges;
    }

    @Override
    public String toString() {
        return "[" + lo + ", " + hi + ")";
    }
}
