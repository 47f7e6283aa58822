package com.terrifictotes.etl.transformer;

import com.terrifictotes.etl.manifest.RowVersion;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Collection;

/**
 * The row versions (id, last_updated) already turned into fact rows: a version seen again, within the batch or in
 * the previous batch's re-read overlap, is dropped.
 *
 * <p>The extractor writes each table's rows ordered by (last_updated, id), so a batch's versions usually arrive in
 * strictly increasing order, and then none can repeat another: while they do, each is only appended to a log
 * (sequential writes, 12 bytes a version). The first version that does not come after its predecessor (a batch of
 * several extraction windows, a re-read) turns the log into a hash set, which decides from then on. Both are
 * primitive, because a full first load can hold millions of versions and the facts themselves are never held in
 * memory. The versions an earlier batch delivered are a small set of their own, asked first.
 */
final class DistinctVersions {
    private static final int FIRST_CAPACITY = 1024;

    private final VersionTable delivered = new VersionTable(FIRST_CAPACITY);
    private int[] loggedIds = new int[FIRST_CAPACITY];
    private long[] loggedStamps = new long[FIRST_CAPACITY];
    private int logged;
    private VersionTable unordered;

    /** Starts with versions that earlier batches delivered (an ingestion manifest's recentVersions). */
    static DistinctVersions alreadyDelivered(Collection<RowVersion> earlier) {
        DistinctVersions versions = new DistinctVersions();
        earlier.forEach(v -> versions.delivered.insert(v.id(), VersionStamps.of(v.lastUpdated())));
        return versions;
    }

    /** True the first time a version is offered, false for every repeat. */
    boolean add(int id, LocalDateTime lastUpdated) {
        return add(id, VersionStamps.of(lastUpdated));
    }

    /** {@link #add(int, LocalDateTime)} of a stamp in {@link VersionStamps}' microseconds. */
    boolean add(int id, long stamp) {
        if (delivered.size() > 0 && delivered.contains(id, stamp)) {
            return false;
        }
        if (unordered == null) {
            if (logged == 0 || comesAfterLast(id, stamp)) {
                log(id, stamp);
                return true;
            }
            unordered = VersionTable.of(loggedIds, loggedStamps, logged);
            loggedIds = null;
            loggedStamps = null;
        }
        return unordered.insert(id, stamp);
    }

    /** The distinct versions offered so far, those delivered earlier included. */
    int size() {
        return delivered.size() + (unordered == null ? logged : unordered.size());
    }

    /** Whether the version log has turned into a hash set (versions came out of order). */
    boolean unordered() {
        return unordered != null;
    }

    private boolean comesAfterLast(int id, long stamp) {
        long lastStamp = loggedStamps[logged - 1];
        return stamp > lastStamp || stamp == lastStamp && id > loggedIds[logged - 1];
    }

    private void log(int id, long stamp) {
        if (logged == loggedIds.length) {
            loggedIds = Arrays.copyOf(loggedIds, logged * 2);
            loggedStamps = Arrays.copyOf(loggedStamps, logged * 2);
        }
        loggedIds[logged] = id;
        loggedStamps[logged] = stamp;
        logged++;
    }

    /** A set of versions by open addressing: about 26 bytes a version. */
    private static final class VersionTable {
        private int[] ids;
        private long[] stamps;
        private boolean[] used;
        private int size;

        /** @param capacity a power of two */
        VersionTable(int capacity) {
            ids = new int[capacity];
            stamps = new long[capacity];
            used = new boolean[capacity];
        }

        static VersionTable of(int[] ids, long[] stamps, int count) {
            VersionTable table = new VersionTable(Math.max(FIRST_CAPACITY, Integer.highestOneBit(count) * 4));
            for (int i = 0; i < count; i++) {
                table.insert(ids[i], stamps[i]);
            }
            return table;
        }

        int size() {
            return size;
        }

        boolean contains(int id, long stamp) {
            int mask = used.length - 1;
            for (int slot = VersionStamps.hash(id, stamp) & mask; used[slot]; slot = (slot + 1) & mask) {
                if (ids[slot] == id && stamps[slot] == stamp) {
                    return true;
                }
            }
            return false;
        }

        /** True if the version was not in the set. */
        boolean insert(int id, long stamp) {
            if (2 * (size + 1) > used.length) {
                grow();
            }
            int mask = used.length - 1;
            int slot = VersionStamps.hash(id, stamp) & mask;
            while (used[slot]) {
                if (ids[slot] == id && stamps[slot] == stamp) {
                    return false;
                }
                slot = (slot + 1) & mask;
            }
            used[slot] = true;
            ids[slot] = id;
            stamps[slot] = stamp;
            size++;
            return true;
        }

        private void grow() {
            int[] oldIds = ids;
            long[] oldStamps = stamps;
            boolean[] oldUsed = used;
            ids = new int[oldUsed.length * 2];
            stamps = new long[oldUsed.length * 2];
            used = new boolean[oldUsed.length * 2];
            size = 0;
            for (int i = 0; i < oldUsed.length; i++) {
                if (oldUsed[i]) {
                    insert(oldIds[i], oldStamps[i]);
                }
            }
        }
    }
}
