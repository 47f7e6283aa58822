package com.terrifictotes.etl.reconciler;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.terrifictotes.etl.db.PostgresDataSources;
import com.terrifictotes.etl.db.SecretsManagerSecrets;
import com.terrifictotes.etl.extractor.ScheduledTrigger;
import com.terrifictotes.etl.s3.S3Clients;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsBuilder;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * The reconciler Lambda, run daily by its own EventBridge schedule (or by hand with any event). Thin on purpose: it
 * reads the configuration, builds both data sources from their secrets (read at every run, so rotated passwords
 * apply at once and nothing secret sits in a SnapStart snapshot), and hands over to {@link ReconciliationService}.
 * Metrics (EMF, namespace {@code TotesEtl}, dimension {@code service=reconciler}): {@code ReconciledRows} per run
 * and per table, {@code RunDurationMs}, and {@code RunsFailed} when a run fails (the delete guard's refusal included).
 */
public final class ReconcilerHandler implements RequestHandler<ScheduledEvent, ReconciliationResult> {
    /** Every environment variable this function reads (the CDK stack's contract test checks them). */
    public static final List<String> ENVIRONMENT_VARIABLES = ReconcilerConfig.VARIABLES;
    public static final String SERVICE = "reconciler";
    public static final String NAMESPACE = "TotesEtl";
    public static final String RECONCILED_ROWS = "ReconciledRows";
    static final String APPLICATION_NAME = "totes-etl-reconciler";

    private static final Logger LOG = LoggerFactory.getLogger(ReconcilerHandler.class);

    private final S3Client s3;
    private final Supplier<ReconcilerRun> runs;
    private final Clock clock;
    private final Metrics metrics;
    private final String namespace;

    /** What one invocation works with. */
    private record ReconcilerRun(DataSource toteSys, DataSource warehouse, ReconciliationSettings settings) {
    }

    /** The Lambda runtime's constructor. */
    public ReconcilerHandler() {
        this(System.getenv(), S3Clients.fromEnvironment(), secretsManager(System.getenv()), Clock.systemUTC());
    }

    /** Tests: everything from the given environment, with the given clients; no AWS needed. */
    ReconcilerHandler(Map<String, String> environment, S3Client s3, SecretsManagerClient secretsManager,
                      Clock clock) {
        this(s3, () -> {
            ReconcilerConfig config = ReconcilerConfig.fromEnvironment(environment);
            SecretsManagerSecrets secrets = new SecretsManagerSecrets(secretsManager);
            return new ReconcilerRun(
                    PostgresDataSources.create(secrets.databaseSecret(config.totesysSecretId()), APPLICATION_NAME,
                            config.sslMode(), config.sslRootCert(), config.timeouts()),
                    PostgresDataSources.create(secrets.databaseSecret(config.warehouseSecretId()), APPLICATION_NAME,
                            config.sslMode(), config.sslRootCert(), config.timeouts()),
                    config.settings());
        }, clock, namespace(environment.get("POWERTOOLS_METRICS_NAMESPACE")));
    }

    /** The local runner and tests: given databases and settings, no secret. */
    public ReconcilerHandler(S3Client s3, Supplier<DataSource> toteSys, Supplier<DataSource> warehouse,
                             ReconciliationSettings settings, Clock clock) {
        this(s3, () -> new ReconcilerRun(toteSys.get(), warehouse.get(), settings), clock, NAMESPACE);
    }

    private ReconcilerHandler(S3Client s3, Supplier<ReconcilerRun> runs, Clock clock, String namespace) {
        this.s3 = s3;
        this.runs = runs;
        this.clock = clock;
        this.namespace = namespace;
        this.metrics = MetricsBuilder.builder()
                .withNamespace(namespace)
                .withDefaultDimensions(DimensionSet.of("service", SERVICE))
                .build();
    }

    @Override
    public ReconciliationResult handleRequest(ScheduledEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> reconcile(ScheduledTrigger.from(event)));
    }

    private ReconciliationResult reconcile(ScheduledTrigger trigger) {
        LOG.info("reconciliation started", entry("event_id", trigger.id()), entry("rule", trigger.rule()));
        try {
            ReconcilerRun run = runs.get();
            ReconciliationResult result = new ReconciliationService(s3, run.toteSys(), run.warehouse(),
                    run.settings(), clock).run();
            metrics.addMetric(RECONCILED_ROWS, result.reconciledRows(), MetricUnit.COUNT);
            metrics.addMetric("RunDurationMs", result.durationMs(), MetricUnit.MILLISECONDS);
            result.found().forEach((table, counts) -> {
                long rows = counts.get("missing") + counts.get("changed") + counts.get("deleted")
                        + counts.get("parents");
                if (rows > 0) {
                    metrics.flushSingleMetric(RECONCILED_ROWS, rows, MetricUnit.COUNT, namespace,
                            DimensionSet.of("service", SERVICE, "table", table));
                }
            });
            return result;
        } catch (RuntimeException e) {
            metrics.addMetric("RunsFailed", 1, MetricUnit.COUNT);
            // the message names what failed; messages never carry credentials (see SourceDatabase, DatabaseSecret)
            LOG.error("reconciliation failed: {}", e.getMessage(), e);
            throw e;
        } finally {
            metrics.flush();
        }
    }

    static String namespace(String configured) {
        return configured == null || configured.isBlank() ? NAMESPACE : configured;
    }

    private static SecretsManagerClient secretsManager(Map<String, String> environment) {
        SecretsManagerClientBuilder builder = SecretsManagerClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder());
        Optional.ofNullable(environment.get("AWS_REGION")).filter(r -> !r.isBlank())
                .ifPresent(region -> builder.region(Region.of(region)));
        return builder.build();
    }
}
