package com.terrifictotes.etl.infra;

import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricProps;

/**
 * The metrics the three functions emit in the namespace {@value EtlFunction#METRICS_NAMESPACE}, addressed exactly as
 * their code writes them (a contract test runs the handlers and compares). Two shapes exist:
 * <ul>
 *   <li>The extractor ({@code PowertoolsRunMetrics}) writes one dimension set: {@code service=extractor} for run
 *       metrics, {@code service=extractor, table=<source table>} for per-table ones.</li>
 *   <li>The transformer ({@code TransformObservations}) and the loader ({@code LoadMetrics}) add a dimension to
 *       Powertools' default one, which Powertools writes as two separate dimension sets: every value exists once as
 *       {@code Service=<stage>} (all the documents of that stage together) and once as {@code Table=<warehouse table>}
 *       (or {@code Outcome=<outcome>}). A {@code Table} metric carries no stage, so only a metric name that one stage
 *       alone emits is read by table: {@code DurationMs} by {@code Table} mixes both stages and is never used.</li>
 * </ul>
 */
public final class PipelineMetrics {
    public static final String SUM = "Sum";
    public static final String MAXIMUM = "Maximum";
    public static final String MINIMUM = "Minimum";
    public static final String AVERAGE = "Average";
    /** The dimension names the extractor and the reconciler set themselves: lower case (their MetricsBuilder). */
    static final String OWN_SERVICE = "service";
    static final String OWN_TABLE = "table";
    static final String EXTRACTOR_KIND = "kind";
    /** Powertools' default dimension, as the transformer and the loader carry it. */
    static final String SERVICE = "Service";
    static final String TABLE = "Table";
    static final String OUTCOME = "Outcome";
    /** The extractor runs every 15 minutes by default: a run-level metric has one value per run in this period. */
    static final Duration RUN_PERIOD = Duration.minutes(15);

    private PipelineMetrics() {
    }

    /** A run-level metric of the extractor ({@code RunDurationMs}, {@code FreshnessLagSeconds}). */
    public static Metric extractor(String name, String statistic) {
        return metric(name, statistic, Map.of(OWN_SERVICE, LambdaModule.EXTRACTOR.moduleName()));
    }

    /** A per-table metric of the extractor ({@code RowsExtracted}) for one ToteSys table. */
    public static Metric extractorTable(String name, String sourceTable) {
        return metric(name, SUM, Map.of(OWN_SERVICE, LambdaModule.EXTRACTOR.moduleName(),
                OWN_TABLE, sourceTable));
    }

    /** A run-level metric of the reconciler ({@code ReconciledRows}, {@code RunDurationMs}, {@code RunsFailed}). */
    public static Metric reconciler(String name, String statistic) {
        return metric(name, statistic, Map.of(OWN_SERVICE, LambdaModule.RECONCILER.moduleName()));
    }

    /** The reconciler's {@code ReconciledRows} of one warehouse table (emitted only for a table with some). */
    public static Metric reconcilerTable(String name, String warehouseTable) {
        return metric(name, SUM, Map.of(OWN_SERVICE, LambdaModule.RECONCILER.moduleName(), OWN_TABLE,
                warehouseTable));
    }

    /** The extractor's count of one kind of carried schema drift ({@code SchemaDriftWarnings}, once per run). */
    public static Metric extractorDrift(String kind) {
        return metric("SchemaDriftWarnings", SUM, Map.of(OWN_SERVICE, LambdaModule.EXTRACTOR.moduleName(),
                EXTRACTOR_KIND, kind));
    }

    /** A transformer or loader metric over all its documents ({@code Service=<stage>}). */
    public static Metric stage(LambdaModule stage, String name, String statistic) {
        if (stage == LambdaModule.EXTRACTOR) {
            return extractor(name, statistic);
        }
        return metric(name, statistic, Map.of(SERVICE, stage.moduleName()));
    }

    /** A transformer or loader metric of one warehouse table; only for names one stage alone emits. */
    public static Metric table(String name, String warehouseTable) {
        return metric(name, SUM, Map.of(TABLE, warehouseTable));
    }

    /** The transformer's per-batch metrics by outcome ({@code Batches}, {@code DurationMs}). */
    public static Metric outcome(String name, String outcome, String statistic) {
        return metric(name, statistic, Map.of(OUTCOME, outcome));
    }

    private static Metric metric(String name, String statistic, Map<String, String> dimensions) {
        return new Metric(MetricProps.builder()
                .namespace(EtlFunction.METRICS_NAMESPACE)
                .metricName(name)
                .dimensionsMap(dimensions)
                .statistic(statistic)
                .period(RUN_PERIOD)
                .build());
    }
}
