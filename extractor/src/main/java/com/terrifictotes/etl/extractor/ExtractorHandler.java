package com.terrifictotes.etl.extractor;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.terrifictotes.etl.db.SecretsManagerSecrets;
import com.terrifictotes.etl.runtime.FunctionMetrics;
import com.terrifictotes.etl.runtime.Invocation;
import com.terrifictotes.etl.s3.S3Clients;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.crac.Core;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The extractor Lambda, run by an EventBridge schedule. Thin on purpose: it reads the configuration, builds the
 * source data source from the secret, and hands over to {@link ExtractionService}.
 *
 * <p>Per execution environment (and so inside a SnapStart snapshot): the S3 and Secrets Manager clients, the metrics
 * and the priming hook. Per invocation: the configuration, the secret, the database connection, the run id.
 */
public final class ExtractorHandler implements RequestHandler<ScheduledEvent, ExtractionResult> {
    /** Every environment variable this function reads (the CDK stack's contract test checks them). */
    public static final List<String> ENVIRONMENT_VARIABLES = ExtractorConfig.VARIABLES;

    private static final Logger LOG = LoggerFactory.getLogger(ExtractorHandler.class);

    private final S3Client s3;
    private final Supplier<ExtractorConfig> config;
    private final Function<ExtractorConfig, DataSource> connector;
    private final Clock clock;
    private final FunctionMetrics metrics;
    // held here because CRaC contexts may keep only weak references to their resources
    private final SnapStartPriming priming = new SnapStartPriming();

    /** The Lambda runtime's constructor. */
    public ExtractorHandler() {
        this(System.getenv(), S3Clients.fromEnvironment(), SecretsManagerSecrets.fromEnvironment(System.getenv()),
                Clock.systemUTC());
        Core.getGlobalContext().register(priming);
    }

    /** Tests: everything from the given environment, with the given clients; no AWS needed. */
    ExtractorHandler(Map<String, String> environment, S3Client s3, SecretsManagerClient secretsManager, Clock clock) {
        this(environment, s3, new SecretsManagerSecrets(secretsManager), clock);
    }

    private ExtractorHandler(Map<String, String> environment, S3Client s3, SecretsManagerSecrets secrets,
                             Clock clock) {
        this(s3, () -> ExtractorConfig.fromEnvironment(environment), new SecretSourceConnector(secrets), clock,
                FunctionMetrics.of(PowertoolsRunMetrics.SERVICE, environment));
    }

    /** Tests and local runs: a given configuration and source, no secret. */
    public ExtractorHandler(S3Client s3, Supplier<DataSource> dataSource, ExtractorConfig config, Clock clock) {
        this(s3, () -> config, c -> dataSource.get(), clock, FunctionMetrics.of(PowertoolsRunMetrics.SERVICE,
                Map.of()));
    }

    private ExtractorHandler(S3Client s3, Supplier<ExtractorConfig> config,
                             Function<ExtractorConfig, DataSource> connector, Clock clock, FunctionMetrics metrics) {
        this.s3 = s3;
        this.config = config;
        this.connector = connector;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public ExtractionResult handleRequest(ScheduledEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> extract(ScheduledTrigger.from(event)));
    }

    private ExtractionResult extract(ScheduledTrigger trigger) {
        LOG.info("scheduled extraction", entry("event_id", trigger.id()), entry("rule", trigger.rule()),
                entry("scheduled_time", trigger.time() == null ? null : trigger.time().toString()));
        return Invocation.run(metrics, LOG, "extraction", () -> {
            ExtractorConfig current = config.get();
            return new ExtractionService(s3, connector.apply(current), current.settings(), clock,
                    new PowertoolsRunMetrics(metrics)).run();
        });
    }
}
