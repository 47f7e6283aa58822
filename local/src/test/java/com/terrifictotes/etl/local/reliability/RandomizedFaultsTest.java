package com.terrifictotes.etl.local.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.terrifictotes.etl.error.EtlException;
import com.terrifictotes.etl.local.LocalPipeline;
import com.terrifictotes.etl.local.StageRun;
import com.terrifictotes.etl.testbed.expected.WarehouseContents;
import com.terrifictotes.etl.testbed.faults.SimulatedCrash;
import com.terrifictotes.etl.testbed.lambda.LambdaEvents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Many rounds of what production sees, drawn from a fixed seed: the source changes (or not), the extractor runs,
 * notifications reach the transformer and the loader late, twice, out of order or never (the daily catch-up now and
 * then), and half the invocations that have work to do (a tenth of the others) meet a fault drawn from every kind
 * the kill-point tests cover. A failed invocation's event is retried later or given up. After a last healthy
 * extraction and catch-up, the warehouse must hold exactly the oracle's rows for what the source held at every
 * published extraction, each batch once in the ledger, and hash-equal a clean pipeline that replayed the same source
 * history in order.
 *
 * <p>Rounds are bounded in number and in time; the seed and the round log are in every failure message.
 */
class RandomizedFaultsTest {
    private static final int ROUNDS = 10;
    private static final Duration TIME_BOX = Duration.ofSeconds(40);
    /** Faults land mostly on invocations that have work to do: elsewhere they would find nothing to break. */
    private static final double FAULT_RATE_WITH_WORK = 0.5;
    private static final double FAULT_RATE_IDLE = 0.1;

    private final List<String> log = new ArrayList<>();
    private int faultsFired;
    private boolean changedSinceLastBatch;
    private Random random;
    private PipelineRig rig;
    private SourceTimeline timeline;
    private EventQueues events;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 23, 47})
    void anyInterleavingOfChangesRunsEventsAndFaultsEndsInTheWarehouseACleanRunBuilds(long seed) {
        random = new Random(seed);
        rig = PipelineRig.fresh();
        timeline = new SourceTimeline(SmallToteSys.copy());
        events = new EventQueues(rig.pipeline(timeline.source().dataSource()));
        try {
            runRounds(seed);
            heal();
            verify();
            System.out.println("randomized faults, seed " + seed + ":\n  " + String.join("\n  ", log));
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("seed " + seed + ", rounds:\n  " + String.join("\n  ", log), e);
        }
    }

    private void runRounds(long seed) {
        long deadline = System.nanoTime() + TIME_BOX.toNanos();
        for (int round = 1; round <= ROUNDS && System.nanoTime() < deadline; round++) {
            log.add("round " + round);
            if (round == 1 || random.nextDouble() < 0.7) {
                timeline.applyChanges(seed * 1_000 + round);
                changedSinceLastBatch = true;
                log.add("  a day of changes");
            }
            extract(faultRate(changedSinceLastBatch));
            events.collect();
            for (S3Event event : events.drawForTransformer(random)) {
                boolean work = rig.manifests(rig.ingestionBucket).size() > rig.manifests(rig.processedBucket).size();
                invoke("transform", event, faultRate(work), FaultMenu::transformer, p -> p.transform(event), true);
                events.collect();
            }
            for (S3Event event : events.drawForLoader(random)) {
                boolean work = rig.manifests(rig.processedBucket).size() > ledgerSize();
                invoke("load", event, faultRate(work), FaultMenu::loader, p -> p.load(event), false);
            }
        }
    }

    private void extract(double faultRate) {
        int before = rig.manifests(rig.ingestionBucket).size();
        invoke("extract", null, faultRate, FaultMenu::extractor, LocalPipeline::extract, true);
        if (rig.manifests(rig.ingestionBucket).size() > before) {
            timeline.published();
            changedSinceLastBatch = false;
        }
    }

    private interface Menu {
        FaultMenu.Injection draw(Random random, PipelineRig rig, javax.sql.DataSource toteSys);
    }

    /**
     * One invocation in a new execution environment, faulty with probability {@code faultRate}. A faulty one may
     * fail, but only loudly (the pipeline's exception, or the crash); a healthy one must succeed.
     */
    private void invoke(String stage, S3Event event, double faultRate, Menu menu,
                        Function<LocalPipeline, StageRun> call, boolean transformerOrExtractor) {
        javax.sql.DataSource toteSys = timeline.source().dataSource();
        FaultMenu.Injection injection = random.nextDouble() < faultRate ? menu.draw(random, rig, toteSys)
                : FaultMenu.Injection.none(toteSys, rig.warehouse.dataSource());
        String trigger = event == null ? "schedule" : describe(event);
        LocalPipeline pipeline = rig.pipeline(injection.toteSys(), injection.s3(), injection.warehouse());
        try {
            StageRun run = call.apply(pipeline);
            log.add("  " + stage + " " + trigger + " [" + injection + "]: " + run.response());
        } catch (EtlException | SimulatedCrash e) {
            faultsFired++;
            log.add("  " + stage + " " + trigger + " [" + injection + "] FAILED: " + e);
            assertThat(injection.healthy()).as("a healthy invocation failed: %s", e).isFalse();
            if (event != null) {
                events.failed(random, event, transformerOrExtractor);
            }
        }
    }

    /** The last scheduled run and the daily catch-up, all healthy. */
    private void heal() {
        log.add("healing");
        extract(0);
        LocalPipeline healthy = rig.pipeline(timeline.source().dataSource());
        log.add("  transform catch-up: " + healthy.transform(LambdaEvents.catchUp()).response());
        log.add("  load catch-up: " + healthy.load(LambdaEvents.catchUp()).response());
    }

    private double faultRate(boolean work) {
        return work ? FAULT_RATE_WITH_WORK : FAULT_RATE_IDLE;
    }

    private int ledgerSize() {
        return WarehouseContents.query(rig.warehouse.dataSource(), "SELECT 1 FROM pg_tables WHERE tablename ="
                + " 'load_ledger'").isEmpty() ? 0
                : WarehouseContents.query(rig.warehouse.dataSource(), "SELECT sequence FROM load_ledger").size();
    }

    private void verify() {
        assertThat(faultsFired).as("invocations that failed under an injected fault").isPositive();
        int batches = timeline.snapshots().size();
        WarehouseContents contents = rig.contents();
        WarehouseVerdict.assertHolds(contents, WarehouseContents.expected(timeline.snapshots()), batches);

        PipelineRig clean = PipelineRig.fresh();
        timeline.replayCleanly(SmallToteSys.copy(), clean);
        assertThat(clean.contents().ledger()).as("batches of the clean run").hasSize(batches);
        assertThat(contents.tablesSha256()).as("SHA-256 of every table, against the clean run's")
                .isEqualTo(clean.contents().tablesSha256());
    }

    private static String describe(S3Event event) {
        return event.getRecords().isEmpty() ? "catch-up"
                : event.getRecords().get(0).getS3().getObject().getKey().replace("manifests/", "");
    }
}
