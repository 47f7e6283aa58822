package com.terrifictotes.etl.transformer;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** A source {@code last_updated} as one long (microseconds of the zone-less reading), for compact version sets. */
final class VersionStamps {
    private VersionStamps() {
    }

    static long of(LocalDateTime lastUpdated) {
        return lastUpdated.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + lastUpdated.getNano() / 1_000;
    }

    /** The reading a stamp was made of (to the microsecond). */
    static LocalDateTime toDateTime(long stamp) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(stamp, 1_000_000L), (int) Math.floorMod(stamp, 1_000_000L)
                * 1_000, ZoneOffset.UTC);
    }

    static int hash(int id, long stamp) {
        long h = id * 0x9E3779B97F4A7C15L ^ stamp * 0xC2B2AE3D27D4EB4FL;
        return (int) (h ^ (h >>> 29) ^ (h >>> 47));
    }
}
