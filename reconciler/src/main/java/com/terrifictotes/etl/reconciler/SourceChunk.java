package com.terrifictotes.etl.reconciler;

import java.time.LocalDateTime;
import java.util.Arrays;

/**
 * Consecutive source rows of one table, ascending by key, each as its key, the digest of the warehouse row the
 * transformer derives from it, and the stamps the comparison's rules need: the row's own {@code last_updated} and,
 * for a joined dimension, the joined row's key and stamp. Memory is a few arrays of the chunk's length: the
 * comparison's only per-row state, whatever the table's size.
 *
 * @param range the keys the chunk answers for: every source key in it is in the chunk
 */
record SourceChunk(KeyRange range, int[] keys, long[] digests, LocalDateTime[] stamps, int[] parentKeys,
                   LocalDateTime[] parentStamps) {
    /** Marks a row without a joined row (a table without a join, or a join key the source left NULL). */
    static final int NO_PARENT = Integer.MIN_VALUE;

    int size() {
        return keys.length;
    }

    /** Rows, digest sum and key bounds of the chunk's rows in {@code keys}, read off the sorted arrays. */
    RangeSummary summary(KeyRange keys) {
        int from = indexOf(keys.lo());
        int to = indexOf(keys.hi());
        if (from == to) {
            return RangeSummary.EMPTY;
        }
        long sum = 0;
        for (int i = from; i < to; i++) {
            sum += digests[i]; // modulo 2^64, as the warehouse side's sum is taken
        }
        return new RangeSummary(to - from, sum, this.keys[from], this.keys[to - 1]);
    }

    /** The first position whose key is {@code key} or above: binary search on the sorted keys. */
    int indexOf(long key) {
        if (key > Integer.MAX_VALUE) {
            return keys.length;
        }
        if (key < Integer.MIN_VALUE) {
            return 0;
        }
        int found = Arrays.binarySearch(keys, (int) key);
        return found >= 0 ? found : -found - 1;
    }

    /** Collects rows in ascending key order, then fixes the range they answer for. */
    static final class Builder {
        private int size;
        private int[] keys;
        private long[] digests;
        private LocalDateTime[] stamps;
        private int[] parentKeys;
        private LocalDateTime[] parentStamps;

        Builder(int capacity) {
            keys = new int[capacity];
            digests = new long[capacity];
            stamps = new LocalDateTime[capacity];
            parentKeys = new int[capacity];
            parentStamps = new LocalDateTime[capacity];
        }

        int size() {
            return size;
        }

        int lastKey() {
            return keys[size - 1];
        }

        void add(int key, long digest, LocalDateTime stamp, int parentKey, LocalDateTime parentStamp) {
            if (size > 0 && key <= keys[size - 1]) {
                throw new IllegalArgumentException("source keys must ascend: " + key + " after " + keys[size - 1]);
            }
            if (size == keys.length) {
                grow();
            }
            keys[size] = key;
            digests[size] = digest;
            stamps[size] = stamp;
            parentKeys[size] = parentKey;
            parentStamps[size] = parentStamp;
            size++;
        }

        SourceChunk build(KeyRange range) {
            SourceChunk chunk = new SourceChunk(range, Arrays.copyOf(keys, size), Arrays.copyOf(digests, size),
                    Arrays.copyOf(stamps, size), Arrays.copyOf(parentKeys, size), Arrays.copyOf(parentStamps, size));
            size = 0;
            return chunk;
        }

        private void grow() {
            int capacity = Math.max(16, keys.length * 2);
            keys = Arrays.copyOf(keys, capacity);
            digests = Arrays.copyOf(digests, capacity);
            stamps = Arrays.copyOf(stamps, capacity);
            parentKeys = Arrays.copyOf(parentKeys, capacity);
            parentStamps = Arrays.copyOf(parentStamps, capacity);
        }
    }
}
