package com.terrifictotes.etl.local.reliability;

import static com.terrifictotes.etl.local.reliability.WarehouseVerdict.assertFailsLoudly;
import static com.terrifictotes.etl.local.reliability.WarehouseVerdict.assertHolds;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.terrifictotes.etl.local.CycleReport;
import com.terrifictotes.etl.local.LocalPipeline;
import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.testbed.expected.WarehouseFromSource;
import com.terrifictotes.etl.testbed.faults.Failure;
import com.terrifictotes.etl.testbed.faults.FaultyS3;
import com.terrifictotes.etl.testbed.faults.S3Call;
import com.terrifictotes.etl.testbed.servers.TestBed;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Kill points between two batches of a chain (issue #19): the first load cut into about five batches, and the
 * extractor's process killed after a batch's manifest landed and before the next one's, either at once or while the
 * next batch writes its CSV parts. The next run (a new chain, in a new execution environment) resumes from the last
 * manifest; after it and a day of changes the warehouse is row for row what the oracle computes from the two source
 * states, and hash-equal to the clean run's, which read each state in one uncut batch.
 */
class ChainKillPointsTest {
    private static final TestBed BED = TestBed.shared();
    /** The first load is cut into about this many batches. */
    private static final int BATCHES = 5;

    private final TwoBatchHistory history = TwoBatchHistory.shared();
    private final PipelineRig rig = PipelineRig.fresh();

    enum KillPoint {
        /** The second batch's manifest PUT landed; the process died before it heard so. */
        RIGHT_AFTER_A_MANIFEST_LANDED,
        /** Two batches are committed (and loaded); the third dies writing its first CSV part. */
        WHILE_THE_NEXT_BATCH_WRITES_ITS_PARTS;

        FaultyS3 arm(String ingestionBucket) {
            FaultyS3 s3 = FaultyS3.on(BED);
            Predicate<S3Call> manifest = S3Call.creates(ingestionBucket, BucketLayout.MANIFEST_PREFIX);
            Predicate<S3Call> thirdBatchPart = S3Call.creates(ingestionBucket, BucketLayout.DATA_PREFIX)
                    .and(call -> call.key().contains("/run-000000000003-"));
            return this == RIGHT_AFTER_A_MANIFEST_LANDED ? s3.failAfter(2, manifest, Failure.CRASH)
                    : s3.failBefore(1, thirdBatchPart, Failure.CRASH);
        }
    }

    @ParameterizedTest
    @EnumSource(KillPoint.class)
    void aCrashBetweenTwoBatchesOfAChainLeavesItConsistentAndTheNextRunResumesIt(KillPoint kill) {
        long batchRows = WarehouseFromSource.sourceRows(history.before.dataSource()) / BATCHES + 1;
        FaultyS3 s3 = kill.arm(rig.ingestionBucket);
        LocalPipeline faulty = rig.pipeline(history.before.dataSource(), s3.client(), rig.warehouse.dataSource(),
                batchRows);

        assertFailsLoudly(Failure.CRASH, faulty::runCycle);

        assertThat(s3.allFired()).as("fault fired; calls: %s", s3.calls()).isTrue();
        assertThat(rig.manifests(rig.ingestionBucket)).as("a consistent chain: two whole batches committed")
                .containsExactly(BucketLayout.ingestionManifestKey(1), BucketLayout.ingestionManifestKey(2));
        // what AWS does next: S3 notifies the transformer of whatever manifest landed, and the next schedule starts
        // a new chain in a new execution environment
        List<S3Event> notified = faulty.pendingIngestionEvents();
        LocalPipeline next = rig.pipeline(history.before.dataSource(), BED.s3(), rig.warehouse.dataSource(),
                batchRows);
        notified.forEach(next::transform);
        next.pendingProcessedEvents().forEach(next::load);
        CycleReport resumed = next.runCycle();

        assertThat(resumed.caughtUp()).isTrue();
        assertThat(resumed.runs().get(0).response()).as("the chain goes on after the last committed batch")
                .startsWith("PUBLISHED sequence 3");
        long firstLoad = rig.manifests(rig.ingestionBucket).size();
        assertThat(firstLoad).as("batches of the first load").isGreaterThanOrEqualTo(BATCHES);
        assertHolds(rig.contents(), history.expectedAfterFirst(), firstLoad);

        rig.pipeline(history.after.dataSource(), BED.s3(), rig.warehouse.dataSource(), batchRows).runCycle();
        assertHolds(rig.contents(), history.expected(), rig.manifests(rig.ingestionBucket).size());
        assertThat(rig.contents().tablesSha256()).as("SHA-256 of every table, against the clean uncut run's")
                .isEqualTo(history.cleanTablesSha256);
    }
}
