package com.terrifictotes.etl.extractor;

import com.terrifictotes.etl.runtime.FunctionMetrics;
import com.terrifictotes.etl.runtime.MetricNames;
import java.time.Duration;
import java.util.Map;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * The extractor's measurements as CloudWatch metrics, through the functions' shared {@link FunctionMetrics}: rows per
 * table go out as one document each ({@code Service}, {@code Table}); run-level metrics are gathered and go out with
 * the invocation's flush. Schema drift carried goes out as {@code SchemaDriftWarnings} per {@code Kind}, once per
 * run; rejected row versions as {@code RowsRejected} per {@code Table}, only when there are some (alarm on either
 * being present). A failed run's {@code RunsFailed} is counted by {@link com.terrifictotes.etl.runtime.Invocation}.
 */
final class PowertoolsRunMetrics implements RunMetrics {
    public static final String SERVICE = "extractor";

    private final FunctionMetrics metrics;

    public PowertoolsRunMetrics(FunctionMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void tableExtracted(String table, long rows, long bytes, Duration elapsed) {
        metrics.emitPer(MetricNames.TABLE, table, m -> m.addMetric("RowsExtracted", rows, MetricUnit.COUNT));
    }

    @Override
    public void runFinished(Duration runDuration, Duration freshnessLag) {
        metrics.add("RunDurationMs", runDuration.toMillis(), MetricUnit.MILLISECONDS);
        metrics.add("FreshnessLagSeconds", freshnessLag.toMillis() / 1000.0, MetricUnit.SECONDS);
    }

    @Override
    public void schemaDriftCarried(Map<String, Integer> warningsByKind) {
        warningsByKind.forEach((kind, count) -> metrics.emitPer(MetricNames.KIND, kind,
                m -> m.addMetric("SchemaDriftWarnings", count, MetricUnit.COUNT)));
    }

    @Override
    public void rowsRejected(String table, long rejected) {
        metrics.emitPer(MetricNames.TABLE, table, m -> m.addMetric("RowsRejected", rejected, MetricUnit.COUNT));
    }
}
