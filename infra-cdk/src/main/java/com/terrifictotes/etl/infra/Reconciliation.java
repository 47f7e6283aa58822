package com.terrifictotes.etl.infra;

import com.terrifictotes.etl.db.DatabaseTimeouts;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.AlarmProps;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.RuleProps;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.events.targets.LambdaFunctionProps;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * The daily reconciliation pass (the reconciler module): its schedule, its rights and its alarms. The function itself
 * is one of the stack's {@link EtlFunction}s; this adds what is its own.
 *
 * <ul>
 *   <li><b>Schedule</b>: EventBridge, {@code reconcileSchedule} (default {@value #DEFAULT_SCHEDULE}, before the daily
 *       catch-up, which then carries its batch along should its S3 notification be lost).</li>
 *   <li><b>Rights</b>: both secrets (it reads ToteSys and the warehouse; the code opens the warehouse read-only), and
 *       the ingestion bucket's data and manifests, as the extractor has them: it reads the manifests and publishes a
 *       batch like an extraction. Nothing of the processed bucket.</li>
 *   <li><b>Alarms</b>, on the {@value #METRIC} metric it emits every run: {@code ReconciledRows} when a run reconciled
 *       at least {@code reconciledRowsAlarm} rows (default 1: the source changes rows behind the pipeline's back, and
 *       someone should know why), and {@code ReconcilerSilent} when it has not reported for two days. A failed run
 *       (the delete guard's refusal included) raises the function's errors alarm.</li>
 * </ul>
 */
public final class Reconciliation extends Construct {
    public static final String DEFAULT_SCHEDULE = "cron(0 3 * * ? *)";
    public static final String METRIC = "ReconciledRows";
    static final int DEFAULT_ALARM_ROWS = 1;
    static final int SILENT_DAYS = 2;

    private final Rule schedule;
    private final Alarm reconciledRows;
    private final Alarm silent;

    public Reconciliation(Construct scope, String id, EtlFunction function, LakeBuckets buckets,
                          DatabaseSecrets secrets, IQueue failureQueue, Alerting alerting) {
        super(scope, id);
        S3Access.write(function.role(), buckets.ingestion(), LakeBuckets.INGESTION_PREFIXES);
        S3Access.read(function.role(), buckets.ingestion(), LakeBuckets.INGESTION_PREFIXES);
        secrets.totesys().grantRead(function.role());
        secrets.warehouse().grantRead(function.role());
        String expression = context(scope, "reconcileSchedule").orElse(DEFAULT_SCHEDULE);
        schedule = new Rule(this, "Schedule", RuleProps.builder()
                .description("Runs the reconciliation pass: " + expression)
                .schedule(Schedule.expression(expression))
                .targets(List.of(new LambdaFunction(function.alias(), LambdaFunctionProps.builder()
                        .deadLetterQueue(failureQueue)
                        .retryAttempts(Triggers.DELIVERY_RETRIES)
                        .maxEventAge(Triggers.DELIVERY_MAX_AGE)
                        .build())))
                .build());
        int threshold = context(scope, "reconciledRowsAlarm").map(Integer::parseInt).orElse(DEFAULT_ALARM_ROWS);
        reconciledRows = alarm("ReconciledRows", "The reconciliation pass reconciled " + threshold + " row(s) or more"
                + " in a day: rows deleted, changed without a new last_updated or missed by every window at the"
                + " source (see the reconciler's 'table compared' log lines)", metric("Sum"), threshold,
                ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, 1, TreatMissingData.NOT_BREACHING,
                alerting.topic());
        silent = alarm("ReconcilerSilent", "The reconciliation pass has not reported for " + SILENT_DAYS
                + " days (not scheduled, or failing before it finished)", metric("SampleCount"), 1,
                ComparisonOperator.LESS_THAN_THRESHOLD, SILENT_DAYS, TreatMissingData.BREACHING, alerting.topic());
        alerting.include(reconciledRows);
        alerting.include(silent);
    }

    /**
     * The function's environment: both secrets, the ingestion bucket, the TLS settings and the extractor's zone and
     * overlap (which the pass must share with it), and the optional tuning from context.
     */
    public static Map<String, String> environment(Construct scope, PipelineSettings settings, LakeBuckets buckets,
                                                 DatabaseSecrets secrets) {
        Map<String, String> environment = new HashMap<>(Map.of(
                "TOTESYS_SECRET_ID", secrets.totesys().secretId(),
                "WAREHOUSE_SECRET_ID", secrets.warehouse().secretId(),
                "INGESTION_BUCKET", buckets.ingestion().getBucketName(),
                "DB_SSLMODE", settings.dbSslMode()));
        settings.dbSslRootCert().ifPresent(v -> environment.put("DB_SSLROOTCERT", v));
        environment.putAll(DatabaseTimeouts.EXTRACTOR.environment());
        settings.sourceTimeZone().ifPresent(v -> environment.put("SOURCE_TIME_ZONE", v));
        settings.extractOverlapSeconds().ifPresent(v -> environment.put("EXTRACT_OVERLAP_SECONDS", v.toString()));
        context(scope, "reconcileMaxDeleteRatio").ifPresent(v -> environment.put("RECONCILE_MAX_DELETE_RATIO", v));
        context(scope, "reconcileChunkRows").ifPresent(v -> environment.put("RECONCILE_CHUNK_ROWS", v));
        return environment;
    }

    public Rule schedule() {
        return schedule;
    }

    public Alarm reconciledRowsAlarm() {
        return reconciledRows;
    }

    public Alarm silentAlarm() {
        return silent;
    }

    private static Metric metric(String statistic) {
        return PipelineMetrics.reconciler(METRIC, statistic)
                .with(MetricOptions.builder().period(Duration.days(1)).build());
    }

    private Alarm alarm(String id, String description, Metric metric, double threshold,
                        ComparisonOperator comparison, int periods, TreatMissingData missing, ITopic alerts) {
        Alarm alarm = new Alarm(this, id, AlarmProps.builder()
                .alarmDescription(description)
                .metric(metric)
                .threshold(threshold)
                .comparisonOperator(comparison)
                .evaluationPeriods(periods)
                .datapointsToAlarm(periods)
                .treatMissingData(missing)
                .build());
        SnsAction action = new SnsAction(alerts);
        alarm.addAlarmAction(action);
        alarm.addOkAction(action);
        return alarm;
    }

    /** A context value (a string from {@code -c}, a JSON value from {@code cdk.json}), if set. */
    private static Optional<String> context(Construct scope, String key) {
        Object value = scope.getNode().tryGetContext(key);
        return value == null ? Optional.empty() : Optional.of(value.toString().trim()).filter(s -> !s.isEmpty());
    }
}
