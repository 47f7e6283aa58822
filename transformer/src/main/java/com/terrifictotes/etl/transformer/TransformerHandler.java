package com.terrifictotes.etl.transformer;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.terrifictotes.etl.runtime.FunctionMetrics;
import com.terrifictotes.etl.runtime.Invocation;
import com.terrifictotes.etl.runtime.StageResult;
import com.terrifictotes.etl.s3.S3Clients;
import com.terrifictotes.etl.s3.S3Priming;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The transformer Lambda: woken by the ingestion bucket's notification for a new manifest (or by the catch-up state
 * machine with no records), it transforms the oldest pending batches within its {@code MAX_ROWS_PER_INVOCATION}
 * and answers whether any is still pending ({@link StageResult#caughtUp()}). All the work is in
 * {@link TransformerService}; this class only reads the event and the environment.
 */
public final class TransformerHandler implements RequestHandler<S3Event, StageResult>, Resource {
    /** Every environment variable this function reads (the CDK stack sets exactly these). */
    public static final List<String> ENVIRONMENT_VARIABLES = TransformerSettings.VARIABLES;

    private static final Logger LOG = LoggerFactory.getLogger(TransformerHandler.class);

    private final TransformerSettings settings;
    private final TransformerService service;
    private final FunctionMetrics metrics;
    private final TransformObservations observations;

    /** The Lambda runtime's constructor: configuration from the environment, and registration for SnapStart. */
    public TransformerHandler() {
        this(S3Clients.fromEnvironment(), TransformerSettings.fromEnvironment(System.getenv()), System.getenv());
        Core.getGlobalContext().register(this);
    }

    public TransformerHandler(S3Client s3, TransformerSettings settings) {
        this(s3, settings, Map.of());
    }

    private TransformerHandler(S3Client s3, TransformerSettings settings, Map<String, String> environment) {
        this.settings = settings;
        this.metrics = FunctionMetrics.of(TransformObservations.SERVICE, environment);
        this.observations = new TransformObservations(metrics);
        this.service = new TransformerService(s3, settings, Clock.systemUTC(), observations::batch);
    }

    @Override
    public StageResult handleRequest(S3Event event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> transform(event));
    }

    private StageResult transform(S3Event event) {
        Trigger trigger = Trigger.of(event, settings.ingestionBucket());
        if (!trigger.work()) {
            LOG.warn("the event names no ingestion manifest; nothing to do");
            return StageResult.nothingToDo("nothing to do");
        }
        if (trigger.catchUp()) {
            LOG.info("catch-up run: transforming the oldest pending batches", entry("max_rows", settings.budget()
                    .maxRows()));
        }
        try {
            return Invocation.run(metrics, LOG, "transform", () -> {
                TransformRun run = service.transformPending(OptionalLong.empty(), settings.budget());
                LOG.info(run.summary(), entry("batches_transformed", run.transformed().size()),
                        entry("rows", run.rowsCommitted()), entry("caught_up", run.caughtUp()));
                return new StageResult(run.summary(), run.transformed(), run.rowsCommitted(), run.caughtUp());
            });
        } finally {
            observations.pending(service::pendingBatches);
        }
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        long rows = Priming.warmUp(settings.parquet());
        long[] read = new long[1];
        int requests = S3Priming.prime(System.getenv(), bucket -> read[0] = Priming.readFromS3(bucket,
                settings.parquet()));
        LOG.info("primed the transformer: {} rows round-tripped through Parquet in memory, {} rows of a batch read"
                + " through {} S3 requests answered in memory", rows, read[0], requests);
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing to refresh: the S3 client's credentials come from the default chain on each call
    }
}
