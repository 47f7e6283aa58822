package com.terrifictotes.etl.extractor;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.terrifictotes.etl.db.SecretsManagerSecrets;
import com.terrifictotes.etl.s3.S3Clients;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.crac.Core;
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

/**
 * The extractor Lambda, run by an EventBridge schedule. Thin on purpose: it reads the configuration, builds the
 * source data source from the secret, and hands over to {@link ExtractionService}.
 *
 * <p>Per execution environment (and so inside a SnapStart snapshot): the S3 and Secrets Manager clients, the metrics
 * object and the priming hook. Per invocation: the configuration, the secret, the database connection, the run id.
 */
public final class ExtractorHandler implements RequestHandler<ScheduledEvent, ExtractionResult> {
    /** Every environment variable this function reads (the CDK stack's contract test checks them). */
    public static final List<String> ENVIRONMENT_VARIABLES = ExtractorConfig.VARIABLES;

    private static final Logger LOG = LoggerFactory.getLogger(ExtractorHandler.class);

    private final S3Client s3;
    private final Supplier<ExtractorConfig> config;
    private final Function<ExtractorConfig, DataSource> connector;
    private final Clock clock;
    private final Metrics metrics;
    private final String namespace;
    // held here because CRaC contexts may keep only weak references to their resources
    private final SnapStartPriming priming = new SnapStartPriming();

    /** The Lambda runtime's constructor. */
    public ExtractorHandler() {
        this(System.getenv(), S3Clients.fromEnvironment(), secretsManager(System.getenv()), Clock.systemUTC());
        Core.getGlobalContext().register(priming);
    }

    /** Tests: everything from the given environment, with the given clients; no AWS needed. */
    ExtractorHandler(Map<String, String> environment, S3Client s3, SecretsManagerClient secretsManager, Clock clock) {
        this(s3, () -> ExtractorConfig.fromEnvironment(environment),
                new SecretSourceConnector(new SecretsManagerSecrets(secretsManager)), clock,
                PowertoolsRunMetrics.namespace(environment.get("POWERTOOLS_METRICS_NAMESPACE")));
    }

    /** Tests and local runs: a given configuration and source, no secret. */
    public ExtractorHandler(S3Client s3, Supplier<DataSource> dataSource, ExtractorConfig config, Clock clock) {
        this(s3, () -> config, c -> dataSource.get(), clock, PowertoolsRunMetrics.DEFAULT_NAMESPACE);
    }

    private ExtractorHandler(S3Client s3, Supplier<ExtractorConfig> config,
                             Function<ExtractorConfig, DataSource> connector, Clock clock, String namespace) {
        this.s3 = s3;
        this.config = config;
        this.connector = connector;
        this.clock = clock;
        this.namespace = namespace;
        this.metrics = MetricsBuilder.builder()
                .withNamespace(namespace)
                .withDefaultDimensions(DimensionSet.of("service", PowertoolsRunMetrics.SERVICE))
                .build();
    }

    @Override
    public ExtractionResult handleRequest(ScheduledEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> extract(ScheduledTrigger.from(event)));
    }

    private ExtractionResult extract(ScheduledTrigger trigger) {
        LOG.info("scheduled extraction", entry("event_id", trigger.id()), entry("rule", trigger.rule()),
                entry("scheduled_time", trigger.time() == null ? null : trigger.time().toString()));
        PowertoolsRunMetrics runMetrics = new PowertoolsRunMetrics(metrics, namespace);
        try {
            ExtractorConfig current = config.get();
            DataSource source = connector.apply(current);
            return new ExtractionService(s3, source, current.settings(), clock, runMetrics).run();
        } catch (RuntimeException e) {
            runMetrics.runFailed();
            // the message names what failed; messages never carry credentials (see SourceDatabase, DatabaseSecret)
            LOG.error("extraction failed: {}", e.getMessage(), e);
            throw e;
        } finally {
            metrics.flush();
        }
    }

    private static SecretsManagerClient secretsManager(Map<String, String> environment) {
        SecretsManagerClientBuilder builder = SecretsManagerClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder());
        Optional.ofNullable(environment.get("AWS_REGION")).filter(r -> !r.isBlank())
                .ifPresent(region -> builder.region(Region.of(region)));
        return builder.build();
    }
}
