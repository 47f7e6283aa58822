package com.terrifictotes.etl.extractor;

import static com.terrifictotes.etl.config.EnvironmentVariables.optional;
import static com.terrifictotes.etl.config.EnvironmentVariables.required;
import static com.terrifictotes.etl.config.EnvironmentVariables.wholeNumber;
import static com.terrifictotes.etl.config.EnvironmentVariables.zone;

import com.terrifictotes.etl.db.DatabaseTimeouts;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The extractor's configuration, read from the function's environment. Errors name the variable and never echo a
 * value that could be a credential (none of these is one, but the rule is kept simple).
 *
 * @param secretId    Secrets Manager secret with the RDS-style JSON of the ToteSys credentials
 * @param sslMode     pgjdbc {@code sslmode}; {@code verify-full} in production
 * @param sslRootCert path of the CA bundle for {@code verify-full}, or null
 * @param timeouts    how long the source may take to answer ({@link DatabaseTimeouts#EXTRACTOR} unless set)
 */
public record ExtractorConfig(String secretId, String sslMode, String sslRootCert, ExtractionSettings settings,
                              DatabaseTimeouts timeouts) {
    public static final String SECRET_ID = "TOTESYS_SECRET_ID";
    public static final String BUCKET = "INGESTION_BUCKET";
    public static final String OVERLAP_SECONDS = "EXTRACT_OVERLAP_SECONDS";
    public static final String SOURCE_TIME_ZONE = "SOURCE_TIME_ZONE";
    public static final String SSL_MODE = "DB_SSLMODE";
    public static final String SSL_ROOT_CERT = "DB_SSLROOTCERT";
    public static final String PART_ROWS = "EXTRACT_PART_ROWS";
    public static final String MAX_CLOCK_SKEW_SECONDS = "EXTRACT_MAX_CLOCK_SKEW_SECONDS";
    public static final String MAX_BATCH_ROWS = "EXTRACT_MAX_BATCH_ROWS";

    /** Every variable this function reads, required ones first. */
    public static final List<String> VARIABLES = List.of(SECRET_ID, BUCKET, OVERLAP_SECONDS, SOURCE_TIME_ZONE,
            SSL_MODE, SSL_ROOT_CERT, PART_ROWS, MAX_CLOCK_SKEW_SECONDS, MAX_BATCH_ROWS,
            DatabaseTimeouts.STATEMENT_VARIABLE,
            DatabaseTimeouts.LOCK_VARIABLE,
            DatabaseTimeouts.SOCKET_VARIABLE);

    public static ExtractorConfig fromEnvironment(Map<String, String> environment) {
        String secretId = required(environment, SECRET_ID);
        ExtractionSettings settings = new ExtractionSettings(
                required(environment, BUCKET),
                Duration.ofSeconds(wholeNumber(environment, OVERLAP_SECONDS, 0,
                        ExtractionSettings.DEFAULT_OVERLAP.toSeconds())),
                zone(environment, SOURCE_TIME_ZONE, ExtractionSettings.DEFAULT_SOURCE_TIME_ZONE),
                (int) wholeNumber(environment, PART_ROWS, 1, ExtractionSettings.DEFAULT_PART_ROWS),
                ExtractionSettings.DEFAULT_FETCH_SIZE,
                Duration.ofSeconds(wholeNumber(environment, MAX_CLOCK_SKEW_SECONDS, 1,
                        ExtractionSettings.DEFAULT_MAX_CLOCK_SKEW.toSeconds())),
                wholeNumber(environment, MAX_BATCH_ROWS, 1, ExtractionSettings.DEFAULT_MAX_BATCH_ROWS));
        return new ExtractorConfig(secretId, optional(environment, SSL_MODE), optional(environment, SSL_ROOT_CERT),
                settings, DatabaseTimeouts.fromEnvironment(environment, DatabaseTimeouts.EXTRACTOR));
    }
}
