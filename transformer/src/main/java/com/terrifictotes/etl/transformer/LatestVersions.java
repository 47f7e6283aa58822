package com.terrifictotes.etl.transformer;

import java.time.LocalDateTime;

/**
 * For a dimension streamed straight from its table: the newest {@code last_updated} of each id in the batch, so
 * that exactly one row per id (its latest version) is written even if the batch carries several. Filled while
 * reading the table; consulted only if an id came more than once, while reading it again. Primitive open
 * addressing: a full first load can hold millions of ids.
 */
final class LatestVersions {
    private static final byte EMPTY = 0;
    private static final byte SEEN = 1;
    private static final byte WRITTEN = 2;

    private int[] ids = new int[1024];
    private long[] latest = new long[1024];
    private byte[] states = new byte[1024];
    private int size;

    /** Reading: notes a version of an id. @return true if the id was not seen before */
    boolean record(int id, LocalDateTime lastUpdated) {
        return record(id, VersionStamps.of(lastUpdated));
    }

    /** {@link #record(int, LocalDateTime)} of a stamp in {@link VersionStamps}' microseconds. */
    boolean record(int id, long stamp) {
        if (2 * (size + 1) > states.length) {
            grow();
        }
        int slot = slot(id);
        if (states[slot] == EMPTY) {
            states[slot] = SEEN;
            ids[slot] = id;
            latest[slot] = stamp;
            size++;
            return true;
        }
        if (stamp > latest[slot]) {
            latest[slot] = stamp;
        }
        return false;
    }

    /** Reading again: true once per id, for its latest recorded version; false for older versions and repeats. */
    boolean admit(int id, LocalDateTime lastUpdated) {
        return admit(id, VersionStamps.of(lastUpdated));
    }

    /** {@link #admit(int, LocalDateTime)} of a stamp in {@link VersionStamps}' microseconds. */
    boolean admit(int id, long stamp) {
        int slot = slot(id);
        if (states[slot] != SEEN || latest[slot] != stamp) {
            return false;
        }
        states[slot] = WRITTEN;
        return true;
    }

    private int slot(int id) {
        int mask = states.length - 1;
        int slot = VersionStamps.hash(id, 0) & mask;
        while (states[slot] != EMPTY && ids[slot] != id) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        int[] oldIds = ids;
        long[] oldLatest = latest;
        byte[] oldStates = states;
        ids = new int[oldStates.length * 2];
        latest = new long[oldStates.length * 2];
        states = new byte[oldStates.length * 2];
        for (int i = 0; i < oldStates.length; i++) {
            if (oldStates[i] != EMPTY) {
                int slot = slot(oldIds[i]);
                ids[slot] = oldIds[i];
                latest[slot] = oldLatest[i];
                states[slot] = oldStates[i];
            }
        }
    }
}
