package com.terrifictotes.etl.reconciler;

/**
 * What one side holds in a key range, in one row of numbers: how many rows, the sum of their digests modulo 2^64,
 * and the lowest and highest key (meaningless when there are no rows). Two sides that agree on count and sum hold the
 * same rows, bar a collision of sums of 60-bit digests.
 */
record RangeSummary(long rows, long digestSum, long minKey, long maxKey) {
    static final RangeSummary EMPTY = new RangeSummary(0, 0, 0, 0);

    boolean sameRowsAs(RangeSummary other) {
        return rows == other.rows && digestSum == other.digestSum;
    }

    /** The narrowest range holding the keys of both summaries, within {@code range}. */
    static KeyRange keysOf(KeyRange range, RangeSummary one, RangeSummary other) {
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        for (RangeSummary side : new RangeSummary[] {one, other}) {
            if (side.rows > 0) {
                lo = Math.min(lo, side.minKey);
                hi = Math.max(hi, side.maxKey + 1);
            }
        }
        return lo >= hi ? range : new KeyRange(Math.max(lo, range.lo()), Math.min(hi, range.hi()));
    }
}
