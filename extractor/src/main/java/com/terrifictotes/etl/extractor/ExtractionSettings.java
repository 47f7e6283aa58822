package com.terrifictotes.etl.extractor;

import com.terrifictotes.etl.error.ConfigurationException;
import com.terrifictotes.etl.runtime.RowBudget;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * What the extraction service needs to know, independent of where the credentials come from.
 *
 * @param bucket         the ingestion bucket
 * @param overlap        how far behind the previous run's bound each window starts, to catch rows that committed
 *                       late with an earlier {@code last_updated} (see {@link ExtractionWindow})
 * @param sourceTimeZone the zone of ToteSys's wall clock, as {@link ZoneId#of} reads its id: the snapshot's instant
 *                       is converted to it in Java to give the window's bound, so that bound and stamped values
 *                       are readings of the same clock
 * @param partRows       at most this many rows per CSV object, so every object stays bounded
 * @param fetchSize      rows per JDBC round trip; pgjdbc streams with a cursor instead of loading the table
 * @param maxClockSkew   how far the database's clock may be from the function's before a run refuses to read
 *                       ({@link ClockSkewGuard})
 * @param maxBatchRows   at most this many rows read into one batch, over all tables: a larger window is published as
 *                       a chain of consecutive batches (issue #19), so no invocation of any stage handles more
 */
public record ExtractionSettings(String bucket, Duration overlap, ZoneId sourceTimeZone, int partRows,
                                 int fetchSize, Duration maxClockSkew, long maxBatchRows) {
    public static final Duration DEFAULT_OVERLAP = Duration.ofMinutes(5);
    public static final ZoneId DEFAULT_SOURCE_TIME_ZONE = ZoneId.of("UTC");
    public static final int DEFAULT_PART_ROWS = 1_000_000;
    public static final int DEFAULT_FETCH_SIZE = 10_000;
    /** Clocks kept by NTP agree to milliseconds; minutes apart means one of them, or a zone, is wrong. */
    public static final Duration DEFAULT_MAX_CLOCK_SKEW = Duration.ofMinutes(5);
    /**
     * Sized in BENCHMARKS.md (issue #19) to the transformer's heap and a 5-minute invocation on one CPU; the same
     * value as the transformer's and loader's default budget, so that one full batch is one invocation downstream.
     */
    public static final long DEFAULT_MAX_BATCH_ROWS = RowBudget.DEFAULT_MAX_ROWS;

    public ExtractionSettings {
        if (bucket == null || bucket.isBlank()) {
            throw new ConfigurationException("no ingestion bucket given");
        }
        Objects.requireNonNull(overlap, "overlap");
        Objects.requireNonNull(sourceTimeZone, "sourceTimeZone");
        if (overlap.isNegative()) {
            throw new ConfigurationException("the overlap must not be negative, got " + overlap);
        }
        if (partRows < 1 || fetchSize < 1) {
            throw new ConfigurationException("part rows and fetch size must be positive");
        }
        Objects.requireNonNull(maxClockSkew, "maxClockSkew");
        if (maxClockSkew.isNegative() || maxClockSkew.isZero()) {
            throw new ConfigurationException("the largest clock skew allowed must be positive, got " + maxClockSkew);
        }
        if (maxBatchRows < 1) {
            throw new ConfigurationException("the most rows a batch may hold must be positive, got " + maxBatchRows);
        }
    }

    /** Defaults for everything but the bucket. */
    public static ExtractionSettings forBucket(String bucket) {
        return new ExtractionSettings(bucket, DEFAULT_OVERLAP, DEFAULT_SOURCE_TIME_ZONE, DEFAULT_PART_ROWS,
                DEFAULT_FETCH_SIZE, DEFAULT_MAX_CLOCK_SKEW, DEFAULT_MAX_BATCH_ROWS);
    }

    public ExtractionSettings withOverlap(Duration newOverlap) {
        return new ExtractionSettings(bucket, newOverlap, sourceTimeZone, partRows, fetchSize, maxClockSkew,
                maxBatchRows);
    }

    public ExtractionSettings withSourceTimeZone(ZoneId zone) {
        return new ExtractionSettings(bucket, overlap, zone, partRows, fetchSize, maxClockSkew, maxBatchRows);
    }

    public ExtractionSettings withMaxClockSkew(Duration skew) {
        return new ExtractionSettings(bucket, overlap, sourceTimeZone, partRows, fetchSize, skew, maxBatchRows);
    }

    public ExtractionSettings withMaxBatchRows(long rows) {
        return new ExtractionSettings(bucket, overlap, sourceTimeZone, partRows, fetchSize, maxClockSkew, rows);
    }

    public ExtractionSettings withPartRows(int rows) {
        return new ExtractionSettings(bucket, overlap, sourceTimeZone, rows, fetchSize, maxClockSkew,
                maxBatchRows);
    }
}
