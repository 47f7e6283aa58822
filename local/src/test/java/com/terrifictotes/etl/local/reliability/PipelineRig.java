package com.terrifictotes.etl.local.reliability;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.terrifictotes.etl.extractor.ExtractionSettings;
import com.terrifictotes.etl.local.LocalPipeline;
import com.terrifictotes.etl.local.PipelineServices;
import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import com.terrifictotes.etl.testbed.expected.WarehouseContents;
import com.terrifictotes.etl.testbed.lambda.LambdaEvents;
import com.terrifictotes.etl.testbed.servers.Database;
import com.terrifictotes.etl.testbed.servers.TestBed;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * One deployment of the pipeline on the test bed: an ingestion and a processed bucket and a warehouse database (empty
 * at first: the loader migrates it, as on AWS). Pipelines over it drive the real handlers; a pipeline may be given
 * faulty clients in place of the healthy ones, and a new pipeline is a new Lambda execution environment.
 */
final class PipelineRig {
    /**
     * Sources in these tests are prepared before the runs that read them, so their newest rows look like late
     * commits to a window; a long overlap re-reads them, exactly as the default overlap does for a real late commit.
     */
    static final Duration OVERLAP = Duration.ofHours(6);

    private static final TestBed BED = TestBed.shared();

    final String ingestionBucket;
    final String processedBucket;
    final Database warehouse;

    private PipelineRig(String ingestionBucket, String processedBucket, Database warehouse) {
        this.ingestionBucket = ingestionBucket;
        this.processedBucket = processedBucket;
        this.warehouse = warehouse;
    }

    /** New buckets and a new, empty warehouse. */
    static PipelineRig fresh() {
        return new PipelineRig(BED.createBucket("ingestion"), BED.createBucket("processed"),
                BED.createEmptyDatabase());
    }

    /** The same ingestion bucket (read-only downstream), a new processed bucket and a new warehouse. */
    PipelineRig withNewProcessedZone() {
        return new PipelineRig(ingestionBucket, BED.createBucket("processed"), BED.createEmptyDatabase());
    }

    /** The same buckets, a new, empty warehouse. */
    PipelineRig withNewWarehouse() {
        return new PipelineRig(ingestionBucket, processedBucket, BED.createEmptyDatabase());
    }

    LocalPipeline pipeline(DataSource toteSys) {
        return pipeline(toteSys, BED.s3(), warehouse.dataSource());
    }

    LocalPipeline pipeline(DataSource toteSys, S3Client s3, DataSource warehouseDataSource) {
        return pipeline(toteSys, s3, warehouseDataSource, ExtractionSettings.DEFAULT_MAX_BATCH_ROWS);
    }

    /** The same, with the extractor cutting windows into batches of at most {@code maxBatchRows} rows. */
    LocalPipeline pipeline(DataSource toteSys, S3Client s3, DataSource warehouseDataSource, long maxBatchRows) {
        PipelineServices services = new PipelineServices(s3, BED.s3Region(), ingestionBucket, processedBucket,
                toteSys, warehouseDataSource);
        return new LocalPipeline(services, ExtractionSettings.forBucket(ingestionBucket).withOverlap(OVERLAP)
                .withMaxBatchRows(maxBatchRows), Clock.systemUTC());
    }

    /** The notification S3 sends for ingestion manifest {@code sequence}. */
    S3Event ingestionEvent(long sequence) {
        return objectCreated(ingestionBucket, BucketLayout.ingestionManifestKey(sequence));
    }

    /** The notification S3 sends for processed manifest {@code sequence}. */
    S3Event processedEvent(long sequence) {
        return objectCreated(processedBucket, BucketLayout.processedManifestKey(sequence));
    }

    List<String> keys(String bucket, String prefix) {
        return new WriteOnceBucket(BED.s3(), bucket).listKeys(prefix);
    }

    List<String> manifests(String bucket) {
        return keys(bucket, BucketLayout.MANIFEST_PREFIX);
    }

    WarehouseContents contents() {
        return WarehouseContents.of(warehouse.dataSource());
    }

    private static S3Event objectCreated(String bucket, String key) {
        HeadObjectResponse head = BED.s3().headObject(b -> b.bucket(bucket).key(key));
        return LambdaEvents.objectCreated(BED.s3Region(), bucket, key, head.contentLength(), head.eTag(),
                head.lastModified());
    }
}
