package com.terrifictotes.etl.local.reliability;

import static com.terrifictotes.etl.local.reliability.WarehouseVerdict.assertFailsLoudly;
import static com.terrifictotes.etl.local.reliability.WarehouseVerdict.assertHolds;
import static com.terrifictotes.etl.local.reliability.WarehouseVerdict.assertSameAsCleanRun;
import static com.terrifictotes.etl.local.reliability.WarehouseVerdict.assertTheWriterSawItsPutFailAndCheckedWhatLanded;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.terrifictotes.etl.local.LocalPipeline;
import com.terrifictotes.etl.local.StageRun;
import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.testbed.faults.Failure;
import com.terrifictotes.etl.testbed.faults.FaultyS3;
import com.terrifictotes.etl.testbed.faults.S3Call;
import com.terrifictotes.etl.testbed.servers.TestBed;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Kill points inside the transformer, in the invocation for the second batch (the first is transformed already, so
 * the batch continues a stored state): a download breaking mid-file, after some Parquet parts, after every data and
 * state object but before the processed manifest, and after the manifest landed. The input is the clean run's
 * ingestion bucket. After each fault the first batch still loads on its own; then Lambda's retry of the same event
 * (and S3's notification of whatever manifest landed) leaves the warehouse equal to the oracle and the clean run.
 */
class TransformerKillPointsTest {
    private static final TestBed BED = TestBed.shared();

    private final TwoBatchHistory history = TwoBatchHistory.shared();
    private final PipelineRig rig = history.clean.withNewProcessedZone();

    @BeforeEach
    void transformTheFirstBatch() {
        // a budget of one row: the invocation commits batch 1 (the first is always taken) and leaves batch 2 pending
        StageRun first = rig.pipeline(history.after.dataSource(), BED.s3(), rig.warehouse.dataSource(), 1)
                .transform(rig.ingestionEvent(1));
        assertThat(first.committed()).containsExactly(1L);
        assertThat(first.caughtUp()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Failure.class)
    void aFaultAfterSomeParquetPartsPublishesNoProcessedManifest(Failure failure) {
        FaultyS3 s3 = FaultyS3.on(BED).failBefore(3, S3Call.creates(rig.processedBucket, BucketLayout.TABLES_PREFIX),
                failure);
        LocalPipeline faulty = faultyPipeline(s3);

        var thrown = assertFailsLoudly(failure, () -> faulty.transform(rig.ingestionEvent(2)));
        if (failure == Failure.ERROR) {
            thrown.hasMessageContaining("s3://" + rig.processedBucket + "/tables/")
                    .hasMessageContaining("batch=000000000002");
        }
        assertThat(s3.allFired()).as("fault fired; calls: %s", s3.calls()).isTrue();
        assertThat(rig.keys(rig.processedBucket, BucketLayout.TABLES_PREFIX))
                .filteredOn(key -> key.contains("batch=000000000002")).as("parts written before the fault").hasSize(2);

        assertTheFirstBatchStillLoadsAlone();
        retryAndCompare(faulty, "batches [2 TRANSFORMED]");
    }

    @Test
    void aCrashAfterEveryDataAndStateObjectButBeforeTheManifestIsRedoneToTheSameObjects() {
        FaultyS3 s3 = FaultyS3.on(BED).failBefore(1,
                S3Call.creates(rig.processedBucket, BucketLayout.MANIFEST_PREFIX), Failure.CRASH);
        LocalPipeline faulty = faultyPipeline(s3);

        assertFailsLoudly(Failure.CRASH, () -> faulty.transform(rig.ingestionEvent(2)));
        List<String> leftBehind = rig.keys(rig.processedBucket, "");
        assertThat(leftBehind)
                .anyMatch(key -> key.startsWith(BucketLayout.STATE_PREFIX) && key.contains("batch=000000000002"))
                .noneMatch(key -> key.equals(BucketLayout.processedManifestKey(2)));

        assertTheFirstBatchStillLoadsAlone();
        retryAndCompare(faulty, "batches [2 TRANSFORMED]");
        assertThat(rig.keys(rig.processedBucket, "")).as("the retry wrote the same keys, plus its manifest")
                .containsAll(leftBehind).hasSize(leftBehind.size() + 1);
    }

    @Test
    void aCrashRightAfterTheProcessedManifestLandedLeavesACommittedBatchThatLoadsOnce() {
        FaultyS3 s3 = FaultyS3.on(BED).failAfter(1,
                S3Call.creates(rig.processedBucket, BucketLayout.MANIFEST_PREFIX), Failure.CRASH);
        LocalPipeline faulty = faultyPipeline(s3);

        assertFailsLoudly(Failure.CRASH, () -> faulty.transform(rig.ingestionEvent(2)));
        assertThat(rig.manifests(rig.processedBucket)).contains(BucketLayout.processedManifestKey(2));

        retryAndCompare(faulty, "nothing pending");
    }

    @Test
    void aManifestPutThatFailedAfterLandingIsRecognisedAsThisInvocationsCommit() {
        FaultyS3 s3 = FaultyS3.on(BED).failAfter(1,
                S3Call.creates(rig.processedBucket, BucketLayout.MANIFEST_PREFIX), Failure.ERROR);
        LocalPipeline faulty = faultyPipeline(s3);

        StageRun run = faulty.transform(rig.ingestionEvent(2));

        assertTheWriterSawItsPutFailAndCheckedWhatLanded(s3, rig.processedBucket,
                BucketLayout.processedManifestKey(2));
        assertThat(run.response()).isEqualTo("batches [2 TRANSFORMED]");
        retryAndCompare(faulty, "nothing pending");
    }

    @Test
    void aDownloadBrokenMidFileFailsNamingTheObjectAndWritesNothing() {
        FaultyS3 s3 = FaultyS3.on(BED).breakDownload(1,
                S3Call.reads(rig.ingestionBucket, BucketLayout.DATA_PREFIX + "sales_order/"), 100);
        LocalPipeline faulty = faultyPipeline(s3);

        assertFailsLoudly(Failure.ERROR, () -> faulty.transform(rig.ingestionEvent(2)))
                .hasMessageStartingWith("cannot read s3://" + rig.ingestionBucket + "/data/sales_order/")
                .hasMessageContaining("connection reset");
        assertThat(s3.allFired()).as("fault fired; calls: %s", s3.calls()).isTrue();
        assertThat(rig.keys(rig.processedBucket, "")).noneMatch(key -> key.contains("batch=000000000002"));

        retryAndCompare(faulty, "batches [2 TRANSFORMED]");
    }

    private LocalPipeline faultyPipeline(FaultyS3 s3) {
        return rig.pipeline(history.after.dataSource(), s3.client(), rig.warehouse.dataSource());
    }

    /** Nothing committed before the fault is lost: the first batch loads, and only it. */
    private void assertTheFirstBatchStillLoadsAlone() {
        history.healthy(rig).load(rig.processedEvent(1));
        assertHolds(rig.contents(), history.expectedAfterFirst(), 1);
    }

    /**
     * What AWS does next: S3 notifies the loader of every processed manifest that landed, and Lambda retries the
     * failed invocation with the same event, in a new execution environment.
     */
    private void retryAndCompare(LocalPipeline faulty, String retryResponse) {
        List<S3Event> notified = faulty.pendingProcessedEvents();
        LocalPipeline healthy = history.healthy(rig);
        StageRun retry = healthy.transform(rig.ingestionEvent(2));
        notified.forEach(healthy::load);
        healthy.pendingProcessedEvents().forEach(healthy::load);

        assertThat(retry.response()).as("the retried invocation").isEqualTo(retryResponse);
        assertSameAsCleanRun(rig, history);
    }
}
