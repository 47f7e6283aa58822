package com.terrifictotes.etl.extractor;

import com.terrifictotes.etl.db.DatabaseTimeouts;
import com.terrifictotes.etl.error.ConfigurationException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
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

    /** Every variable this function reads, required ones first. */
    public static final List<String> VARIABLES = List.of(SECRET_ID, BUCKET, OVERLAP_SECONDS, SOURCE_TIME_ZONE,
            SSL_MODE, SSL_ROOT_CERT, PART_ROWS, MAX_CLOCK_SKEW_SECONDS, DatabaseTimeouts.STATEMENT_VARIABLE,
            DatabaseTimeouts.LOCK_VARIABLE,
            DatabaseTimeouts.SOCKET_VARIABLE);

    public static ExtractorConfig fromEnvironment(Map<String, String> environment) {
        String secretId = required(environment, SECRET_ID);
        ExtractionSettings settings = new ExtractionSettings(
                required(environment, BUCKET),
                Duration.ofSeconds(number(environment, OVERLAP_SECONDS, 0, ExtractionSettings.DEFAULT_OVERLAP.toSeconds())),
                zone(environment),
                (int) number(environment, PART_ROWS, 1, ExtractionSettings.DEFAULT_PART_ROWS),
                ExtractionSettings.DEFAULT_FETCH_SIZE,
                Duration.ofSeconds(number(environment, MAX_CLOCK_SKEW_SECONDS, 1,
                        ExtractionSettings.DEFAULT_MAX_CLOCK_SKEW.toSeconds())));
        return new ExtractorConfig(secretId, optional(environment, SSL_MODE), optional(environment, SSL_ROOT_CERT),
                settings, DatabaseTimeouts.fromEnvironment(environment, DatabaseTimeouts.EXTRACTOR));
    }

    private static String required(Map<String, String> environment, String name) {
        String value = optional(environment, name);
        if (value == null) {
            throw new ConfigurationException("environment variable " + name + " is not set");
        }
        return value;
    }

    private static String optional(Map<String, String> environment, String name) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static long number(Map<String, String> environment, String name, long min, long defaultValue) {
        String value = optional(environment, name);
        if (value == null) {
            return defaultValue;
        }
        try {
            long number = Long.parseLong(value);
            if (number >= min && number <= Integer.MAX_VALUE) {
                return number;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ConfigurationException("environment variable " + name + " must be a whole number from " + min + " to "
                + Integer.MAX_VALUE + ", got '" + value + "'");
    }

    private static ZoneId zone(Map<String, String> environment) {
        String value = optional(environment, SOURCE_TIME_ZONE);
        if (value == null) {
            return ExtractionSettings.DEFAULT_SOURCE_TIME_ZONE;
        }
        try {
            return ZoneId.of(value);
        } catch (DateTimeException e) {
            throw new ConfigurationException("environment variable " + SOURCE_TIME_ZONE
                    + " is not a time zone id: '" + value + "'", e);
        }
    }
}
