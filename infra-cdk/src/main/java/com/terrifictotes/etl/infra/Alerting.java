package com.terrifictotes.etl.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.AlarmProps;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.TopicProps;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscriptionProps;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.stepfunctions.IStateMachine;
import software.constructs.Construct;

/**
 * The spec's "email on major error": alarms on every function's errors and throttles, on the failure queue holding
 * anything, on the extractor's freshness lag (too high, or missing altogether, which means the extractor is not
 * running), on the loader waiting at a gap, on the warehouse's freshness (the loader's oldest pending batch), on
 * the transformer's backlog, and on the loader's daily verification of the warehouse. All of them notify one encrypted SNS topic with an optional e-mail subscription. A new
 * alarm on a metric the code emits is one {@link #alarmAtLeast} line in {@code PipelineStack}.
 */
public final class Alerting extends Construct {
    public static final String FRESHNESS_METRIC = "FreshnessLagSeconds";
    /** The loader's age of the oldest processed batch it has not applied (0 when none), per invocation. */
    public static final String LOAD_BACKLOG_AGE_METRIC = "OldestPendingBatchAgeSeconds";
    /** The transformer's count of ingestion batches without a processed manifest, per invocation. */
    public static final String TRANSFORM_BACKLOG_METRIC = "PendingTransformBatches";
    /** Row versions a stage set aside because the warehouse cannot hold them (per batch, 0 on a clean one). */
    public static final String QUARANTINE_METRIC = "QuarantinedRows";
    /** The differences the loader's daily verification found (emitted when it compared, 0 when consistent). */
    public static final String DIFFERENCES_METRIC = "WarehouseDifferences";
    /** 1 when the loader's daily verification could not run, else 0 (emitted on every catch-up that verifies). */
    public static final String VERIFICATION_FAILED_METRIC = "WarehouseVerificationFailed";
    /** Any quarantined row version alarms: each is a gap in the history until its source row is fixed. */
    public static final int QUARANTINED_ROWS = 1;
    /** Batches the transformer may have pending (45 minutes of 15-minute runs) before its backlog alarm fires. */
    public static final int TRANSFORM_BACKLOG_BATCHES = 3;
    private static final Duration FUNCTION_PERIOD = Duration.minutes(5);
    private static final ComparisonOperator AT_LEAST = ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD;

    private final Topic topic;
    private final List<Alarm> alarms = new ArrayList<>();

    public Alerting(Construct scope, String id, Optional<String> alertEmail, IQueue deadLetters) {
        super(scope, id);
        Key key = CustomerKeys.create(this, "TopicKey", "Encrypts the totes-etl alert topic", RemovalPolicy.DESTROY);
        // CloudWatch publishes alarm notifications to an encrypted topic only if the key lets it
        key.grant(new ServicePrincipal("cloudwatch.amazonaws.com"), "kms:Decrypt", "kms:GenerateDataKey*");
        topic = new Topic(this, "Topic", TopicProps.builder()
                .displayName("totes-etl alerts")
                .masterKey(key)
                .enforceSsl(true)
                .build());
        // an alert e-mail that SNS cannot deliver is kept with the pipeline's other dead letters
        alertEmail.ifPresent(address -> topic.addSubscription(new EmailSubscription(address,
                EmailSubscriptionProps.builder().deadLetterQueue(deadLetters).build())));
    }

    public Topic topic() {
        return topic;
    }

    /** Every alarm made so far, in the order made. */
    public List<Alarm> alarms() {
        return List.copyOf(alarms);
    }

    /** An alarm another construct made on this topic (the reconciliation's): listed with the rest. */
    public void include(Alarm alarm) {
        alarms.add(alarm);
    }

    /**
     * An alarm when one period's value of the metric reaches the threshold; no data means nothing happened, which is
     * fine. The metric's statistic and period say what one period's value is.
     */
    public Alarm alarmAtLeast(String id, String description, IMetric metric, double threshold) {
        return alarm(id, description, metric, AT_LEAST, threshold, TreatMissingData.NOT_BREACHING);
    }

    /** Any failed invocation, and any throttled one (for the extractor: a run still going when the next is due). */
    public void watchFunction(EtlFunction function) {
        String name = function.module().moduleName();
        MetricOptions sum = MetricOptions.builder().period(FUNCTION_PERIOD).statistic("Sum").build();
        alarmAtLeast(name + "Errors", "The " + name + " failed (see its log group)",
                function.function().metricErrors(sum), 1);
        alarmAtLeast(name + "Throttles", "The " + name + " was throttled", function.function().metricThrottles(sum), 1);
    }

    /** Anything in the failure queue exhausted its retries: data (or an alert) waits for a human. */
    public void watchFailureQueue(IQueue queue) {
        alarmAtLeast("FailureQueueNotEmpty", "Something exhausted its retries (a function invocation, an EventBridge "
                        + "delivery or an alert e-mail); inspect the failure queue",
                queue.metricApproximateNumberOfMessagesVisible(MetricOptions.builder()
                        .period(FUNCTION_PERIOD).statistic("Maximum").build()), 1);
    }

    /**
     * A failed or timed-out execution of the extraction chain: an extractor run failed (its errors alarm fires too),
     * or Lambda refused it past the retries, or the invocation was lost. Nothing after the last manifest was
     * published; the next schedule starts a new chain from there. Executions that end because another chain runs, or
     * because another run published first, succeed and do not alarm.
     */
    public void watchExtractionChain(IStateMachine chain) {
        MetricOptions sum = MetricOptions.builder().period(FUNCTION_PERIOD).statistic("Sum").build();
        alarmAtLeast("ExtractionChainFailed", "An execution of the extraction chain failed: an extractor run failed or"
                + " could not be invoked (the execution's history in the Step Functions console names the state and"
                + " error; the extractor's log group has the run's)", chain.metricFailed(sum), 1);
        alarmAtLeast("ExtractionChainTimedOut", "An execution of the extraction chain ran past its timeout (every run"
                + " is bounded, so something hung: see the execution's history)", chain.metricTimedOut(sum), 1);
    }

    /**
     * A failed or timed-out execution of the catch-up chain: a transformer or loader invocation failed (its errors
     * alarm fires too, and its log names the batch), or Lambda refused it past the retries. Everything committed
     * before stays; the next catch-up, or an execution started by hand once the cause is fixed, goes on from there.
     */
    public void watchCatchUpChain(IStateMachine chain) {
        MetricOptions sum = MetricOptions.builder().period(FUNCTION_PERIOD).statistic("Sum").build();
        alarmAtLeast("CatchUpChainFailed", "An execution of the catch-up chain failed: a transformer or loader "
                + "invocation failed or could not be invoked (the execution's history names the state and error; the "
                + "function's log group names the batch)", chain.metricFailed(sum), 1);
        alarmAtLeast("CatchUpChainTimedOut", "An execution of the catch-up chain ran past its timeout (every "
                + "invocation is bounded, so something hung: see the execution's history)", chain.metricTimedOut(sum),
                1);
    }

    /**
     * The extractor reports how far behind the source it is after each run. Above the threshold the warehouse misses
     * the spec's 30 minutes; no data point in a whole period means the extractor did not run at all.
     */
    public void watchFreshness(int thresholdMinutes) {
        Metric lag = PipelineMetrics.extractor(FRESHNESS_METRIC, PipelineMetrics.MAXIMUM)
                .with(MetricOptions.builder().period(Duration.minutes(thresholdMinutes)).build());
        alarm("ExtractorFreshness", "Extracted data is older than " + thresholdMinutes
                + " minutes, or the extractor reported nothing", lag, ComparisonOperator.GREATER_THAN_THRESHOLD, thresholdMinutes * 60,
                TreatMissingData.BREACHING);
    }

    /**
     * The warehouse's freshness as the loader sees it: every invocation reports the age of the oldest processed batch
     * it has not applied, so a loader waiting at a gap, or skipping nothing because a batch cannot load, shows a
     * growing age on every new manifest's invocation. No data means no invocation, hence no new processed batch:
     * a stalled transformer is the backlog alarm's, a stalled extractor the freshness alarm's.
     */
    public void watchWarehouseFreshness(int thresholdMinutes) {
        alarm("WarehouseFreshness", "The warehouse has not applied a processed batch written more than "
                        + thresholdMinutes + " minutes ago (run ./pipeline status to see where and why)",
                PipelineMetrics.stage(LambdaModule.LOADER, LOAD_BACKLOG_AGE_METRIC, PipelineMetrics.MAXIMUM)
                        .with(MetricOptions.builder().period(Duration.minutes(thresholdMinutes)).build()),
                ComparisonOperator.GREATER_THAN_THRESHOLD, thresholdMinutes * 60, TreatMissingData.NOT_BREACHING);
    }

    /**
     * The transformer's backlog: every invocation (failed ones too) reports how many ingestion batches still lack a
     * processed manifest. A transformer stuck on a batch is invoked again by every new ingestion manifest, and the
     * count grows past the threshold.
     */
    public void watchTransformerBacklog(int periodMinutes) {
        alarmAtLeast("TransformerBacklog", "The transformer has " + TRANSFORM_BACKLOG_BATCHES + " or more ingestion"
                        + " batches pending (run ./pipeline status to see which batch it is stuck on and why)",
                PipelineMetrics.stage(LambdaModule.TRANSFORMER, TRANSFORM_BACKLOG_METRIC, PipelineMetrics.MAXIMUM)
                        .with(MetricOptions.builder().period(Duration.minutes(periodMinutes)).build()),
                TRANSFORM_BACKLOG_BATCHES);
    }

    /**
     * Any row version the transformer quarantined (the extractor's rejects included, which it carries): the version
     * is in {@code etl_rejected_row}, not in the warehouse's tables, until a fixed version supersedes it.
     */
    public void watchQuarantine() {
        alarmAtLeast("QuarantinedRows", "Row versions were quarantined: the warehouse cannot hold a value (see "
                        + "etl_rejected_row WHERE superseded_in_batch IS NULL; fix the rows at the source, or run "
                        + "./pipeline reconcile after a fix that skipped last_updated)",
                PipelineMetrics.stage(LambdaModule.TRANSFORMER, QUARANTINE_METRIC, PipelineMetrics.SUM),
                QUARANTINED_ROWS);
    }

    /**
     * The verification after the loader's daily catch-up: any difference in a day (the warehouse does not hold what
     * its applied batches imply), and, apart, a verification that could not run. No data is not breaching: the
     * catch-up that did not run, or failed before verifying, raises the loader's errors alarm or the failure queue's.
     */
    public void watchWarehouseVerification() {
        MetricOptions daily = MetricOptions.builder().period(Duration.days(1)).build();
        alarmAtLeast("WarehouseVerification", "The loader's daily verification found the warehouse differs from what"
                        + " its applied batches imply (the loader's log lines 'warehouse difference' name each table"
                        + " and key; ./pipeline verify names them all)",
                PipelineMetrics.stage(LambdaModule.LOADER, DIFFERENCES_METRIC, PipelineMetrics.MAXIMUM).with(daily), 1);
        alarmAtLeast("WarehouseVerificationFailed", "The loader's daily verification could not run (its ERROR line"
                        + " 'warehouse verification could not run' says why; ./pipeline verify runs it by hand)",
                PipelineMetrics.stage(LambdaModule.LOADER, VERIFICATION_FAILED_METRIC, PipelineMetrics.MAXIMUM)
                        .with(daily), 1);
    }

    private Alarm alarm(String id, String description, IMetric metric, ComparisonOperator comparison,
                        double threshold, TreatMissingData missing) {
        Alarm alarm = new Alarm(this, id, AlarmProps.builder()
                .alarmDescription(description)
                .metric(metric)
                .threshold(threshold)
                .comparisonOperator(comparison)
                .evaluationPeriods(1)
                .treatMissingData(missing)
                .build());
        SnsAction action = new SnsAction(topic);
        alarm.addAlarmAction(action);
        alarm.addOkAction(action);
        alarms.add(alarm);
        return alarm;
    }
}
