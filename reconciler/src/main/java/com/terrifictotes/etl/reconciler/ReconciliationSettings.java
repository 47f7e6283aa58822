package com.terrifictotes.etl.reconciler;

import com.terrifictotes.etl.error.ConfigurationException;
import com.terrifictotes.etl.extractor.ExtractionSettings;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * What the reconciliation pass needs to know, independent of where the credentials come from.
 *
 * @param bucket             the ingestion bucket, where its batch is published
 * @param sourceTimeZone     ToteSys's wall-clock zone, as the extractor's {@code SOURCE_TIME_ZONE}
 * @param overlap            the extractor's {@code EXTRACT_OVERLAP_SECONDS}: versions stamped that far behind the
 *                           bound of the batch the warehouse applied last may still come through the normal chain
 * @param maxDeleteRatio     refuse when more than this share of a table's live warehouse rows are found gone (a
 *                           partial source read looks exactly like a mass delete); 1 turns the guard off
 * @param deleteFloor        so many deletes or fewer never trip the guard, whatever the share (a small table)
 * @param chunkRows          source rows compared at a time: the comparison's memory
 * @param bisectionFactor    ranges a differing range is cut into (data-diff's bisection_factor)
 * @param bisectionThreshold below this many rows a differing range is fetched and compared row by row
 * @param partRows           at most this many rows per CSV object, as the extractor's {@code EXTRACT_PART_ROWS}
 * @param dryRun             compare and report, publish nothing
 */
public record ReconciliationSettings(String bucket, ZoneId sourceTimeZone, Duration overlap, double maxDeleteRatio,
                                     int deleteFloor, int chunkRows, int bisectionFactor, int bisectionThreshold,
                                     int partRows, int fetchSize, boolean dryRun) {
    public static final double DEFAULT_MAX_DELETE_RATIO = 0.1;
    public static final int DEFAULT_DELETE_FLOOR = 10;
    public static final int DEFAULT_CHUNK_ROWS = 50_000;
    public static final int DEFAULT_BISECTION_FACTOR = 32;
    public static final int DEFAULT_BISECTION_THRESHOLD = 1024;
    /** The extractor's: the pass reads the same source with the same variables. */
    public static final Duration DEFAULT_OVERLAP = ExtractionSettings.DEFAULT_OVERLAP;
    public static final ZoneId DEFAULT_SOURCE_TIME_ZONE = ExtractionSettings.DEFAULT_SOURCE_TIME_ZONE;

    public ReconciliationSettings {
        if (bucket == null || bucket.isBlank()) {
            throw new ConfigurationException("no ingestion bucket given");
        }
        Objects.requireNonNull(sourceTimeZone, "sourceTimeZone");
        Objects.requireNonNull(overlap, "overlap");
        if (overlap.isNegative()) {
            throw new ConfigurationException("the overlap must not be negative, got " + overlap);
        }
        if (!(maxDeleteRatio > 0 && maxDeleteRatio <= 1)) {
            throw new ConfigurationException("the maximum delete ratio must be above 0 and at most 1, got "
                    + maxDeleteRatio);
        }
        if (deleteFloor < 0 || chunkRows < 1 || partRows < 1 || fetchSize < 1) {
            throw new ConfigurationException("the delete floor must not be negative, chunk rows, part rows and fetch"
                    + " size must be positive");
        }
        if (bisectionFactor < 2 || bisectionThreshold <= bisectionFactor) {
            throw new ConfigurationException("the bisection factor must be at least 2 and its threshold above it");
        }
    }

    /** Defaults for everything but the bucket. */
    public static ReconciliationSettings forBucket(String bucket) {
        return new ReconciliationSettings(bucket, DEFAULT_SOURCE_TIME_ZONE, DEFAULT_OVERLAP, DEFAULT_MAX_DELETE_RATIO,
                DEFAULT_DELETE_FLOOR, DEFAULT_CHUNK_ROWS, DEFAULT_BISECTION_FACTOR, DEFAULT_BISECTION_THRESHOLD,
                ExtractionSettings.DEFAULT_PART_ROWS, ExtractionSettings.DEFAULT_FETCH_SIZE, false);
    }

    public ReconciliationSettings withSource(ZoneId zone, Duration newOverlap) {
        return new ReconciliationSettings(bucket, zone, newOverlap, maxDeleteRatio, deleteFloor, chunkRows,
                bisectionFactor, bisectionThreshold, partRows, fetchSize, dryRun);
    }

    public ReconciliationSettings withMaxDeleteRatio(double ratio) {
        return new ReconciliationSettings(bucket, sourceTimeZone, overlap, ratio, deleteFloor, chunkRows,
                bisectionFactor, bisectionThreshold, partRows, fetchSize, dryRun);
    }

    /** Chunks of {@code rows}, cut {@code factor} ways down to {@code threshold} rows: small values force drill-down. */
    public ReconciliationSettings withChunks(int rows, int factor, int threshold) {
        return new ReconciliationSettings(bucket, sourceTimeZone, overlap, maxDeleteRatio, deleteFloor, rows, factor,
                threshold, partRows, fetchSize, dryRun);
    }

    public ReconciliationSettings withDryRun(boolean dry) {
        return new ReconciliationSettings(bucket, sourceTimeZone, overlap, maxDeleteRatio, deleteFloor, chunkRows,
                bisectionFactor, bisectionThreshold, partRows, fetchSize, dry);
    }
}
