package com.terrifictotes.etl.local.reliability;

import static com.terrifictotes.etl.local.reliability.WarehouseVerdict.assertFailsLoudly;
import static com.terrifictotes.etl.local.reliability.WarehouseVerdict.assertSameAsCleanRun;
import static com.terrifictotes.etl.local.reliability.WarehouseVerdict.assertTheWriterSawItsPutFailAndCheckedWhatLanded;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.terrifictotes.etl.local.LocalPipeline;
import com.terrifictotes.etl.local.StageRun;
import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.testbed.faults.Failure;
import com.terrifictotes.etl.testbed.faults.FaultyDataSource;
import com.terrifictotes.etl.testbed.faults.FaultyS3;
import com.terrifictotes.etl.testbed.faults.S3Call;
import com.terrifictotes.etl.testbed.servers.TestBed;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Kill points inside the extractor, in the run that extracts the second batch: while reading the source, after some
 * CSV parts but before the manifest, and after the manifest landed. Each run fails loudly (or, where its commit did
 * land, goes on as committed); then the next scheduled run, with S3's notifications for whatever manifest did land,
 * leaves the warehouse row for row what the source held at the two extractions, and hash-equal to a clean run's.
 */
class ExtractorKillPointsTest {
    private static final TestBed BED = TestBed.shared();

    private final TwoBatchHistory history = TwoBatchHistory.shared();
    private final PipelineRig rig = PipelineRig.fresh();

    @BeforeEach
    void extractTheFirstBatch() {
        history.extractFirst(rig);
    }

    @ParameterizedTest
    @EnumSource(Failure.class)
    void aFaultAfterSomeCsvPartsPublishesNoManifestAndTheNextRunDeliversEveryRowOnce(Failure failure) {
        FaultyS3 s3 = FaultyS3.on(BED).failBefore(4, S3Call.creates(rig.ingestionBucket, BucketLayout.DATA_PREFIX),
                failure);
        LocalPipeline faulty = rig.pipeline(history.after.dataSource(), s3.client(), rig.warehouse.dataSource());

        var thrown = assertFailsLoudly(failure, faulty::extract);
        if (failure == Failure.ERROR) {
            thrown.hasMessageStartingWith("cannot write s3://" + rig.ingestionBucket + "/data/")
                    .hasMessageContaining("/run-000000000002-");
        }
        assertThat(s3.allFired()).as("fault fired; calls: %s", s3.calls()).isTrue();
        assertThat(rig.manifests(rig.ingestionBucket)).containsExactly(BucketLayout.ingestionManifestKey(1));
        assertThat(rig.keys(rig.ingestionBucket, BucketLayout.DATA_PREFIX))
                .as("parts the failed run left behind, referenced by no manifest")
                .filteredOn(key -> key.contains("/run-000000000002-")).hasSize(3);

        healAndCompare(faulty);
    }

    @ParameterizedTest
    @EnumSource(Failure.class)
    void aSourceConnectionLostWhileReadingATablePublishesNothing(Failure failure) {
        FaultyDataSource source = new FaultyDataSource(history.after.dataSource())
                .failStatement(1, sql -> sql.contains("FROM \"sales_order\""), failure);
        LocalPipeline faulty = rig.pipeline(source, BED.s3(), rig.warehouse.dataSource());

        var thrown = assertFailsLoudly(failure, faulty::extract);
        if (failure == Failure.ERROR) {
            thrown.hasMessageStartingWith("cannot read table sales_order from source database")
                    .hasMessageContaining("(SQLSTATE 08006)");
        }
        assertThat(source.allFired()).isTrue();
        assertThat(rig.manifests(rig.ingestionBucket)).containsExactly(BucketLayout.ingestionManifestKey(1));

        healAndCompare(faulty);
    }

    @Test
    void aCrashRightAfterTheManifestLandedLeavesACommittedBatchThatFlowsOnOnce() {
        FaultyS3 s3 = FaultyS3.on(BED).failAfter(1, S3Call.creates(rig.ingestionBucket, BucketLayout.MANIFEST_PREFIX),
                Failure.CRASH);
        LocalPipeline faulty = rig.pipeline(history.after.dataSource(), s3.client(), rig.warehouse.dataSource());

        assertFailsLoudly(Failure.CRASH, faulty::extract);
        assertThat(rig.manifests(rig.ingestionBucket)).containsExactly(BucketLayout.ingestionManifestKey(1),
                BucketLayout.ingestionManifestKey(2));

        healAndCompare(faulty);
    }

    @Test
    void aManifestPutThatFailedAfterLandingIsRecognisedAsTheRunsOwnCommit() {
        FaultyS3 s3 = FaultyS3.on(BED).failAfter(1, S3Call.creates(rig.ingestionBucket, BucketLayout.MANIFEST_PREFIX),
                Failure.ERROR);
        LocalPipeline faulty = rig.pipeline(history.after.dataSource(), s3.client(), rig.warehouse.dataSource());

        StageRun run = faulty.extract();

        assertTheWriterSawItsPutFailAndCheckedWhatLanded(s3, rig.ingestionBucket,
                BucketLayout.ingestionManifestKey(2));
        assertThat(run.response()).startsWith("PUBLISHED sequence 2");
        healAndCompare(faulty);
    }

    /**
     * What AWS does next: S3 notifies the transformer of every manifest that landed (whatever its writer saw), the
     * schedule runs the extractor again in a new environment, and each new manifest flows on.
     */
    private void healAndCompare(LocalPipeline faulty) {
        List<S3Event> notified = faulty.pendingIngestionEvents();
        LocalPipeline healthy = history.healthy(rig);
        StageRun next = healthy.extract();
        notified.forEach(healthy::transform);
        healthy.pendingIngestionEvents().forEach(healthy::transform);
        healthy.pendingProcessedEvents().forEach(healthy::load);

        assertThat(next.response()).as("the next scheduled run")
                .startsWith(notified.isEmpty() ? "PUBLISHED sequence 2" : "NOTHING_NEW");
        assertThat(rig.manifests(rig.ingestionBucket)).containsExactly(BucketLayout.ingestionManifestKey(1),
                BucketLayout.ingestionManifestKey(2));
        assertSameAsCleanRun(rig, history);
    }
}
