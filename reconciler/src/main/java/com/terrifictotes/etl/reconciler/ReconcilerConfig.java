package com.terrifictotes.etl.reconciler;

import static com.terrifictotes.etl.config.EnvironmentVariables.optional;
import static com.terrifictotes.etl.config.EnvironmentVariables.required;
import static com.terrifictotes.etl.config.EnvironmentVariables.wholeNumber;
import static com.terrifictotes.etl.config.EnvironmentVariables.zone;

import com.terrifictotes.etl.db.DatabaseTimeouts;
import com.terrifictotes.etl.error.ConfigurationException;
import com.terrifictotes.etl.extractor.ExtractorConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The reconciler's configuration, read from the function's environment. It reads both databases (each through its
 * secret) and writes to the ingestion bucket; the source's zone and the overlap must be the extractor's, whose
 * variables it shares. Errors name the variable and never echo a value.
 *
 * @param totesysSecretId   Secrets Manager secret of the ToteSys credentials (the extractor's)
 * @param warehouseSecretId Secrets Manager secret of the warehouse credentials (read only)
 * @param timeouts          how long either database may take to answer: the extractor's defaults unless set (the pass
 *                          only reads, so a lock wait means DDL)
 */
public record ReconcilerConfig(String totesysSecretId, String warehouseSecretId, String sslMode, String sslRootCert,
                               ReconciliationSettings settings, DatabaseTimeouts timeouts) {
    public static final String TOTESYS_SECRET_ID = ExtractorConfig.SECRET_ID;
    public static final String WAREHOUSE_SECRET_ID = "WAREHOUSE_SECRET_ID";
    public static final String BUCKET = ExtractorConfig.BUCKET;
    public static final String OVERLAP_SECONDS = ExtractorConfig.OVERLAP_SECONDS;
    public static final String SOURCE_TIME_ZONE = ExtractorConfig.SOURCE_TIME_ZONE;
    public static final String MAX_DELETE_RATIO = "RECONCILE_MAX_DELETE_RATIO";
    public static final String CHUNK_ROWS = "RECONCILE_CHUNK_ROWS";
    public static final String SSL_MODE = ExtractorConfig.SSL_MODE;
    public static final String SSL_ROOT_CERT = ExtractorConfig.SSL_ROOT_CERT;

    /** Every variable this function reads, required ones first. */
    public static final List<String> VARIABLES = List.of(TOTESYS_SECRET_ID, WAREHOUSE_SECRET_ID, BUCKET,
            OVERLAP_SECONDS, SOURCE_TIME_ZONE, MAX_DELETE_RATIO, CHUNK_ROWS, SSL_MODE, SSL_ROOT_CERT,
            DatabaseTimeouts.STATEMENT_VARIABLE, DatabaseTimeouts.LOCK_VARIABLE, DatabaseTimeouts.SOCKET_VARIABLE);

    public static ReconcilerConfig fromEnvironment(Map<String, String> environment) {
        String totesys = required(environment, TOTESYS_SECRET_ID);
        String warehouse = required(environment, WAREHOUSE_SECRET_ID);
        return new ReconcilerConfig(totesys, warehouse, optional(environment, SSL_MODE),
                optional(environment, SSL_ROOT_CERT), settings(environment, required(environment, BUCKET)),
                DatabaseTimeouts.fromEnvironment(environment, DatabaseTimeouts.EXTRACTOR));
    }

    /** The settings from the optional variables, for the given bucket: the local runner reads them this way too. */
    public static ReconciliationSettings settings(Map<String, String> environment, String bucket) {
        ReconciliationSettings defaults = ReconciliationSettings.forBucket(bucket);
        return defaults.withSource(zone(environment, SOURCE_TIME_ZONE, defaults.sourceTimeZone()),
                        Duration.ofSeconds(wholeNumber(environment, OVERLAP_SECONDS, 0, defaults.overlap().toSeconds())))
                .withMaxDeleteRatio(ratio(environment))
                .withChunks((int) wholeNumber(environment, CHUNK_ROWS, 1, defaults.chunkRows()),
                        defaults.bisectionFactor(), defaults.bisectionThreshold());
    }

    private static double ratio(Map<String, String> environment) {
        String value = optional(environment, MAX_DELETE_RATIO);
        if (value == null) {
            return ReconciliationSettings.DEFAULT_MAX_DELETE_RATIO;
        }
        try {
            double ratio = Double.parseDouble(value);
            if (ratio > 0 && ratio <= 1) {
                return ratio;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ConfigurationException("environment variable " + MAX_DELETE_RATIO
                + " must be a share above 0 and at most 1 (0.1 is 10%), got '" + value + "'");
    }
}
