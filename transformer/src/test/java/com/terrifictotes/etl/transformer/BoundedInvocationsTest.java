package com.terrifictotes.etl.transformer;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.manifest.ManifestJson;
import com.terrifictotes.etl.runtime.RowBudget;
import com.terrifictotes.etl.runtime.StageResult;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import com.terrifictotes.etl.testbed.faults.FaultyS3;
import com.terrifictotes.etl.testbed.faults.S3Call;
import com.terrifictotes.etl.testbed.lambda.InvocationContext;
import com.terrifictotes.etl.testbed.servers.Database;
import com.terrifictotes.etl.testbed.servers.TestBed;
import com.terrifictotes.etl.testbed.source.DayOfChanges;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue #19: every transformer invocation bounded. Five ingestion batches are pending; with a budget of one row
 * (so of one batch: the first is always taken) each invocation commits at most one, whatever its event names, and
 * any delivery (shuffled, duplicated, one lost then made up by the catch-up) ends with all five transformed into the
 * same objects as one unbounded run. With the default budget the five small batches go in one invocation.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BoundedInvocationsTest {
    private static final int BATCHES = 5;
    private static final RowBudget ONE_BATCH = new RowBudget(1);

    private final TestBed bed = TestBed.shared();
    private String ingestion;
    private ProcessedZone reference;

    @BeforeAll
    void extractFiveBatchesAndTransformThemInOneUnboundedRun() {
        Database source = SmallToteSys.create(53L, 120);
        ingestion = bed.createBucket("bounded-ingestion");
        IngestionFixture extractor = new IngestionFixture(source.dataSource(), bed.s3(), ingestion);
        extractor.extract();
        LocalDateTime today = LocalDateTime.now(ZoneOffset.UTC);
        for (long day = 1; day < BATCHES; day++) {
            DayOfChanges.apply(source.dataSource(), day, today.plusMinutes(day));
            extractor.extract();
        }
        reference = new ProcessedZone(bed.s3(), bed.createBucket("bounded-reference"));
        new TransformerService(bed.s3(), settings(reference)).transformPending(OptionalLong.empty());
    }

    @Test
    void shuffledDuplicatedAndLostEventsEachCommitOneBatchAndAllFiveAreTransformed() {
        ProcessedZone processed = zone("bounded-shuffled");
        List<S3Event> events = new ArrayList<>();
        List<Long> sequences = new ArrayList<>(List.of(1L, 2L, 3L, 4L, 5L));
        Collections.shuffle(sequences, new Random(19));
        sequences.remove(2); // lost: S3 never delivers it
        sequences.add(1, sequences.get(0)); // delivered twice
        sequences.forEach(sequence -> events.add(S3Events.manifestsCreated(ingestion, sequence)));

        List<StageResult> results = invoke(handler(processed, ONE_BATCH), events);

        assertThat(results).hasSize(BATCHES).allSatisfy(r -> assertThat(r.committed()).hasSize(1));
        assertThat(results.stream().flatMap(r -> r.committed().stream()).toList())
                .as("oldest pending first, whatever each event named").containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(results.subList(0, BATCHES - 1)).noneMatch(StageResult::caughtUp);
        assertThat(results.get(BATCHES - 1).caughtUp()).isTrue();
        StageResult catchUp = handler(processed, ONE_BATCH).handleRequest(S3Events.catchUp(), context());
        assertThat(catchUp.committed()).isEmpty();
        assertThat(catchUp.caughtUp()).isTrue();
        assertSameOutputAsReference(processed);
    }

    @Test
    void theCatchUpGoesOnUntilCaughtUpOneBatchPerInvocation() {
        ProcessedZone processed = zone("bounded-catch-up");
        TransformerHandler handler = handler(processed, ONE_BATCH);
        StageResult first = handler.handleRequest(S3Events.manifestsCreated(ingestion, 2), context());
        assertThat(first.committed()).containsExactly(1L);
        assertThat(first.summary()).isEqualTo("batches [1 TRANSFORMED]; stopped at MAX_ROWS_PER_INVOCATION, batches"
                + " still pending");

        List<StageResult> catchUps = new ArrayList<>();
        StageResult run;
        do {
            run = handler.handleRequest(S3Events.catchUp(), context());
            catchUps.add(run);
        } while (!run.caughtUp() && catchUps.size() <= BATCHES);

        assertThat(catchUps).extracting(StageResult::committed)
                .containsExactly(List.of(2L), List.of(3L), List.of(4L), List.of(5L));
        assertThat(catchUps).allSatisfy(r -> assertThat(r.rows()).isPositive());
        assertSameOutputAsReference(processed);
    }

    @Test
    void anInvocationWhoseOwnBatchIsDoneTakesTheOldestPending() {
        ProcessedZone processed = zone("bounded-own-done");
        TransformerHandler handler = handler(processed, ONE_BATCH);
        assertThat(handler.handleRequest(S3Events.manifestsCreated(ingestion, 1), context()).committed())
                .containsExactly(1L);

        StageResult late = handler.handleRequest(S3Events.manifestsCreated(ingestion, 1), context());

        assertThat(late.committed()).as("its own batch 1 is done: it takes batch 2").containsExactly(2L);
        assertThat(processed.committed(3)).isFalse();
    }

    @Test
    void theLoserOfARaceAtTheCommitGoesOnToTheNextBatchUncharged() {
        ProcessedZone processed = zone("bounded-race");
        FaultyS3 faults = FaultyS3.on(bed);
        List<StageResult> winner = new ArrayList<>();
        // while the loser's commit of batch 1 is on its way, another invocation commits batch 1 first
        faults.answerBefore(1, S3Call.creates(processed.bucket.name(), BucketLayout.processedManifestKey(1)), 412,
                "PreconditionFailed", () -> winner.add(handler(processed, ONE_BATCH)
                        .handleRequest(S3Events.manifestsCreated(ingestion, 1), context())));
        TransformerHandler loser = new TransformerHandler(faults.client(), settings(processed).withBudget(ONE_BATCH));

        StageResult lost = loser.handleRequest(S3Events.manifestsCreated(ingestion, 2), context());

        assertThat(faults.allFired()).isTrue();
        assertThat(winner).singleElement().extracting(StageResult::committed).isEqualTo(List.of(1L));
        assertThat(lost.summary()).startsWith("batches [1 ALREADY_DONE, 2 TRANSFORMED]");
        assertThat(lost.committed()).containsExactly(2L);
        assertThat(processed.committed(3)).as("the lost race was not charged; batch 2 was").isFalse();
    }

    @Test
    void twoConcurrentInvocationsCommitDifferentBatches() throws Exception {
        ProcessedZone processed = zone("bounded-concurrent");
        Callable<StageResult> invocation = () -> handler(processed, ONE_BATCH)
                .handleRequest(S3Events.manifestsCreated(ingestion, 5), context());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<StageResult> results = new ArrayList<>();
        try {
            Future<StageResult> first = pool.submit(invocation);
            Future<StageResult> second = pool.submit(invocation);
            results.add(first.get());
            results.add(second.get());
        } finally {
            pool.shutdown();
        }
        assertThat(results).allSatisfy(r -> assertThat(r.committed()).hasSize(1));
        assertThat(results.stream().flatMap(r -> r.committed().stream()).toList())
                .containsExactlyInAnyOrder(1L, 2L);
        assertThat(processed.committed(3)).isFalse();
    }

    @Test
    void anInvocationReadsTheManifestOfTheBatchItTakesFirstOnceAndTheNextOnlyToCountItsRows() {
        ProcessedZone processed = zone("bounded-reads");
        FaultyS3 recorder = FaultyS3.on(bed);
        TransformerHandler handler = new TransformerHandler(recorder.client(),
                settings(processed).withBudget(ONE_BATCH));

        StageResult first = handler.handleRequest(S3Events.manifestsCreated(ingestion, 1), context());

        assertThat(first.committed()).containsExactly(1L);
        assertThat(first.rows()).as("the rows its manifest counts, from the one read").isEqualTo(rowsExtracted(1))
                .isPositive();
        assertThat(recorder.calls()).filteredOn(S3Call.reads(ingestion, BucketLayout.ingestionManifestKey(1)))
                .as("batch 1, taken first: read once, to transform it").hasSize(1);
        assertThat(recorder.calls()).filteredOn(S3Call.reads(ingestion, BucketLayout.ingestionManifestKey(2)))
                .as("batch 2: read once, to find it past the budget").hasSize(1);
    }

    @Test
    void manySmallBatchesGoInOneInvocationWithTheDefaultBudget() {
        ProcessedZone processed = zone("bounded-small");
        StageResult result = handler(processed, RowBudget.DEFAULT).handleRequest(
                S3Events.manifestsCreated(ingestion, 1), context());
        assertThat(result.committed()).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(result.caughtUp()).isTrue();
        assertSameOutputAsReference(processed);
    }

    private long rowsExtracted(long batch) {
        String key = BucketLayout.ingestionManifestKey(batch);
        return ManifestJson.readIngestion(key, new WriteOnceBucket(bed.s3(), ingestion).readAllBytes(key)).totalRows();
    }

    private ProcessedZone zone(String name) {
        return new ProcessedZone(bed.s3(), bed.createBucket(name));
    }

    private TransformerSettings settings(ProcessedZone processed) {
        return TransformerSettings.forBuckets(ingestion, processed.bucket.name());
    }

    private TransformerHandler handler(ProcessedZone processed, RowBudget budget) {
        return new TransformerHandler(bed.s3(), settings(processed).withBudget(budget));
    }

    private static List<StageResult> invoke(TransformerHandler handler, List<S3Event> events) {
        List<StageResult> results = new ArrayList<>();
        events.forEach(event -> results.add(handler.handleRequest(event, context())));
        return results;
    }

    /** Same objects (keys and content) as the one unbounded run: only the manifests' createdAt may differ. */
    private void assertSameOutputAsReference(ProcessedZone processed) {
        for (long batch = 1; batch <= BATCHES; batch++) {
            assertThat(processed.manifest(batch).tables()).isEqualTo(reference.manifest(batch).tables());
            assertThat(processed.manifest(batch).stateFiles()).isEqualTo(reference.manifest(batch).stateFiles());
        }
        assertThat(processed.keys("")).isEqualTo(reference.keys(""));
    }

    private static InvocationContext context() {
        return InvocationContext.of("totes-etl-transformer");
    }
}
