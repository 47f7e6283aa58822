package com.terrifictotes.etl.infra;

import com.terrifictotes.etl.error.ConfigurationException;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import software.constructs.Node;

/**
 * Everything an operator may choose at deploy time, read from CDK context ({@code cdk.json} or
 * {@code cdk deploy -c key=value}). Every setting has a default except the optional ones, so {@code cdk synth} works
 * with no arguments.
 *
 * @param schedule          EventBridge schedule of the extractor: every 15 minutes leaves a change at most ~15 min
 *                          in the source before extraction, well inside the spec's 30 minutes to the warehouse
 * @param catchUpSchedule   daily run of transformer and loader with an empty S3 event, which heals a dropped
 *                          S3 notification within a day even when no new data arrives
 * @param freshnessMinutes  the extractor's freshness lag above which (or without which) the alarm fires
 * @param extractPartRows   rows per CSV part file (the extractor's default when empty)
 * @param extractMaxClockSkewSeconds how far the source database's clock may be from the extractor's (the
 *                          extractor's default when empty)
 * @param extractMaxBatchRows at most this many rows per ingestion batch; a larger window is published as a chain of
 *                          batches (the extractor's default when empty)
 * @param lakeMaxBatch      upper end of the Athena partition projection over {@code batch=}; see {@link LakeCatalog}
 * @param logRetentionDays  a year by default: what AWS Control Tower's CT.CLOUDWATCH.PR.2 asks of a log group, and the
 *                          history of a year of runs costs little (a few lines per table and run)
 * @param verifyOnCatchUp   whether the loader's daily catch-up verifies the warehouse against the processed zone
 *                          after its load (on by default), with the two alarms on what it finds
 */
public record PipelineSettings(String stage, Optional<String> alertEmail, String schedule, String catchUpSchedule,
                               int freshnessMinutes, int logRetentionDays, String logLevel,
                               SecretReference totesysSecret, SecretReference warehouseSecret,
                               Optional<NetworkSettings> network, String dbSslMode, Optional<String> dbSslRootCert,
                               Optional<String> sourceTimeZone, Optional<Integer> extractOverlapSeconds,
                               Optional<Integer> extractPartRows, Optional<Integer> extractMaxClockSkewSeconds,
                               Optional<Integer> extractMaxBatchRows, long lakeMaxBatch, ReservedConcurrency reservedConcurrency, LakeLifecycle lakeLifecycle,
                               boolean verifyOnCatchUp) {
    public static final String DEFAULT_STAGE = "dev";
    public static final String DEFAULT_SCHEDULE = "rate(15 minutes)";
    public static final String DEFAULT_CATCH_UP_SCHEDULE = "cron(30 4 * * ? *)";
    public static final int DEFAULT_FRESHNESS_MINUTES = 30;
    public static final int DEFAULT_LOG_RETENTION_DAYS = 365;
    public static final String DEFAULT_LOG_LEVEL = "INFO";
    /** TLS without certificate verification: encrypted to RDS without shipping a CA bundle in the jars. */
    public static final String DEFAULT_DB_SSL_MODE = "require";
    /** About 2.8 years of 15-minute batches; raise it as the sequence approaches it. */
    public static final long DEFAULT_LAKE_MAX_BATCH = 99_999;

    /** The retention periods CloudWatch Logs accepts. */
    static final Set<Integer> LOG_RETENTION_DAYS = Set.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545,
            731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);
    private static final Pattern STAGE = Pattern.compile("[a-z][a-z0-9]{0,15}");
    private static final Pattern SCHEDULE = Pattern.compile("(rate|cron)\\(.+\\)");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Set<String> LOG_LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");
    private static final Set<String> SSL_MODES = Set.of("disable", "allow", "prefer", "require", "verify-ca",
            "verify-full");

    public PipelineSettings {
        require(STAGE.matcher(stage).matches(), "stage", stage, "lower-case letters and digits, 1-16 characters");
        alertEmail.ifPresent(e -> require(EMAIL.matcher(e).matches(), "alertEmail", e, "an e-mail address"));
        require(SCHEDULE.matcher(schedule).matches(), "schedule", schedule, "rate(...) or cron(...)");
        require(SCHEDULE.matcher(catchUpSchedule).matches(), "catchUpSchedule", catchUpSchedule,
                "rate(...) or cron(...)");
        require(freshnessMinutes >= 5, "freshnessMinutes", freshnessMinutes, "at least 5");
        require(LOG_RETENTION_DAYS.contains(logRetentionDays), "logRetentionDays", logRetentionDays,
                "one of the periods CloudWatch Logs accepts");
        require(LOG_LEVELS.contains(logLevel), "logLevel", logLevel, "one of " + LOG_LEVELS);
        require(SSL_MODES.contains(dbSslMode), "dbSslMode", dbSslMode, "one of " + SSL_MODES);
        extractOverlapSeconds.ifPresent(s -> require(s >= 0, "extractOverlapSeconds", s, "not negative"));
        extractPartRows.ifPresent(r -> require(r >= 1, "extractPartRows", r, "at least 1"));
        extractMaxClockSkewSeconds.ifPresent(s -> require(s >= 1, "extractMaxClockSkewSeconds", s, "at least 1"));
        extractMaxBatchRows.ifPresent(r -> require(r >= 1, "extractMaxBatchRows", r, "at least 1"));
        require(lakeMaxBatch >= 1, "lakeMaxBatch", lakeMaxBatch, "at least 1");
    }

    /** All defaults, no optional setting: what {@code cdk synth} without context builds. */
    public static PipelineSettings defaults() {
        return new PipelineSettings(DEFAULT_STAGE, Optional.empty(), DEFAULT_SCHEDULE, DEFAULT_CATCH_UP_SCHEDULE,
                DEFAULT_FRESHNESS_MINUTES, DEFAULT_LOG_RETENTION_DAYS, DEFAULT_LOG_LEVEL, SecretReference.created(),
                SecretReference.created(), Optional.empty(), DEFAULT_DB_SSL_MODE, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), DEFAULT_LAKE_MAX_BATCH,
                ReservedConcurrency.none(), LakeLifecycle.none(), true);
    }

    public static PipelineSettings fromContext(Node node) {
        ContextValues context = new ContextValues(node);
        return new PipelineSettings(
                context.text("stage").orElse(DEFAULT_STAGE),
                context.text("alertEmail"),
                context.text("schedule").orElse(DEFAULT_SCHEDULE),
                context.text("catchUpSchedule").orElse(DEFAULT_CATCH_UP_SCHEDULE),
                context.integer("freshnessMinutes").orElse(DEFAULT_FRESHNESS_MINUTES),
                context.integer("logRetentionDays").orElse(DEFAULT_LOG_RETENTION_DAYS),
                context.text("logLevel").orElse(DEFAULT_LOG_LEVEL),
                SecretReference.fromContext(context, "totesys"),
                SecretReference.fromContext(context, "warehouse"),
                NetworkSettings.fromContext(context),
                context.text("dbSslMode").orElse(DEFAULT_DB_SSL_MODE),
                context.text("dbSslRootCert"),
                context.text("sourceTimeZone"),
                context.integer("extractOverlapSeconds"),
                context.integer("extractPartRows"),
                context.integer("extractMaxClockSkewSeconds"),
                context.integer("extractMaxBatchRows"),
                context.integer("lakeMaxBatch").map(Integer::longValue).orElse(DEFAULT_LAKE_MAX_BATCH),
                ReservedConcurrency.fromContext(context),
                LakeLifecycle.fromContext(context),
                context.bool("verifyOnCatchUp").orElse(true));
    }

    private static void require(boolean valid, String key, Object value, String expected) {
        if (!valid) {
            throw new ConfigurationException("CDK context " + key + "=" + value + " is invalid: expected " + expected);
        }
    }
}
