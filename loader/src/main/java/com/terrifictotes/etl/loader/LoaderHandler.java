package com.terrifictotes.etl.loader;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.terrifictotes.etl.db.DatabaseTimeouts;
import com.terrifictotes.etl.db.PostgresDataSources;
import com.terrifictotes.etl.db.SecretsManagerSecrets;
import com.terrifictotes.etl.loader.verify.CatchUpVerification;
import com.terrifictotes.etl.runtime.FunctionMetrics;
import com.terrifictotes.etl.runtime.Invocation;
import com.terrifictotes.etl.runtime.RowBudget;
import com.terrifictotes.etl.runtime.StageResult;
import com.terrifictotes.etl.s3.S3Clients;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The loader Lambda. Woken by the S3 event of a new processed manifest (or by the catch-up state machine, an event
 * with no records), it applies the oldest pending manifests within its {@code MAX_ROWS_PER_INVOCATION}, answers
 * whether any is still pending ({@link StageResult#caughtUp()}) and, on the catch-up invocation that caught up,
 * verifies the warehouse: all of it in {@link LoaderService}. Clients are built once per execution environment; the
 * warehouse secret is read on the first event, never at init.
 */
public final class LoaderHandler implements RequestHandler<S3Event, StageResult> {
    /** Every environment variable the loader reads (the CDK stack's contract test checks them). */
    public static final List<String> ENVIRONMENT_VARIABLES = List.of(
            LoaderConfiguration.PROCESSED_BUCKET, LoaderConfiguration.WAREHOUSE_SECRET_ID,
            LoaderConfiguration.DB_SSLMODE, LoaderConfiguration.DB_SSLROOTCERT, DatabaseTimeouts.STATEMENT_VARIABLE,
            DatabaseTimeouts.LOCK_VARIABLE, DatabaseTimeouts.SOCKET_VARIABLE, CatchUpVerification.SWITCH,
            RowBudget.VARIABLE);
    static final String APPLICATION_NAME = "totes-etl-loader";
    /** What an invocation without a context (none on Lambda) may take. */
    private static final Duration LAMBDA_LIMIT = Duration.ofMinutes(15);

    private static final Logger LOG = LoggerFactory.getLogger(LoaderHandler.class);

    private final String bucket;
    private final FunctionMetrics metrics;
    private final LoaderService service;
    @SuppressWarnings({"unused", "FieldCanBeLocal"}) // held so the CRaC context keeps it
    private final LoaderPriming priming = LoaderPriming.register();

    /** The Lambda runtime's constructor: configuration from the environment, the secret from Secrets Manager. */
    public LoaderHandler() {
        this(LoaderConfiguration.fromEnvironment(System.getenv()), SecretsManagerSecrets.fromEnvironment(
                System.getenv()), System.getenv());
    }

    private LoaderHandler(LoaderConfiguration config, SecretsManagerSecrets secrets, Map<String, String> environment) {
        this(S3Clients.fromEnvironment(), config.processedBucket(), () -> PostgresDataSources.create(
                secrets.databaseSecret(config.warehouseSecretId()), APPLICATION_NAME, config.sslMode(),
                config.sslRootCert(), config.timeouts()), config.verifyOnCatchUp(), config.budget(), environment);
    }

    /**
     * For tests and the local runner: given clients, no Secrets Manager, the default budget; the catch-up verifies
     * the warehouse.
     */
    public LoaderHandler(S3Client s3, String processedBucket, DataSource warehouse) {
        this(s3, processedBucket, warehouse, RowBudget.DEFAULT);
    }

    /** The same with a chosen {@value RowBudget#VARIABLE}. */
    public LoaderHandler(S3Client s3, String processedBucket, DataSource warehouse, RowBudget budget) {
        this(s3, processedBucket, () -> warehouse, true, budget, Map.of());
    }

    /** The same with the catch-up's verification on or off, as {@value CatchUpVerification#SWITCH} sets it. */
    LoaderHandler(S3Client s3, String processedBucket, DataSource warehouse, boolean verifyOnCatchUp) {
        this(s3, processedBucket, () -> warehouse, verifyOnCatchUp, RowBudget.DEFAULT, Map.of());
    }

    private LoaderHandler(S3Client s3, String processedBucket, Supplier<DataSource> warehouse,
                          boolean verifyOnCatchUp, RowBudget budget, Map<String, String> environment) {
        this.bucket = processedBucket;
        this.metrics = FunctionMetrics.of(LoadMetrics.SERVICE, environment);
        this.service = new LoaderService(s3, processedBucket, warehouse, new LoadMetrics(metrics), verifyOnCatchUp,
                budget);
    }

    @Override
    public StageResult handleRequest(S3Event event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> {
            boolean catchUp = LoaderTrigger.isCatchUp(event, bucket, service.verifiesOnCatchUp());
            Duration timeLeft = context == null ? LAMBDA_LIMIT : Duration.ofMillis(context.getRemainingTimeInMillis());
            return Invocation.run(metrics, LOG, "load", () -> service.run(catchUp, timeLeft));
        });
    }
}
