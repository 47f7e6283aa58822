package com.terrifictotes.etl.transformer;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.terrifictotes.etl.manifest.ProcessedManifest;
import com.terrifictotes.etl.manifest.TableOutput;
import com.terrifictotes.etl.runtime.RowBudget;
import com.terrifictotes.etl.testbed.lambda.InvocationContext;
import com.terrifictotes.etl.testbed.servers.Database;
import com.terrifictotes.etl.testbed.servers.TestBed;
import com.terrifictotes.etl.testbed.source.DayOfChanges;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * S3 events arrive twice, late, out of order or not at all. Three ingestion batches (a full read and two days of
 * changes, reference edits included) are transformed under several delivery orders, each into its own processed
 * bucket; every order must end with the same objects as the plain in-order delivery.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeliveryOrderTest {
    private static final String STOPPED = "; stopped at MAX_ROWS_PER_INVOCATION, batches still pending";
    private final TestBed bed = TestBed.shared();
    private String ingestion;
    private ProcessedZone inOrder;

    @BeforeAll
    void extractThreeBatchesAndTransformThemInOrder() {
        Database source = SmallToteSys.create(47L, 150);
        ingestion = bed.createBucket("delivery-ingestion");
        IngestionFixture extractor = new IngestionFixture(source.dataSource(), bed.s3(), ingestion);
        extractor.extract();
        LocalDateTime today = LocalDateTime.now(ZoneOffset.UTC);
        DayOfChanges.apply(source.dataSource(), 1L, today);
        extractor.extract();
        DayOfChanges.apply(source.dataSource(), 2L, today.plusMinutes(1));
        extractor.extract();

        inOrder = new ProcessedZone(bed.s3(), bed.createBucket("delivery-in-order"));
        // a budget of one row: each invocation commits one batch (the first is always taken)
        TransformerHandler handler = new TransformerHandler(bed.s3(), TransformerSettings.forBuckets(ingestion,
                inOrder.bucket.name()).withBudget(new RowBudget(1)));
        for (long batch = 1; batch <= 3; batch++) {
            assertThat(handler.handleRequest(S3Events.manifestsCreated(ingestion, batch), context()).committed())
                    .containsExactly(batch);
        }
    }

    private List<String> deliver(ProcessedZone processed, S3Event... events) {
        return deliver(processed, RowBudget.DEFAULT, events);
    }

    private List<String> deliver(ProcessedZone processed, RowBudget budget, S3Event... events) {
        TransformerHandler handler = new TransformerHandler(bed.s3(), TransformerSettings.forBuckets(ingestion,
                processed.bucket.name()).withBudget(budget));
        List<String> answers = new ArrayList<>();
        for (S3Event event : events) {
            answers.add(handler.handleRequest(event, context()).summary());
        }
        return answers;
    }

    /** Same objects (keys, rows, sizes, SHA-256) as the in-order delivery; only createdAt may differ. */
    private void assertSameOutputAsInOrder(ProcessedZone processed) {
        for (long batch = 1; batch <= 3; batch++) {
            ProcessedManifest expected = inOrder.manifest(batch);
            ProcessedManifest actual = processed.manifest(batch);
            assertThat(actual.tables()).isEqualTo(expected.tables());
            assertThat(actual.stateFiles()).isEqualTo(expected.stateFiles());
            assertThat(actual.sourceManifestKey()).isEqualTo(expected.sourceManifestKey());
        }
        assertThat(processed.keys("")).isEqualTo(inOrder.keys(""));
    }

    @Test
    void theInOrderDeliveryChangesEveryTableKindAcrossTheBatches() {
        for (long batch = 2; batch <= 3; batch++) {
            ProcessedManifest manifest = inOrder.manifest(batch);
            assertThat(manifest.table("fact_payment").orElseThrow().rows()).isPositive();
            assertThat(manifest.table("dim_staff").orElseThrow().rows()).isPositive();
            assertThat(manifest.table("dim_counterparty").orElseThrow().rows()).isPositive();
            assertThat(manifest.stateFiles()).extracting(TableOutput::table)
                    .containsExactly("department", "address", "staff", "counterparty");
        }
    }

    @Test
    void theNewestEventFirstTransformsEverythingPendingAndTheLateOnesDoNothing() {
        ProcessedZone processed = new ProcessedZone(bed.s3(), bed.createBucket("delivery-newest-first"));
        List<String> answers = deliver(processed, S3Events.manifestsCreated(ingestion, 3),
                S3Events.manifestsCreated(ingestion, 1), S3Events.manifestsCreated(ingestion, 2),
                S3Events.manifestsCreated(ingestion, 3));
        assertThat(answers).containsExactly("batches [1 TRANSFORMED, 2 TRANSFORMED, 3 TRANSFORMED]",
                "nothing pending", "nothing pending", "nothing pending");
        assertSameOutputAsInOrder(processed);
    }

    @Test
    void duplicateAndInterleavedEventsConvergeOnTheSameOutput() {
        ProcessedZone processed = new ProcessedZone(bed.s3(), bed.createBucket("delivery-interleaved"));
        List<String> answers = deliver(processed, S3Events.manifestsCreated(ingestion, 2),
                S3Events.manifestsCreated(ingestion, 2), S3Events.manifestsCreated(ingestion, 1),
                S3Events.manifestsCreated(ingestion, 3, 3));
        // an event is a wake-up call: the first takes every pending batch its budget allows, whatever it names
        assertThat(answers).containsExactly("batches [1 TRANSFORMED, 2 TRANSFORMED, 3 TRANSFORMED]",
                "nothing pending", "nothing pending", "nothing pending");
        assertSameOutputAsInOrder(processed);
    }

    @Test
    void lostEventsAreMadeUpByTheDailyCatchUp() {
        ProcessedZone processed = new ProcessedZone(bed.s3(), bed.createBucket("delivery-lost"));
        // one batch per invocation: the catch-up runs until caught up, as the catch-up state machine drives it
        List<String> answers = deliver(processed, new RowBudget(1), S3Events.manifestsCreated(ingestion, 1),
                S3Events.catchUp(), S3Events.catchUp(), S3Events.catchUp());
        assertThat(answers).containsExactly("batches [1 TRANSFORMED]" + STOPPED, "batches [2 TRANSFORMED]" + STOPPED,
                "batches [3 TRANSFORMED]", "nothing pending");
        assertSameOutputAsInOrder(processed);
    }

    @Test
    void twoInvocationsRacingOverTheSameBatchesBothSucceedWithOneOutput() throws Exception {
        ProcessedZone processed = new ProcessedZone(bed.s3(), bed.createBucket("delivery-racing"));
        TransformerSettings settings = TransformerSettings.forBuckets(ingestion, processed.bucket.name());
        Callable<List<BatchReport>> invocation = () -> new TransformerService(bed.s3(), settings)
                .transformPending(OptionalLong.empty());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<List<BatchReport>> first = pool.submit(invocation);
            Future<List<BatchReport>> second = pool.submit(invocation);
            List<BatchReport> reports = new ArrayList<>(first.get());
            reports.addAll(second.get());
            for (long batch = 1; batch <= 3; batch++) {
                long sequence = batch;
                assertThat(reports).filteredOn(r -> r.sequence() == sequence)
                        .extracting(BatchReport::outcome).contains(BatchReport.Outcome.TRANSFORMED);
            }
        } finally {
            pool.shutdown();
        }
        assertSameOutputAsInOrder(processed);
    }

    /** The context Lambda passes the transformer function. */
    private static InvocationContext context() {
        return InvocationContext.of("totes-etl-transformer");
    }
}
