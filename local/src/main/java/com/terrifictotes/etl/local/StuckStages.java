package com.terrifictotes.etl.local;

import com.terrifictotes.etl.loader.LoadLedger;
import com.terrifictotes.etl.loader.ProcessedBatchInspection;
import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.manifest.ManifestJson;
import com.terrifictotes.etl.manifest.OperatorDecision;
import com.terrifictotes.etl.manifest.ProcessedManifest;
import com.terrifictotes.etl.s3.Sha256;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import com.terrifictotes.etl.transformer.IngestionBatchInspection;
import com.terrifictotes.etl.transformer.TransformerSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import javax.sql.DataSource;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Says which stage is stuck, on what batch and why, for {@code status}. Each check is honest about what it can see:
 * the ledger against the processed zone (restarted buckets, a re-published manifest, a dropped ledger), the loader's
 * and the transformer's own checks of their next batch (manifests, every object's size, with {@code --deep} every
 * digest; the state snapshots a transform continues from), and, when those pass, a batch left waiting longer than
 * the stall time: then the stage's log holds the error, and status says so rather than guess.
 */
final class StuckStages {
    private static final String LOAD = OperatorDecision.STAGE_LOAD;
    private static final String TRANSFORM = OperatorDecision.STAGE_TRANSFORM;

    private final S3Client s3;
    private final String ingestionBucket;
    private final WriteOnceBucket processed;
    private final Instant now;
    private final Duration stall;
    private final boolean deep;

    StuckStages(S3Client s3, String ingestionBucket, String processedBucket, DataSource warehouse, Instant now,
                Duration stall, boolean deep) {
        this.s3 = s3;
        this.ingestionBucket = ingestionBucket;
        this.processed = new WriteOnceBucket(s3, processedBucket);
        this.now = now;
        this.stall = stall;
        this.deep = deep;
    }

    /** The ledger must continue the processed zone's history: the loader refuses to load otherwise. */
    void ledger(WarehouseState state, NavigableMap<Long, Instant> ingested, NavigableMap<Long, Instant> zone,
                List<StatusReport.Stuck> stuck) {
        if (state.migrated() && !state.ledgerPresent()) {
            stuck.add(new StatusReport.Stuck(LOAD, 1, "the warehouse has no load_ledger table (dropped): the loader"
                    + " cannot tell which batches it holds and refuses to load",
                    "restore load_ledger from a backup, or build a new warehouse with './pipeline replay'"));
            return;
        }
        Optional<LoadLedger.Entry> newest = state.newest();
        if (newest.isEmpty() || newest.get().operatorDecision() != null) {
            return;
        }
        LoadLedger.Entry entry = newest.get();
        if (!zone.containsKey(entry.sequence())) {
            long processedTop = zone.isEmpty() ? 0 : zone.lastKey();
            long ingestionTop = ingested.isEmpty() ? 0 : ingested.lastKey();
            stuck.add(new StatusReport.Stuck(LOAD, entry.sequence() + 1, "restarted buckets: the warehouse's ledger"
                    + " is at batch " + entry.sequence() + " but " + processed.uri(entry.manifestKey())
                    + " does not exist (the processed zone's newest batch is " + processedTop + ", the ingestion"
                    + " zone's " + ingestionTop + "): these buckets are not the ones this warehouse was loaded from,"
                    + " as after 'cdk destroy' and a redeploy; the loader refuses to load",
                    "point PROCESSED_BUCKET/INGESTION_BUCKET back at the old buckets; or keep the new ones and build"
                            + " a new warehouse from them with './pipeline replay' (blue/green)"));
            return;
        }
        String sha256 = Sha256.hex(processed.readAllBytes(entry.manifestKey()));
        if (!sha256.equals(entry.manifestSha256())) {
            stuck.add(new StatusReport.Stuck(LOAD, entry.sequence() + 1, processed.uri(entry.manifestKey())
                    + " has SHA-256 " + sha256 + " but the ledger recorded " + entry.manifestSha256()
                    + ": the manifest was re-published with other content; the loader refuses to load",
                    "find who re-published it; './pipeline verify' names what differs; rebuild with"
                            + " './pipeline replay' into a new warehouse"));
        }
    }

    /** The loader's next batch: missing (a gap), failing its checks, or waiting too long. */
    void loader(long ledger, NavigableMap<Long, Instant> ingested, NavigableMap<Long, Instant> zone,
                List<StatusReport.Stuck> stuck, List<String> notes) {
        long next = ledger + 1;
        if (zone.tailMap(ledger, false).isEmpty() || !stuck.isEmpty()) {
            return;
        }
        if (processed.exists(BucketLayout.decisionKey(LOAD, next))) {
            notes.add("batch " + next + " is quarantined for the loader (" + processed.uri(BucketLayout.decisionKey(
                    LOAD, next)) + "): its next run records it without its rows and goes on");
            return;
        }
        if (!zone.containsKey(next)) {
            String cause = ingested.containsKey(next) ? "the transformer has not produced it yet (see the transform"
                    + " stage)" : "ingestion batch " + next + " does not exist either: it was lost";
            stuck.add(new StatusReport.Stuck(LOAD, next, "the loader waits at a gap for " + processed.uri(
                    BucketLayout.processedManifestKey(next)) + ", which does not exist, while batches "
                    + zone.ceilingKey(next) + ".." + zone.lastKey() + " are present: " + cause,
                    ingested.containsKey(next) ? "repair the transformer's batch " + next + " (see its status line)"
                            : "./pipeline quarantine-batch " + next + " --stage load --reason \"...\""));
            return;
        }
        Optional<String> problem = ProcessedBatchInspection.problem(s3, processed.name(), next, deep);
        if (problem.isPresent()) {
            stuck.add(new StatusReport.Stuck(LOAD, next, problem.get(), repair(LOAD, next)));
        } else if (olderThanStall(zone.get(next))) {
            stuck.add(new StatusReport.Stuck(LOAD, next, "written " + StatusReport.age(PipelineStatus.seconds(
                    zone.get(next), now)) + " ago and still not applied, though its manifest and objects pass the"
                    + " loader's checks" + (deep ? "" : " (sizes; --deep checks digests)") + ": the loader's log"
                    + " names the error", "read the loader's log; once fixed, invoke the loader's catch-up; if the"
                    + " batch can never load: " + repair(LOAD, next)));
        }
    }

    /** The transformer's oldest pending batch: failing its checks, quarantined, or waiting too long. */
    void transformer(NavigableMap<Long, Instant> ingested, NavigableMap<Long, Instant> zone,
                     List<StatusReport.Stuck> stuck, List<String> notes) {
        Optional<Long> first = ingested.keySet().stream().filter(s -> !zone.containsKey(s)).findFirst();
        if (first.isEmpty()) {
            return;
        }
        long batch = first.get();
        Long later = zone.higherKey(batch);
        if (later != null) {
            stuck.add(new StatusReport.Stuck(TRANSFORM, batch, "ingestion batch " + batch + " is not transformed but"
                    + " batch " + later + " is: the transformer refuses to go on out of order",
                    repair(TRANSFORM, batch)));
            return;
        }
        if (processed.exists(BucketLayout.decisionKey(TRANSFORM, batch))) {
            notes.add("batch " + batch + " is quarantined for the transformer (" + processed.uri(
                    BucketLayout.decisionKey(TRANSFORM, batch)) + "): its next run commits it as quarantine rows"
                    + " and goes on");
            return;
        }
        Long before = zone.lowerKey(batch);
        Optional<ProcessedManifest> previous = before == null ? Optional.empty() : Optional.of(ManifestJson
                .readProcessed(processed.uri(BucketLayout.processedManifestKey(before)),
                        processed.readAllBytes(BucketLayout.processedManifestKey(before))));
        List<String> problems = IngestionBatchInspection.problems(s3, TransformerSettings.forBuckets(
                ingestionBucket, processed.name()), batch, previous, deep);
        if (!problems.isEmpty()) {
            stuck.add(new StatusReport.Stuck(TRANSFORM, batch, String.join("; ", problems), repair(TRANSFORM, batch)));
        } else if (olderThanStall(ingested.get(batch))) {
            stuck.add(new StatusReport.Stuck(TRANSFORM, batch, "extracted " + StatusReport.age(PipelineStatus.seconds(
                    ingested.get(batch), now)) + " ago and still not transformed, though its manifest and objects"
                    + " pass the transformer's checks" + (deep ? "" : " (sizes; --deep checks digests)")
                    + ": the transformer's log names the error (a malformed row?)", "read the transformer's log;"
                    + " once fixed, invoke the transformer's catch-up; if the batch can never be transformed: "
                    + repair(TRANSFORM, batch)));
        }
    }

    private boolean olderThanStall(Instant written) {
        return written != null && Duration.between(written, now).compareTo(stall) > 0;
    }

    private static String repair(String stage, long batch) {
        return "repair the object if you can (then the next run goes on); otherwise ./pipeline quarantine-batch "
                + batch + " --stage " + stage + " --reason \"...\"";
    }
}
