package com.terrifictotes.etl.loader;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import com.terrifictotes.etl.db.DatabaseTimeouts;
import com.terrifictotes.etl.db.PostgresDataSources;
import com.terrifictotes.etl.db.SecretsManagerSecrets;
import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.s3.S3Clients;
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
 * manifests to apply comes from the load ledger, so duplicate, late and lost events all converge.
 *
 * <p>Clients are built once per execution environment; the warehouse secret is read and the data source built on
 * the first event, never at init, so no secret or socket is frozen into a SnapStart snapshot.
 */
public final class LoaderHandler implements RequestHandler<S3Event, String> {
    /** Every environment variable the loader reads (the CDK stack's contract test checks them). */
    public static final List<String> ENVIRONMENT_VARIABLES = List.of(
            LoaderConfiguration.PROCESSED_BUCKET, LoaderConfiguration.WAREHOUSE_SECRET_ID,
            LoaderConfiguration.DB_SSLMODE, LoaderConfiguration.DB_SSLROOTCERT, DatabaseTimeouts.STATEMENT_VARIABLE,
            DatabaseTimeouts.LOCK_VARIABLE, DatabaseTimeouts.SOCKET_VARIABLE);
    static final String APPLICATION_NAME = "totes-etl-loader";

    private static final Logger LOG = LoggerFactory.getLogger(LoaderHandler.class);

    private final S3Client s3;
    private final String bucket;
    private final Supplier<DataSource> warehouse;
    private final LoadMetrics metrics;
    @SuppressWarnings({"unused", "FieldCanBeLocal"}) // held so the CRaC context keeps it
    private final LoaderPriming priming;
    private volatile WarehouseLoader loader;

    /** The Lambda runtime's constructor: configuration from the environment, the secret from Secrets Manager. */
    public LoaderHandler() {
        this(LoaderConfiguration.fromEnvironment(System.getenv()),
                SecretsManagerClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build());
    }

    private LoaderHandler(LoaderConfiguration configuration, SecretsManagerClient secrets) {
        this(S3Clients.fromEnvironment(), configuration.processedBucket(), () -> PostgresDataSources.create(
                new SecretsManagerSecrets(secrets).databaseSecret(configuration.warehouseSecretId()),
                APPLICATION_NAME, configuration.sslMode(), configuration.sslRootCert(), configuration.timeouts()));
    }

    /** For tests and the local runner: given clients, no Secrets Manager. */
    public LoaderHandler(S3Client s3, String processedBucket, DataSource warehouse) {
        this(s3, processedBucket, () -> warehouse);
    }

    private LoaderHandler(S3Client s3, String processedBucket, Supplier<DataSource> warehouse) {
        this.s3 = s3;
        this.bucket = processedBucket;
        this.warehouse = warehouse;
        this.metrics = LoadMetrics.create(System.getenv());
        this.priming = LoaderPriming.register();
    }

    @Override
    public String handleRequest(S3Event event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> handle(event));
    }

    private String handle(S3Event event) {
        logNotifications(event);
        try {
            LoadReport report = loader().loadPending();
            metrics.invocation(report, Instant.now());
            LOG.info(report.summary(), entry("manifests_applied", report.applied().size()),
                    entry("ledger_sequence", report.ledgerSequence()));
            return report.summary();
        } catch (WarehouseException e) {
            loader = null; // the secret may have rotated or the host moved: read it again next time
            throw e;
        } finally {
            metrics.flush();
        }
    }

    private WarehouseLoader loader() {
        WarehouseLoader current = loader;
        if (current == null) {
            current = new WarehouseLoader(s3, bucket, warehouse.get(), metrics);
            loader = current;
        }
        return current;
    }

    private void logNotifications(S3Event event) {
        List<S3EventNotificationRecord> records = event == null || event.getRecords() == null ? List.of()
                : event.getRecords();
        if (records.isEmpty()) {
            LOG.info("catch-up run: applying every pending manifest");
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
    }
}
