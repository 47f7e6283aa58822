package com.terrifictotes.etl.reconciler;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.terrifictotes.etl.db.PostgresDataSources;
import com.terrifictotes.etl.db.SecretsManagerSecrets;
import com.terrifictotes.etl.extractor.ScheduledTrigger;
import com.terrifictotes.etl.runtime.FunctionMetrics;
import com.terrifictotes.etl.runtime.Invocation;
import com.terrifictotes.etl.s3.S3Clients;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The reconciler Lambda, run daily by its own EventBridge schedule (or by hand with any event). Thin on purpose: it
 * reads the configuration, builds both data sources from their secrets (read at every run, so rotated passwords
 * apply at once and nothing secret sits in a SnapStart snapshot), and hands over to {@link ReconciliationService}.
 * Metrics: {@link ReconcilerMetrics}, and {@code RunsFailed} when a run fails (the delete guard's refusal included).
 */
public final class ReconcilerHandler implements RequestHandler<ScheduledEvent, ReconciliationResult> {
    /** Every environment variable this function reads (the CDK stack's contract test checks them). */
    public static final List<String> ENVIRONMENT_VARIABLES = ReconcilerConfig.VARIABLES;
    public static final String SERVICE = ReconcilerMetrics.SERVICE;
    static final String APPLICATION_NAME = "totes-etl-reconciler";

    private static final Logger LOG = LoggerFactory.getLogger(ReconcilerHandler.class);

    private final S3Client s3;
    private final Supplier<ReconcilerRun> runs;
    private final Clock clock;
    private final FunctionMetrics metrics;

    /** What one invocation works with. */
    private record ReconcilerRun(DataSource toteSys, DataSource warehouse, ReconciliationSettings settings) {
    }

    /** The Lambda runtime's constructor. */
    public ReconcilerHandler() {
        this(System.getenv(), S3Clients.fromEnvironment(), SecretsManagerSecrets.fromEnvironment(System.getenv()),
                Clock.systemUTC());
    }

    /** Tests: everything from the given environment, with the given clients; no AWS needed. */
    ReconcilerHandler(Map<String, String> environment, S3Client s3, SecretsManagerClient secretsManager,
                      Clock clock) {
        this(environment, s3, new SecretsManagerSecrets(secretsManager), clock);
    }

    private ReconcilerHandler(Map<String, String> environment, S3Client s3, SecretsManagerSecrets secrets,
                              Clock clock) {
        this(s3, () -> {
            ReconcilerConfig config = ReconcilerConfig.fromEnvironment(environment);
            return new ReconcilerRun(connect(secrets, config, config.totesysSecretId()),
                    connect(secrets, config, config.warehouseSecretId()), config.settings());
        }, clock, FunctionMetrics.of(SERVICE, environment));
    }

    /** The local runner and tests: given databases and settings, no secret. */
    public ReconcilerHandler(S3Client s3, Supplier<DataSource> toteSys, Supplier<DataSource> warehouse,
                             ReconciliationSettings settings, Clock clock) {
        this(s3, () -> new ReconcilerRun(toteSys.get(), warehouse.get(), settings), clock,
                FunctionMetrics.of(SERVICE, Map.of()));
    }

    private ReconcilerHandler(S3Client s3, Supplier<ReconcilerRun> runs, Clock clock, FunctionMetrics metrics) {
        this.s3 = s3;
        this.runs = runs;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public ReconciliationResult handleRequest(ScheduledEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> reconcile(ScheduledTrigger.from(event)));
    }

    private ReconciliationResult reconcile(ScheduledTrigger trigger) {
        LOG.info("reconciliation started", entry("event_id", trigger.id()), entry("rule", trigger.rule()));
        return Invocation.run(metrics, LOG, "reconciliation", () -> {
            ReconcilerRun run = runs.get();
            ReconciliationResult result = new ReconciliationService(s3, run.toteSys(), run.warehouse(),
                    run.settings(), clock).run();
            ReconcilerMetrics.reconciled(metrics, result);
            return result;
        });
    }

    private static DataSource connect(SecretsManagerSecrets secrets, ReconcilerConfig config, String secretId) {
        return PostgresDataSources.create(secrets.databaseSecret(secretId), APPLICATION_NAME, config.sslMode(),
                config.sslRootCert(), config.timeouts());
    }
}
