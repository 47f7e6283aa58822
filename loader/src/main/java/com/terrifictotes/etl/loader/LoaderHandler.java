package com.terrifictotes.etl.loader;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import com.terrifictotes.etl.db.DatabaseTimeouts;
import com.terrifictotes.etl.db.PostgresDataSources;
import com.terrifictotes.etl.db.SecretsManagerSecrets;
import com.terrifictotes.etl.loader.verify.CatchUpVerification;
import com.terrifictotes.etl.loader.verify.VerificationOutcome;
import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.s3.S3Clients;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The loader Lambda. Triggered by the S3 event of a new processed manifest (or by the daily catch-up, an event with
 * no records), it applies every pending manifest through {@link WarehouseLoader}. The event only wakes it up: which
 * manifests to apply comes from the load ledger, so duplicate, late and lost events all converge. After the catch-up's
 * load has committed (and released the loaders' lock), it verifies the warehouse against the processed zone
 * ({@link CatchUpVerification}, unless {@value CatchUpVerification#SWITCH} is false) and reports what it found in its
 * metrics.
 *
 * <p>Clients are built once per execution environment; the warehouse secret is read and the data source built on
 * the first event, never at init, so no secret or socket is frozen into a SnapStart snapshot.
 */
public final class LoaderHandler implements RequestHandler<S3Event, String> {
    /** Every environment variable the loader reads (the CDK stack's contract test checks them). */
    public static final List<String> ENVIRONMENT_VARIABLES = List.of(
            LoaderConfiguration.PROCESSED_BUCKET, LoaderConfiguration.WAREHOUSE_SECRET_ID,
            LoaderConfiguration.DB_SSLMODE, LoaderConfiguration.DB_SSLROOTCERT, DatabaseTimeouts.STATEMENT_VARIABLE,
            DatabaseTimeouts.LOCK_VARIABLE, DatabaseTimeouts.SOCKET_VARIABLE, CatchUpVerification.SWITCH);
    static final String APPLICATION_NAME = "totes-etl-loader";
    /** What an invocation without a context (none on Lambda) may take. */
    private static final Duration LAMBDA_LIMIT = Duration.ofMinutes(15);

    private static final Logger LOG = LoggerFactory.getLogger(LoaderHandler.class);

    private final S3Client s3;
    private final String bucket;
    private final Supplier<DataSource> warehouse;
    private final LoadMetrics metrics;
    private final CatchUpVerification verification;
    @SuppressWarnings({"unused", "FieldCanBeLocal"}) // held so the CRaC context keeps it
    private final LoaderPriming priming;
    private volatile Connected connected;

    /** The warehouse as this execution environment reached it, and its loader. */
    private record Connected(DataSource warehouse, WarehouseLoader loader) {
    }

    /** The Lambda runtime's constructor: configuration from the environment, the secret from Secrets Manager. */
    public LoaderHandler() {
        this(LoaderConfiguration.fromEnvironment(System.getenv()),
                SecretsManagerClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build());
    }

    private LoaderHandler(LoaderConfiguration configuration, SecretsManagerClient secrets) {
        this(S3Clients.fromEnvironment(), configuration.processedBucket(), () -> PostgresDataSources.create(
                new SecretsManagerSecrets(secrets).databaseSecret(configuration.warehouseSecretId()),
                APPLICATION_NAME, configuration.sslMode(), configuration.sslRootCert(), configuration.timeouts()),
                configuration.verifyOnCatchUp());
    }

    /** For tests and the local runner: given clients, no Secrets Manager; the catch-up verifies the warehouse. */
    public LoaderHandler(S3Client s3, String processedBucket, DataSource warehouse) {
        this(s3, processedBucket, () -> warehouse, true);
    }

    /** The same with the catch-up's verification on or off, as {@value CatchUpVerification#SWITCH} sets it. */
    LoaderHandler(S3Client s3, String processedBucket, DataSource warehouse, boolean verifyOnCatchUp) {
        this(s3, processedBucket, () -> warehouse, verifyOnCatchUp);
    }

    private LoaderHandler(S3Client s3, String processedBucket, Supplier<DataSource> warehouse,
                          boolean verifyOnCatchUp) {
        this.s3 = s3;
        this.bucket = processedBucket;
        this.warehouse = warehouse;
        this.metrics = LoadMetrics.create(System.getenv());
        this.verification = verifyOnCatchUp ? new CatchUpVerification(s3, processedBucket) : null;
        this.priming = LoaderPriming.register();
    }

    @Override
    public String handleRequest(S3Event event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> handle(event, context));
    }

    private String handle(S3Event event, Context context) {
        boolean catchUp = logNotifications(event);
        try {
            Connected warehouse = connected();
            LoadReport report = warehouse.loader().loadPending();
            metrics.invocation(report, Instant.now());
            LOG.info(report.summary(), entry("manifests_applied", report.applied().size()),
                    entry("ledger_sequence", report.ledgerSequence()));
            if (!catchUp || verification == null) {
                return report.summary();
            }
            // the load's connection is closed, its lock released: the replay takes the same lock batch by batch
            VerificationOutcome outcome = verification.run(warehouse.warehouse(), context == null
                    ? LAMBDA_LIMIT : Duration.ofMillis(context.getRemainingTimeInMillis()));
            metrics.verification(outcome);
            return report.summary() + "; " + outcome.summary();
        } catch (WarehouseException e) {
            connected = null; // the secret may have rotated or the host moved: read it again next time
            throw e;
        } finally {
            metrics.flush();
        }
    }

    private Connected connected() {
        Connected current = connected;
        if (current == null) {
            DataSource dataSource = warehouse.get();
            current = new Connected(dataSource, new WarehouseLoader(s3, bucket, dataSource, metrics));
            connected = current;
        }
        return current;
    }

    /** Logs what the event names; true for the catch-up's event (no records). */
    private boolean logNotifications(S3Event event) {
        List<S3EventNotificationRecord> records = event == null || event.getRecords() == null ? List.of()
                : event.getRecords();
        if (records.isEmpty()) {
            LOG.info("catch-up run: applying every pending manifest"
                    + (verification == null ? "" : ", then verifying the warehouse"));
        }
        for (S3EventNotificationRecord record : records) {
            String eventBucket = record.getS3().getBucket().getName();
            String key = record.getS3().getObject().getUrlDecodedKey();
            if (!bucket.equals(eventBucket) || BucketLayout.processedSequence(key).isEmpty()) {
                LOG.warn("event for an object that is not a processed manifest of this bucket; applying what is "
                        + "pending anyway", entry("bucket", eventBucket), entry("key", key));
            } else {
                LOG.info("notified of a processed manifest", entry("manifest", "s3://" + eventBucket + "/" + key));
            }
        }
        return records.isEmpty();
    }
}
