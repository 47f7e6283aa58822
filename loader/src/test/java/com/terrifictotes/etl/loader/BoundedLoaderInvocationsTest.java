package com.terrifictotes.etl.loader;

import static com.terrifictotes.etl.testbed.lambda.LambdaEvents.catchUp;
import static com.terrifictotes.etl.testbed.lambda.LambdaEvents.objectCreated;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.runtime.RowBudget;
import com.terrifictotes.etl.runtime.StageResult;
import com.terrifictotes.etl.testbed.expected.WarehouseContents;
import com.terrifictotes.etl.testbed.lambda.InvocationContext;
import com.terrifictotes.etl.testbed.servers.Database;
import com.terrifictotes.etl.testbed.servers.TestBed;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;

/**
 * Issue #19: every loader invocation bounded. Five processed batches are pending; with a budget of one row (so of
 * one batch: the first is always taken) each invocation applies at most one, the oldest pending whatever its event
 * names, and any delivery ends with all five applied and the warehouse of one unbounded load. A manifest another
 * loader applied meanwhile (found in the ledger once the advisory lock is held) is not charged.
 */
class BoundedLoaderInvocationsTest {
    private static final TestBed BED = TestBed.shared();
    private static final int BATCHES = 5;
    private static final RowBudget ONE_BATCH = new RowBudget(1);

    private final SourceHistory history = SourceHistory.sampled();

    @Test
    void shuffledDuplicatedAndLostEventsEachApplyOneBatchAndTheCatchUpVerifiesOnceCaughtUp() {
        Deployment deployment = new Deployment();
        List<Long> sequences = new ArrayList<>(List.of(1L, 2L, 3L, 4L, 5L));
        Collections.shuffle(sequences, new Random(19));
        sequences.remove(2); // lost: S3 never delivers it
        sequences.add(1, sequences.get(0)); // delivered twice

        List<StageResult> results = new ArrayList<>();
        sequences.forEach(n -> results.add(deployment.handle(ONE_BATCH, deployment.event(n))));
        StageResult catchUp = deployment.handle(ONE_BATCH, catchUp());

        assertThat(results).extracting(StageResult::committed)
                .as("oldest pending first, whatever each event named")
                .containsExactly(List.of(1L), List.of(2L), List.of(3L), List.of(4L), List.of(5L));
        assertThat(results.subList(0, BATCHES - 1)).noneMatch(StageResult::caughtUp);
        assertThat(catchUp.committed()).isEmpty();
        assertThat(catchUp.summary()).contains("warehouse verified: consistent");
        assertThat(deployment.tables()).isEqualTo(reference().tables());
    }

    @Test
    void theCatchUpGoesOnUntilCaughtUpAndOnlyTheLastInvocationVerifies() {
        Deployment deployment = new Deployment();
        List<StageResult> catchUps = new ArrayList<>();
        StageResult run;
        do {
            run = deployment.handle(ONE_BATCH, catchUp());
            catchUps.add(run);
        } while (!run.caughtUp() && catchUps.size() <= BATCHES + 1);

        assertThat(catchUps).extracting(StageResult::committed).containsExactly(List.of(1L), List.of(2L),
                List.of(3L), List.of(4L), List.of(5L));
        assertThat(catchUps).allSatisfy(r -> assertThat(r.rows()).isPositive());
        assertThat(catchUps.subList(0, BATCHES - 1)).allSatisfy(r -> {
            assertThat(r.summary()).contains("stopped at MAX_ROWS_PER_INVOCATION").doesNotContain("verified");
            assertThat(r.caughtUp()).isFalse();
        });
        assertThat(run.summary()).contains("warehouse verified: consistent (5 batch(es)");
        assertThat(deployment.tables()).isEqualTo(reference().tables());
    }

    @Test
    void theLoserOfTheAdvisoryLockGoesOnToTheNextBatchUncharged() {
        Deployment deployment = new Deployment();
        List<StageResult> winner = new ArrayList<>();
        // once the loser has read manifest 1, another loader applies it first
        S3Client racing = BED.s3ClientBuilder().overrideConfiguration(o -> o.addExecutionInterceptor(
                new OnFirstRead(BucketLayout.processedManifestKey(1),
                        () -> winner.add(deployment.handle(ONE_BATCH, deployment.event(1)))))).build();
        LoaderHandler loser = new LoaderHandler(racing, deployment.batches.bucketName(),
                deployment.warehouse.dataSource(), ONE_BATCH);

        StageResult lost = loser.handleRequest(deployment.event(2), InvocationContext.of("totes-etl-loader"));

        assertThat(winner).singleElement().extracting(StageResult::committed).isEqualTo(List.of(1L));
        assertThat(lost.committed()).as("batch 1 lost, uncharged: batch 2 applied").containsExactly(2L);
        assertThat(lost.caughtUp()).isFalse();
        assertThat(deployment.contents().ledger()).hasSize(2);
    }

    @Test
    void twoConcurrentInvocationsApplyDifferentBatches() throws Exception {
        Deployment deployment = new Deployment();
        Callable<StageResult> invocation = () -> deployment.handle(ONE_BATCH, deployment.event(5));
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
        assertThat(deployment.contents().ledger()).hasSize(2);
    }

    @Test
    void manySmallBatchesGoInOneInvocationWithTheDefaultBudget() {
        Deployment deployment = new Deployment();
        StageResult result = deployment.handle(RowBudget.DEFAULT, deployment.event(1));
        assertThat(result.committed()).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(result.caughtUp()).isTrue();
        assertThat(deployment.tables()).isEqualTo(reference().tables());
    }

    /** The same five batches applied by one unbounded load. */
    private WarehouseContents reference() {
        Deployment reference = new Deployment();
        new WarehouseLoader(BED.s3(), reference.batches.bucketName(), reference.warehouse.dataSource())
                .loadPending();
        return reference.contents();
    }

    /** One bucket holding five batches (two source moments, then the second re-delivered), one warehouse. */
    private final class Deployment {
        final Database warehouse = BED.createEmptyDatabase();
        final ProcessedBatchWriter batches = new ProcessedBatchWriter(BED.s3(), BED.createBucket("bounded"));

        Deployment() {
            batches.write(1, history.first);
            for (long sequence = 2; sequence <= BATCHES; sequence++) {
                batches.write(sequence, history.second);
            }
        }

        S3Event event(long sequence) {
            return objectCreated(batches.bucketName(), BucketLayout.processedManifestKey(sequence));
        }

        StageResult handle(RowBudget budget, S3Event event) {
            return new LoaderHandler(BED.s3(), batches.bucketName(), warehouse.dataSource(), budget)
                    .handleRequest(event, InvocationContext.of("totes-etl-loader"));
        }

        WarehouseContents contents() {
            return WarehouseContents.of(warehouse.dataSource());
        }

        Object tables() {
            return contents().tables();
        }
    }

    /** Runs {@code meanwhile} once, just before the first GET of one key: what another invocation did then. */
    private static final class OnFirstRead implements ExecutionInterceptor {
        private final String key;
        private final Runnable meanwhile;
        private final AtomicBoolean fired = new AtomicBoolean();

        OnFirstRead(String key, Runnable meanwhile) {
            this.key = key;
            this.meanwhile = meanwhile;
        }

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof GetObjectRequest get && get.key().equals(key)
                    && fired.compareAndSet(false, true)) {
                meanwhile.run();
            }
        }
    }
}
