package com.terrifictotes.etl.extractor;

import java.time.Duration;
import java.util.Map;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * CloudWatch metrics in Embedded Metric Format through Powertools: printed to stdout, turned into metrics by
 * CloudWatch Logs, no API call. Rows per table go out as one single-metric document each (dimension {@code table});
 * run-level metrics are added to the handler's metrics object, flushed when the invocation ends. Schema drift
 * carried goes out as {@code SchemaDriftWarnings} per {@code kind}, once per run; rejected row versions as
 * {@code RowsRejected} per {@code table}, only when there are some (alarm on either being present).
 */
final class PowertoolsRunMetrics implements RunMetrics {
    public static final String DEFAULT_NAMESPACE = "TotesEtl";
    public static final String SERVICE = "extractor";

    private final Metrics metrics;
    private final String namespace;

    public PowertoolsRunMetrics(Metrics metrics, String namespace) {
        this.metrics = metrics;
        this.namespace = namespace;
    }

    /** The namespace from {@code POWERTOOLS_METRICS_NAMESPACE}, else {@value #DEFAULT_NAMESPACE}. */
    public static String namespace(String configured) {
        return configured == null || configured.isBlank() ? DEFAULT_NAMESPACE : configured;
    }

    @Override
    public void tableExtracted(String table, long rows, long bytes, Duration elapsed) {
        metrics.flushSingleMetric("RowsExtracted", rows, MetricUnit.COUNT, namespace,
                DimensionSet.of("service", SERVICE, "table", table));
    }

    @Override
    public void runFinished(Duration runDuration, Duration freshnessLag) {
        metrics.addMetric("RunDurationMs", runDuration.toMillis(), MetricUnit.MILLISECONDS);
        metrics.addMetric("FreshnessLagSeconds", freshnessLag.toMillis() / 1000.0, MetricUnit.SECONDS);
    }

    @Override
    public void schemaDriftCarried(Map<String, Integer> warningsByKind) {
        warningsByKind.forEach((kind, count) -> metrics.flushSingleMetric("SchemaDriftWarnings", count,
                MetricUnit.COUNT, namespace, DimensionSet.of("service", SERVICE, "kind", kind)));
    }

    @Override
    public void rowsRejected(String table, long rejected) {
        metrics.flushSingleMetric("RowsRejected", rejected, MetricUnit.COUNT, namespace,
                DimensionSet.of("service", SERVICE, "table", table));
    }

    /** Counted when a run fails, so an alarm does not have to parse logs. */
    public void runFailed() {
        metrics.addMetric("RunsFailed", 1, MetricUnit.COUNT);
    }
}
