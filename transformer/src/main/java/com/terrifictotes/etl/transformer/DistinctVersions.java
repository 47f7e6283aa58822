package com.terrifictotes.etl.transformer;

import com.terrifictotes.etl.manifest.RowVersion;
import java.time.LocalDateTime;
import java.util.Collection;

/**
 * The row versions (id, last_updated) already turned into fact rows: a version seen again, within the batch or in
 * the previous batch's re-read overlap, is dropped. Primitive open addressing, about 26 bytes a version, because a
 * full first load can hold millions of versions and the facts themselves are never held in memory.
 */
final class DistinctVersions {
    private int[] ids = new int[1024];
    private long[] stamps = new long[1024];
    private boolean[] used = new boolean[1024];
    private int size;

    /** Starts with versions that earlier batches delivered (an ingestion manifest's recentVersions). */
    static DistinctVersions alreadyDelivered(Collection<RowVersion> delivered) {
        DistinctVersions versions = new DistinctVersions();
        delivered.forEach(v -> versions.add(v.id(), v.lastUpdated()));
        return versions;
    }

    /** True the first time a version is offered, false for every repeat. */
    boolean add(int id, LocalDateTime lastUpdated) {
        if (2 * (size + 1) > used.length) {
            grow();
        }
        return insert(id, VersionStamps.of(lastUpdated));
    }

    int size() {
        return size;
    }

    private boolean insert(int id, long stamp) {
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
