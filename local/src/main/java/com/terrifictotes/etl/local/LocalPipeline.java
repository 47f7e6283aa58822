package com.terrifictotes.etl.local;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.terrifictotes.etl.db.DatabaseTimeouts;
import com.terrifictotes.etl.extractor.ExtractionResult;
import com.terrifictotes.etl.extractor.ExtractionSettings;
import com.terrifictotes.etl.extractor.ExtractorConfig;
import com.terrifictotes.etl.extractor.ExtractorHandler;
import com.terrifictotes.etl.loader.LoaderHandler;
import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.reconciler.ReconcilerHandler;
import com.terrifictotes.etl.reconciler.ReconciliationResult;
import com.terrifictotes.etl.reconciler.ReconciliationSettings;
import com.terrifictotes.etl.runtime.RowBudget;
import com.terrifictotes.etl.runtime.StageResult;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import com.terrifictotes.etl.testbed.lambda.InvocationContext;
import com.terrifictotes.etl.testbed.lambda.LambdaEvents;
import com.terrifictotes.etl.transformer.TransformerHandler;
import com.terrifictotes.etl.transformer.TransformerSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Drives the real Lambda handlers on one machine, the way AWS would: the extractor (and the reconciler) get the
 * EventBridge scheduled event, and every manifest a stage writes becomes the S3 event its bucket notification would
 * send to the next stage. A cycle is a chain, as the stack's extraction chain runs it: while an extractor run stops at
 * its row limit ({@code caughtUp} false), the runner transforms and loads that batch and runs the extractor again, up
 * to {@link #DEFAULT_MAX_CHAIN_RUNS} runs. The transformer and the loader take the extractor's batch limit as their
 * {@code MAX_ROWS_PER_INVOCATION}, as the stack sets it, so each chain batch is one invocation of each; the daily
 * catch-up ({@link #catchUp}) loops as the stack's catch-up chain does. Stages can also be invoked one by one with
 * chosen events, so tests can duplicate, reorder or drop them.
 */
public final class LocalPipeline {
    /** Extractor runs per cycle at most, as per execution of the stack's extraction chain. */
    public static final int DEFAULT_MAX_CHAIN_RUNS = 500;
    /** Invocations per stage per catch-up at most, as per execution of the stack's catch-up chain. */
    public static final int MAX_CATCH_UP_RUNS = 250;

    private final PipelineServices services;
    private final ExtractionSettings extraction;
    private final Clock clock;
    private final ExtractorHandler extractor;
    private final TransformerHandler transformer;
    private final LoaderHandler loader;
    private final BucketNotifications ingestionNotifications;
    private final BucketNotifications processedNotifications;
    private int maxChainRuns = DEFAULT_MAX_CHAIN_RUNS;

    public LocalPipeline(PipelineServices services, ExtractionSettings extraction, Clock clock) {
        this(services, extraction, clock, key -> true, key -> true);
    }

    private LocalPipeline(PipelineServices services, ExtractionSettings extraction, Clock clock,
                          Predicate<String> ingestionConsumed, Predicate<String> processedConsumed) {
        this.services = services;
        this.extraction = extraction;
        this.clock = clock;
        this.extractor = new ExtractorHandler(services.s3(), services::toteSys,
                new ExtractorConfig("local", null, null, extraction, DatabaseTimeouts.EXTRACTOR), clock);
        // as the stack sets it: the extractor's batch limit is the transformer's and the loader's budget
        RowBudget budget = new RowBudget(extraction.maxBatchRows());
        this.transformer = new TransformerHandler(services.s3(),
                TransformerSettings.forBuckets(services.ingestionBucket(), services.processedBucket())
                        .withBudget(budget));
        this.loader = new LoaderHandler(services.s3(), services.processedBucket(), services.warehouse(), budget);
        this.ingestionNotifications = new BucketNotifications(services.s3(), services.region(),
                services.ingestionBucket(), clock, ingestionConsumed);
        this.processedNotifications = new BucketNotifications(services.s3(), services.region(),
                services.processedBucket(), clock, processedConsumed);
    }

    /**
     * A pipeline whose first cycle also notifies the manifests no stage has taken yet: ingestion batches without a
     * processed twin, processed batches beyond the load ledger. What {@code ./pipeline run} uses, so a batch that
     * {@code ./pipeline reconcile} published (or a cycle cut short left) goes through with the next run.
     */
    public static LocalPipeline resuming(PipelineServices services, ExtractionSettings extraction, Clock clock) {
        WriteOnceBucket processed = new WriteOnceBucket(services.s3(), services.processedBucket());
        long ledger = WarehouseLag.measure(services).ledgerSequence();
        return new LocalPipeline(services, extraction, clock,
                key -> sequence(key, BucketLayout::ingestionSequence)
                        .map(n -> processed.exists(BucketLayout.processedManifestKey(n))).orElse(true),
                key -> sequence(key, BucketLayout::processedSequence).map(n -> n <= ledger).orElse(true));
    }

    private static Optional<Long> sequence(String key, Function<String, OptionalLong> of) {
        OptionalLong sequence = of.apply(key);
        return sequence.isPresent() ? Optional.of(sequence.getAsLong()) : Optional.empty();
    }

    public LocalPipeline(PipelineServices services, Clock clock) {
        this(services, ExtractionSettings.forBucket(services.ingestionBucket()), clock);
    }

    public PipelineServices services() {
        return services;
    }

    /**
     * At most {@code runs} extractor runs per cycle: a source that changes faster than the chain reads must not keep
     * a cycle going for ever. The cycle's report says when it stopped there; the next cycle goes on from its last
     * batch.
     */
    public LocalPipeline boundedTo(int runs) {
        if (runs < 1) {
            throw new IllegalArgumentException("a cycle needs at least one extractor run, not " + runs);
        }
        this.maxChainRuns = runs;
        return this;
    }

    /**
     * Extract → transform → load, each manifest notified once, in the order written; again while the extractor
     * stopped at its row limit, up to the chain's bound.
     */
    public CycleReport runCycle() {
        return runCycle(new Progress() {
        });
    }

    /** The same, telling {@code progress} as each invocation starts and ends. */
    public CycleReport runCycle(Progress progress) {
        List<StageRun> runs = new ArrayList<>();
        boolean caughtUp = false;
        for (int run = 1; run <= maxChainRuns && !caughtUp; run++) {
            String trigger = run == 1 ? "schedule" : "chain, run " + run;
            progress.starting(StageRun.Stage.EXTRACT, trigger);
            ExtractorRun extraction = extract(trigger);
            runs.add(progress.finished(extraction.run()));
            caughtUp = extraction.caughtUp();
            // each batch of the chain goes through at once, as its manifest's notification would send it
            for (S3Event event : ingestionNotifications.newManifestEvents()) {
                progress.starting(StageRun.Stage.TRANSFORM, describe(event));
                runs.add(progress.finished(transform(event)));
            }
            for (S3Event event : processedNotifications.newManifestEvents()) {
                progress.starting(StageRun.Stage.LOAD, describe(event));
                runs.add(progress.finished(load(event)));
            }
        }
        return new CycleReport(runs, caughtUp);
    }

    /** One extractor run: what it said, and whether the source holds nothing more for now. */
    private record ExtractorRun(StageRun run, boolean caughtUp) {
    }

    /** Hears about each handler invocation of a cycle. */
    public interface Progress {
        default void starting(StageRun.Stage stage, String trigger) {
        }

        default StageRun finished(StageRun run) {
            return run;
        }
    }

    /** One extractor run, as the schedule starts it (a cycle runs more while the extractor has not caught up). */
    public StageRun extract() {
        return extract("schedule").run();
    }

    private ExtractorRun extract(String trigger) {
        long start = System.nanoTime();
        ExtractionResult result = extractor.handleRequest(
                LambdaEvents.scheduled(services.region(), clock.instant()), context("totes-etl-extractor"));
        String response = result.outcome() + " sequence " + result.sequence() + ", " + result.totalRows() + " rows"
                + (result.totalRejected() == 0 ? "" : ", " + result.totalRejected() + " rejected " + result.rejected())
                + (result.schemaDrift().isEmpty() ? "" : ", schema drift carried: "
                + String.join("; ", result.schemaDrift()))
                + (result.caughtUp() ? "" : ", stopped at its row limit: more to read");
        return new ExtractorRun(new StageRun(StageRun.Stage.EXTRACT, trigger,
                Duration.ofNanos(System.nanoTime() - start), response), result.caughtUp());
    }

    /**
     * The reconciler's scheduled run with the deployment's settings: the extractor's zone and overlap, the default
     * chunks and delete guard. Its batch, if it publishes one, goes through with the next cycle (or the events
     * {@link #pendingIngestionEvents} returns).
     */
    public StageRun reconcile() {
        return reconcile(reconciliationSettings());
    }

    /** The same with chosen settings (tiny chunks, another delete ratio, a dry run). */
    public StageRun reconcile(ReconciliationSettings settings) {
        return timed(StageRun.Stage.RECONCILE, "schedule", () -> describe(reconciliation(settings)));
    }

    /** Runs the reconciler's handler and returns what it found. */
    public ReconciliationResult reconciliation(ReconciliationSettings settings) {
        ReconcilerHandler reconciler = new ReconcilerHandler(services.s3(), services::toteSys, services::warehouse,
                settings, clock);
        return reconciler.handleRequest(LambdaEvents.scheduled(services.region(), clock.instant()),
                context("totes-etl-reconciler"));
    }

    /** The settings {@link #reconcile()} uses: the deployment's bucket, the extractor's zone and overlap. */
    public ReconciliationSettings reconciliationSettings() {
        return ReconciliationSettings.forBucket(services.ingestionBucket())
                .withSource(extraction.sourceTimeZone(), extraction.overlap());
    }

    private static String describe(ReconciliationResult result) {
        return result.outcome() + (result.sequence() == 0 ? "" : " sequence " + result.sequence()) + ", "
                + result.reconciledRows() + " rows reconciled";
    }

    /** One transformer invocation with this event: the oldest pending batches, within its budget. */
    public StageRun transform(S3Event event) {
        return bounded(StageRun.Stage.TRANSFORM, describe(event),
                () -> transformer.handleRequest(event, context("totes-etl-transformer")));
    }

    /** One loader invocation with this event: the oldest pending manifests, within its budget. */
    public StageRun load(S3Event event) {
        return bounded(StageRun.Stage.LOAD, describe(event),
                () -> loader.handleRequest(event, context("totes-etl-loader")));
    }

    /**
     * The daily catch-up as the stack's catch-up chain runs it: the transformer with the catch-up event until it
     * answers caught up, then the loader the same way, each at most {@value #MAX_CATCH_UP_RUNS} times. Each
     * invocation is bounded by the budget, so a backlog goes through one bounded invocation after another; a failed
     * invocation ends the catch-up with its exception, as it fails the chain's execution.
     */
    public List<StageRun> catchUp() {
        List<StageRun> runs = new ArrayList<>();
        for (StageRun.Stage stage : List.of(StageRun.Stage.TRANSFORM, StageRun.Stage.LOAD)) {
            StageRun run;
            int invocations = 0;
            do {
                S3Event event = LambdaEvents.catchUp();
                run = stage == StageRun.Stage.TRANSFORM ? transform(event) : load(event);
                runs.add(run);
                invocations++;
            } while (!run.caughtUp() && invocations < MAX_CATCH_UP_RUNS);
        }
        return runs;
    }

    /** The events the ingestion bucket's notification would send now (manifests new since the last look). */
    public List<S3Event> pendingIngestionEvents() {
        return ingestionNotifications.newManifestEvents();
    }

    /** The events the processed bucket's notification would send now. */
    public List<S3Event> pendingProcessedEvents() {
        return processedNotifications.newManifestEvents();
    }

    private InvocationContext context(String function) {
        return new InvocationContext(function, clock);
    }

    private static String describe(S3Event event) {
        return event.getRecords().isEmpty() ? "catch-up (no records)"
                : event.getRecords().get(0).getS3().getObject().getUrlDecodedKey();
    }

    private static StageRun bounded(StageRun.Stage stage, String trigger, Supplier<StageResult> invocation) {
        long start = System.nanoTime();
        StageResult result = invocation.get();
        return new StageRun(stage, trigger, Duration.ofNanos(System.nanoTime() - start), result.summary(),
                result.committed(), result.caughtUp());
    }

    private StageRun timed(StageRun.Stage stage, String trigger, Supplier<String> invocation) {
        long start = System.nanoTime();
        String response = invocation.get();
        return new StageRun(stage, trigger, Duration.ofNanos(System.nanoTime() - start), response);
    }
}
