package com.terrifictotes.etl.infra;

import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.AlarmProps;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.MetricProps;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.kms.KeyProps;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.TopicProps;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscriptionProps;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * The spec's "email on major error": alarms on every function's errors and throttles, on the failure queue holding
 * anything, on the extractor's freshness lag (too high, or missing altogether, which means the extractor is not
 * running), on the warehouse's freshness (the loader's oldest pending batch) and on the transformer's backlog. All of them notify one encrypted SNS topic with an optional e-mail subscription.
 */
public final class Alerting extends Construct {
    public static final String FRESHNESS_METRIC = "FreshnessLagSeconds";
    /** The loader's age of the oldest processed batch it has not applied (0 when none), per invocation. */
    public static final String LOAD_BACKLOG_AGE_METRIC = "OldestPendingBatchAgeSeconds";
    /** The transformer's count of ingestion batches without a processed manifest, per invocation. */
    public static final String TRANSFORM_BACKLOG_METRIC = "PendingTransformBatches";
    /** The default dimension Powertools gives the loader's and transformer's metrics (POWERTOOLS_SERVICE_NAME). */
    public static final String POWERTOOLS_SERVICE_DIMENSION = "Service";
    /** Batches the transformer may have pending (45 minutes of 15-minute runs) before its backlog alarm fires. */
    public static final int TRANSFORM_BACKLOG_BATCHES = 3;
    /** The extractor's default metrics dimension ({@code service=extractor}, see its PowertoolsRunMetrics). */
    public static final String SERVICE_DIMENSION = "service";
    private static final Duration FUNCTION_PERIOD = Duration.minutes(5);
    private static final ComparisonOperator AT_LEAST = ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD;

    private final Topic topic;

    public Alerting(Construct scope, String id, Optional<String> alertEmail, IQueue deadLetters) {
        super(scope, id);
        Key key = new Key(this, "TopicKey", KeyProps.builder()
                .description("Encrypts the totes-etl alert topic")
                .enableKeyRotation(true)
                .removalPolicy(RemovalPolicy.DESTROY)
                .pendingWindow(Duration.days(7))
                .build());
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

    /** Any failed invocation, and any throttled one (for the extractor: a run still going when the next is due). */
    public void watchFunction(EtlFunction function) {
        String name = function.module().moduleName();
        MetricOptions sum = MetricOptions.builder().period(FUNCTION_PERIOD).statistic("Sum").build();
        alarm(name + "Errors", "The " + name + " failed (see its log group)", function.function().metricErrors(sum),
                AT_LEAST, 1, TreatMissingData.NOT_BREACHING);
        alarm(name + "Throttles", "The " + name + " was throttled", function.function().metricThrottles(sum),
                AT_LEAST, 1, TreatMissingData.NOT_BREACHING);
    }

    /** Anything in the failure queue exhausted its retries: data (or an alert) waits for a human. */
    public void watchFailureQueue(IQueue queue) {
        alarm("FailureQueueNotEmpty", "Something exhausted its retries (a function invocation, an EventBridge "
                        + "delivery or an alert e-mail); inspect the failure queue",
                queue.metricApproximateNumberOfMessagesVisible(MetricOptions.builder()
                        .period(FUNCTION_PERIOD).statistic("Maximum").build()),
                AT_LEAST, 1, TreatMissingData.NOT_BREACHING);
    }

    /**
     * The extractor reports how far behind the source it is after each run. Above the threshold the warehouse misses
     * the spec's 30 minutes; no data point in a whole period means the extractor did not run at all.
     */
    public void watchFreshness(int thresholdMinutes) {
        Metric lag = new Metric(MetricProps.builder()
                .namespace(EtlFunction.METRICS_NAMESPACE)
                .metricName(FRESHNESS_METRIC)
                .dimensionsMap(Map.of(SERVICE_DIMENSION, LambdaModule.EXTRACTOR.moduleName()))
                .statistic("Maximum")
                .period(Duration.minutes(thresholdMinutes))
                .build());
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
                serviceMetric(LOAD_BACKLOG_AGE_METRIC, LambdaModule.LOADER, thresholdMinutes),
                ComparisonOperator.GREATER_THAN_THRESHOLD, thresholdMinutes * 60, TreatMissingData.NOT_BREACHING);
    }

    /**
     * The transformer's backlog: every invocation (failed ones too) reports how many ingestion batches still lack a
     * processed manifest. A transformer stuck on a batch is invoked again by every new ingestion manifest, and the
     * count grows past the threshold.
     */
    public void watchTransformerBacklog(int periodMinutes) {
        alarm("TransformerBacklog", "The transformer has " + TRANSFORM_BACKLOG_BATCHES + " or more ingestion batches"
                        + " pending (run ./pipeline status to see which batch it is stuck on and why)",
                serviceMetric(TRANSFORM_BACKLOG_METRIC, LambdaModule.TRANSFORMER, periodMinutes),
                AT_LEAST, TRANSFORM_BACKLOG_BATCHES, TreatMissingData.NOT_BREACHING);
    }

    private static Metric serviceMetric(String name, LambdaModule module, int periodMinutes) {
        return new Metric(MetricProps.builder()
                .namespace(EtlFunction.METRICS_NAMESPACE)
                .metricName(name)
                .dimensionsMap(Map.of(POWERTOOLS_SERVICE_DIMENSION, module.moduleName()))
                .statistic("Maximum")
                .period(Duration.minutes(periodMinutes))
                .build());
    }

    private void alarm(String id, String description, IMetric metric, ComparisonOperator comparison,
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
    }
}
