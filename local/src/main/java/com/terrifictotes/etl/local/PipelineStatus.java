package com.terrifictotes.etl.local;

import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.manifest.IngestionManifest;
import com.terrifictotes.etl.manifest.ManifestJson;
import com.terrifictotes.etl.manifest.OperatorDecision;
import com.terrifictotes.etl.manifest.ProcessedManifest;
import com.terrifictotes.etl.manifest.TableExtract;
import com.terrifictotes.etl.manifest.TableOutput;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Reads where each stage stands from what is committed (the two buckets' manifests and the load ledger) and says
 * what is stuck and why, using the stages' own checks ({@link StuckStages}). Costs two paged LISTs, a handful of
 * GETs and HEADs, and a few counts in the warehouse; {@code deep} also digests the next batches' objects.
 */
final class PipelineStatus {
    private static final Pattern STATE_BATCH = Pattern.compile("/batch=(\\d{12})/");

    private final S3Client s3;
    private final String ingestionBucket;
    private final String processedBucket;
    private final DataSource warehouse;
    private final Clock clock;

    PipelineStatus(S3Client s3, String ingestionBucket, String processedBucket, DataSource warehouse, Clock clock) {
        this.s3 = s3;
        this.ingestionBucket = ingestionBucket;
        this.processedBucket = processedBucket;
        this.warehouse = warehouse;
        this.clock = clock;
    }

    StatusReport read(boolean deep, Duration stall) {
        Instant now = clock.instant();
        NavigableMap<Long, Instant> ingested = ManifestListing.ingestion(s3, ingestionBucket);
        NavigableMap<Long, Instant> processed = ManifestListing.processed(s3, processedBucket);
        WarehouseState state = WarehouseState.read(warehouse);
        long ledger = state.sequence();
        long pendingTransform = ingested.keySet().stream().filter(s -> !processed.containsKey(s)).count();
        long pendingLoad = processed.tailMap(ledger, false).size();
        Long oldestUnapplied = ingested.isEmpty() ? null : ingested.ceilingKey(ledger + 1);
        if (oldestUnapplied == null && !processed.tailMap(ledger, false).isEmpty()) {
            oldestUnapplied = processed.ceilingKey(ledger + 1);
        }
        long lagBatches = ingested.tailMap(ledger, false).size();
        long oldestAge = oldestUnapplied == null ? 0
                : seconds(ingested.getOrDefault(oldestUnapplied, processed.get(oldestUnapplied)), now);

        List<StatusReport.Stuck> stuck = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        StuckStages stages = new StuckStages(s3, ingestionBucket, processedBucket, warehouse, now, stall, deep);
        stages.ledger(state, ingested, processed, stuck);
        stages.loader(ledger, ingested, processed, stuck, notes);
        stages.transformer(ingested, processed, stuck, notes);
        StatusReport.StateSnapshot snapshot = oldestStateSnapshot(processed, now, stuck);
        StatusReport.UnfinishedChain chain = ingested.isEmpty() ? null
                : unfinishedChain(ingested.lastKey(), seconds(ingested.lastEntry().getValue(), now));
        long decisions = state.operatorDecisions();
        return new StatusReport(ingested.isEmpty() ? 0 : ingested.lastKey(),
                processed.isEmpty() ? 0 : processed.lastKey(), ledger, pendingTransform, pendingLoad, lagBatches,
                oldestUnapplied, oldestAge,
                state.newestAppliedAt() == null ? null : seconds(state.newestAppliedAt(), now),
                state.quarantinedRows(), state.quarantinedUnsuperseded(), state.inferredRows(), decisions, snapshot,
                chain, stuck, notes, pendingTransform == 0 && pendingLoad == 0 && lagBatches == 0 && stuck.isEmpty()
                        && chain == null, stuck.isEmpty());
    }

    /**
     * The newest ingestion batch's cuts and backfill ranges (issue #19), or null when it left nothing to read.
     */
    private StatusReport.UnfinishedChain unfinishedChain(long newest, long ageSeconds) {
        WriteOnceBucket bucket = new WriteOnceBucket(s3, ingestionBucket);
        String key = BucketLayout.ingestionManifestKey(newest);
        IngestionManifest manifest = ManifestJson.readIngestion(bucket.uri(key), bucket.readAllBytes(key));
        List<StatusReport.Cut> cuts = manifest.tables().stream().filter(TableExtract::isCut)
                .map(t -> new StatusReport.Cut(t.table(), text(t.continueAfter().lastUpdated()),
                        t.continueAfter().id()))
                .toList();
        List<StatusReport.BackfillRange> ranges = manifest.tables().stream().filter(t -> t.backfill() != null)
                .map(t -> new StatusReport.BackfillRange(t.table(), text(t.backfill().from()),
                        t.backfill().continueAfter().id(), t.backfill().below().toString()))
                .toList();
        return cuts.isEmpty() && ranges.isEmpty() ? null
                : new StatusReport.UnfinishedChain(newest, ageSeconds, cuts, ranges);
    }

    private static String text(LocalDateTime stamp) {
        return stamp == null ? null : stamp.toString();
    }

    /**
     * A table that does not change keeps pointing at an old {@code state/…/batch=K} snapshot: the next transform
     * reads it, so an S3 expiry rule on the processed bucket must never remove it. Reports the oldest one and its
     * age; a missing one is a stuck transformer.
     */
    private StatusReport.StateSnapshot oldestStateSnapshot(NavigableMap<Long, Instant> processed, Instant now,
                                                           List<StatusReport.Stuck> stuck) {
        if (processed.isEmpty()) {
            return null;
        }
        WriteOnceBucket bucket = new WriteOnceBucket(s3, processedBucket);
        String key = BucketLayout.processedManifestKey(processed.lastKey());
        ProcessedManifest newest = ManifestJson.readProcessed(bucket.uri(key), bucket.readAllBytes(key));
        Optional<String> oldest = newest.stateFiles().stream().map(TableOutput::files).flatMap(List::stream)
                .map(f -> f.key()).min((a, b) -> Long.compare(batchOf(a), batchOf(b)));
        if (oldest.isEmpty()) {
            return null;
        }
        try {
            Instant written = s3.headObject(b -> b.bucket(processedBucket).key(oldest.get())).lastModified();
            return new StatusReport.StateSnapshot(batchOf(oldest.get()), bucket.uri(oldest.get()),
                    seconds(written, now));
        } catch (SdkException e) {
            stuck.add(new StatusReport.Stuck(OperatorDecision.STAGE_TRANSFORM, processed.lastKey() + 1,
                    "state snapshot " + bucket.uri(oldest.get()) + ", which the next transform reads, cannot be read"
                            + " (" + e.getMessage() + "): an S3 expiry rule on the processed bucket may have"
                            + " removed it",
                    "restore the object from a backup or an older version; or rebuild the processed zone with"
                            + " './pipeline reprocess' into a new bucket, then './pipeline replay'"));
            return new StatusReport.StateSnapshot(batchOf(oldest.get()), bucket.uri(oldest.get()), -1);
        }
    }

    private static long batchOf(String key) {
        Matcher matcher = STATE_BATCH.matcher(key);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : Long.MAX_VALUE;
    }

    static long seconds(Instant then, Instant now) {
        return then == null ? 0 : Math.max(0, Duration.between(then, now).toSeconds());
    }
}
