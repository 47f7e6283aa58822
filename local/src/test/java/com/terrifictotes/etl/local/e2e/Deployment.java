package com.terrifictotes.etl.local.e2e;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.terrifictotes.etl.extractor.ExtractionSettings;
import com.terrifictotes.etl.local.CycleReport;
import com.terrifictotes.etl.local.LocalPipeline;
import com.terrifictotes.etl.local.PipelineServices;
import com.terrifictotes.etl.local.StageRun;
import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.manifest.IngestionManifest;
import com.terrifictotes.etl.manifest.ManifestJson;
import com.terrifictotes.etl.manifest.TableExtract;
import com.terrifictotes.etl.reconciler.ReconciliationResult;
import com.terrifictotes.etl.reconciler.ReconciliationSettings;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import com.terrifictotes.etl.testbed.expected.DeliveredSource;
import com.terrifictotes.etl.testbed.expected.WarehouseContents;
import com.terrifictotes.etl.testbed.expected.WarehouseFromSource.SourceSnapshot;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One deployment of the pipeline in a scenario: its own two buckets and warehouse, the ToteSys it reads, the three
 * real handlers driven by the local runner, and what each published extraction delivered, as the oracle models it
 * ({@link DeliveredSource}: the versions its window covers, read from ToteSys with plain SQL right after the
 * extractor ran, accepted or set aside by what the warehouse can hold), so it is exactly the history the warehouse
 * must end up holding.
 */
final class Deployment {
    private final PipelineBed bed;
    private final DataSource toteSys;
    private final String ingestionBucket;
    private final String processedBucket;
    private final DataSource warehouse;
    private final Extractions extracted;
    private final UnaryOperator<ExtractionSettings> extraction;
    private final LocalPipeline pipeline;

    /** What the published extractions delivered, in order: shared by every view of one deployment. */
    private static final class Extractions {
        final DeliveredSource source;
        final List<SourceSnapshot> snapshots = new ArrayList<>();

        Extractions(DeliveredSource source) {
            this.source = source;
        }
    }

    private Deployment(PipelineBed bed, DataSource toteSys, String ingestionBucket, String processedBucket,
                       DataSource warehouse, Extractions extracted, UnaryOperator<ExtractionSettings> extraction,
                       S3Client s3, DataSource warehouseAccess) {
        this.bed = bed;
        this.toteSys = toteSys;
        this.ingestionBucket = ingestionBucket;
        this.processedBucket = processedBucket;
        this.warehouse = warehouse;
        this.extracted = extracted;
        this.extraction = extraction;
        this.pipeline = new LocalPipeline(new PipelineServices(s3, bed.region(), ingestionBucket, processedBucket,
                toteSys, warehouseAccess), extraction.apply(ExtractionSettings.forBucket(ingestionBucket)),
                Clock.systemUTC());
    }

    /** A new deployment (new buckets, new empty warehouse) reading {@code toteSys}. */
    static Deployment reading(PipelineBed bed, DataSource toteSys) {
        return reading(bed, toteSys, UnaryOperator.identity());
    }

    /** The same, with the extractor's settings (other than the bucket) changed by {@code extraction}. */
    static Deployment reading(PipelineBed bed, DataSource toteSys, UnaryOperator<ExtractionSettings> extraction) {
        DataSource warehouse = bed.createWarehouse();
        return new Deployment(bed, toteSys, bed.createBucket("ingestion"), bed.createBucket("processed"), warehouse,
                new Extractions(new DeliveredSource(bed.createDatabase())), extraction, bed.s3(), warehouse);
    }

    /**
     * The same buckets, warehouse and history, with the stages reaching S3 through another client: new handler
     * instances, as in a new Lambda execution environment. Manifests already in the buckets count as notified.
     */
    Deployment through(S3Client s3) {
        return new Deployment(bed, toteSys, ingestionBucket, processedBucket, warehouse, extracted, extraction, s3,
                warehouse);
    }

    /** The same, with the loader reaching the warehouse through {@code warehouseAccess}. */
    Deployment through(DataSource warehouseAccess) {
        return new Deployment(bed, toteSys, ingestionBucket, processedBucket, warehouse, extracted, extraction,
                bed.s3(), warehouseAccess);
    }

    /** New handler instances with the bed's own clients: the rerun after a fault. */
    Deployment healthy() {
        return through(bed.s3());
    }

    /** The runner's own cycle: extract, then every manifest written becomes the next stage's event. */
    CycleReport cycle() {
        CycleReport report = pipeline.runCycle();
        recordDeliveries();
        return report;
    }

    /**
     * One cycle, which runs the extractor again while it stops at its row limit (the runner's chain, as on AWS), and
     * checks that it caught up: the latest ingestion manifest leaves nothing to read. Returns how many batches the
     * cycle published.
     */
    int cycleUntilCaughtUp() {
        int before = keys(ingestionBucket, BucketLayout.MANIFEST_PREFIX).size();
        CycleReport report = cycle();
        int after = keys(ingestionBucket, BucketLayout.MANIFEST_PREFIX).size();
        if (!report.caughtUp() || ingestionManifest(after).tables().stream().anyMatch(TableExtract::isUnfinished)) {
            throw new AssertionError("the chain did not catch up in one cycle: " + report.extractorRuns() + " runs");
        }
        return after - before;
    }

    /** A cycle of one extractor run: a chain stopped after its first batch, as a failed run between two leaves it. */
    CycleReport cycleOneBatch() {
        pipeline.boundedTo(1);
        try {
            return cycle();
        } finally {
            pipeline.boundedTo(LocalPipeline.DEFAULT_MAX_CHAIN_RUNS);
        }
    }

    StageRun extract() {
        StageRun run = pipeline.extract();
        recordDeliveries();
        return run;
    }

    /**
     * The reconciler's scheduled run with the deployment's settings. The batch it publishes is recorded at once, read
     * from the source as it is now: what the pass read, so what its batch makes the warehouse hold once loaded.
     */
    ReconciliationResult reconcile() {
        return reconcile(pipeline.reconciliationSettings());
    }

    ReconciliationResult reconcile(ReconciliationSettings settings) {
        ReconciliationResult result = pipeline.reconciliation(settings);
        recordDeliveries();
        return result;
    }

    /** A pass that only reports: nothing published. */
    ReconciliationResult dryRun() {
        return pipeline.reconciliation(pipeline.reconciliationSettings().withDryRun(true));
    }

    ReconciliationSettings reconciliationSettings() {
        return pipeline.reconciliationSettings();
    }

    /** Each ingestion manifest published since the last look: what it delivered, for the oracle. */
    private void recordDeliveries() {
        WriteOnceBucket bucket = new WriteOnceBucket(bed.s3(), ingestionBucket);
        for (long next = extracted.snapshots.size() + 1; bucket.exists(BucketLayout.ingestionManifestKey(next));
             next++) {
            extracted.snapshots.add(extracted.source.deliver(toteSys, ingestionManifest(next)));
        }
    }

    /** The events the ingestion bucket's notification sends for manifests new since the last look, oldest first. */
    List<S3Event> ingestionEvents() {
        return pipeline.pendingIngestionEvents();
    }

    List<S3Event> processedEvents() {
        return pipeline.pendingProcessedEvents();
    }

    StageRun transform(S3Event event) {
        return pipeline.transform(event);
    }

    StageRun load(S3Event event) {
        return pipeline.load(event);
    }

    /** Delivers every pending event once, in order: the rest of a cycle after {@link #extract()}. */
    void transformAndLoadPending() {
        ingestionEvents().forEach(this::transform);
        processedEvents().forEach(this::load);
    }

    DataSource toteSys() {
        return toteSys;
    }

    DataSource warehouse() {
        return warehouse;
    }

    String ingestionBucket() {
        return ingestionBucket;
    }

    String processedBucket() {
        return processedBucket;
    }

    WarehouseContents contents() {
        return WarehouseContents.of(warehouse);
    }

    /** What the warehouse must hold after loading the first {@code extractions} extractions. */
    Map<String, List<String>> expectedAfter(int extractions) {
        return WarehouseContents.expected(extracted.snapshots.subList(0, extractions));
    }

    Map<String, List<String>> expected() {
        return expectedAfter(extracted.snapshots.size());
    }

    SourceSnapshot latestExtracted() {
        return extracted.snapshots.get(extracted.snapshots.size() - 1);
    }

    IngestionManifest ingestionManifest(long sequence) {
        WriteOnceBucket bucket = new WriteOnceBucket(bed.s3(), ingestionBucket);
        String key = BucketLayout.ingestionManifestKey(sequence);
        return ManifestJson.readIngestion(bucket.uri(key), bucket.readAllBytes(key));
    }

    List<String> keys(String bucket, String prefix) {
        return new WriteOnceBucket(bed.s3(), bucket).listKeys(prefix);
    }
}
