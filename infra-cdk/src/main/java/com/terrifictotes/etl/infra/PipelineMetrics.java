package com.terrifictotes.etl.infra;

import com.terrifictotes.etl.runtime.MetricNames;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricProps;

/**
 * The metrics the four functions emit in the namespace {@value MetricNames#NAMESPACE}, addressed exactly as their
 * code writes them (a contract test runs the handlers and compares). Namespace and dimension names are read from
 * {@link MetricNames} in {@code common}, the constants the functions' {@code FunctionMetrics} write with: every
 * metric carries {@code Service=<function>}; a per-table (per-outcome, per-kind) value carries that dimension too,
 * and also exists under {@code Service} alone as the function's total.
 */
public final class PipelineMetrics {
    public static final String SUM = "Sum";
    public static final String MAXIMUM = "Maximum";
    public static final String MINIMUM = "Minimum";
    public static final String AVERAGE = "Average";
    /** The extractor runs every 15 minutes by default: a run-level metric has one value per run in this period. */
    static final Duration RUN_PERIOD = Duration.minutes(15);

    private PipelineMetrics() {
    }

    /** A run-level metric of the extractor ({@code RunDurationMs}, {@code FreshnessLagSeconds}). */
    public static Metric extractor(String name, String statistic) {
        return stage(LambdaModule.EXTRACTOR, name, statistic);
    }

    /** A per-table metric of the extractor ({@code RowsExtracted}, {@code RowsRejected}) for one ToteSys table. */
    public static Metric extractorTable(String name, String sourceTable) {
        return table(LambdaModule.EXTRACTOR, name, sourceTable);
    }

    /** A run-level metric of the reconciler ({@code ReconciledRows}, {@code RunDurationMs}, {@code RunsFailed}). */
    public static Metric reconciler(String name, String statistic) {
        return stage(LambdaModule.RECONCILER, name, statistic);
    }

    /** The reconciler's {@code ReconciledRows} of one warehouse table (emitted only for a table with some). */
    public static Metric reconcilerTable(String name, String warehouseTable) {
        return table(LambdaModule.RECONCILER, name, warehouseTable);
    }

    /** The extractor's count of one kind of carried schema drift ({@code SchemaDriftWarnings}, once per run). */
    public static Metric extractorDrift(String kind) {
        return metric("SchemaDriftWarnings", SUM, Map.of(MetricNames.SERVICE, LambdaModule.EXTRACTOR.moduleName(),
                MetricNames.KIND, kind));
    }

    /** A function's metric over all its documents ({@code Service=<function>}): its run-level values and totals. */
    public static Metric stage(LambdaModule stage, String name, String statistic) {
        return metric(name, statistic, Map.of(MetricNames.SERVICE, stage.moduleName()));
    }

    /** A function's metric of one table (a ToteSys table for the extractor, a warehouse table for the others). */
    public static Metric table(LambdaModule stage, String name, String table) {
        return metric(name, SUM, Map.of(MetricNames.SERVICE, stage.moduleName(), MetricNames.TABLE, table));
    }

    /** The transformer's per-batch metrics by outcome ({@code Batches}, {@code DurationMs}). */
    public static Metric outcome(String name, String outcome, String statistic) {
        return metric(name, statistic, Map.of(MetricNames.SERVICE, LambdaModule.TRANSFORMER.moduleName(),
                MetricNames.OUTCOME, outcome));
    }

    private static Metric metric(String name, String statistic, Map<String, String> dimensions) {
        return new Metric(MetricProps.builder()
                .namespace(MetricNames.NAMESPACE)
                .metricName(name)
                .dimensionsMap(dimensions)
                .statistic(statistic)
                .period(RUN_PERIOD)
                .build());
    }
}
