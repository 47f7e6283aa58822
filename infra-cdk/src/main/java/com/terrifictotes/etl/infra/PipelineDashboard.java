package com.terrifictotes.etl.infra;

import static com.terrifictotes.etl.infra.PipelineMetrics.AVERAGE;
import static com.terrifictotes.etl.infra.PipelineMetrics.MAXIMUM;
import static com.terrifictotes.etl.infra.PipelineMetrics.SUM;

import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.catalogue.ToteSysCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.AlarmStatusWidget;
import software.amazon.awscdk.services.cloudwatch.AlarmStatusWidgetProps;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.DashboardProps;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.GraphWidgetProps;
import software.amazon.awscdk.services.cloudwatch.HorizontalAnnotation;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TextWidget;
import software.amazon.awscdk.services.cloudwatch.TextWidgetProps;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.stepfunctions.IStateMachine;
import software.constructs.Construct;

/**
 * One CloudWatch dashboard for the operator: a header row (what to look at, every alarm's state, the failure queue),
 * then one row per stage with its duration, rows per table, errors and throttles, and what only that stage reports
 * (the extractor's freshness and its chain's executions, the transformer's batches, the loader's manifests, gaps
 * and daily verification). Each chart is one entry of its stage's list below; a new metric is one more
 * {@code graph(...)} line.
 */
public final class PipelineDashboard extends Construct {
    static final int WIDTH = 6;
    static final int HEIGHT = 6;
    private static final Duration LAMBDA_PERIOD = Duration.minutes(5);
    /** The kinds of carried drift the extractor counts (its {@code DriftKind}; a stack test checks the two agree). */
    static final List<String> EXTRACTOR_DRIFT_KINDS = List.of("new_column", "new_enum_label", "missing_enum_label",
            "widened_type", "narrowed_type", "nullable_column");
    static final String EXTRACTOR_REJECTS_METRIC = "RowsRejected";
    static final String RECONCILER_FAILURES_METRIC = "RunsFailed";

    private final Dashboard dashboard;
    private final Map<LambdaModule, EtlFunction> functions;
    private final IStateMachine extractionChain;
    private final IStateMachine catchUpChain;

    public PipelineDashboard(Construct scope, String id, String dashboardName, Map<LambdaModule, EtlFunction> functions,
                             IQueue failureQueue, Alerting alerting, int freshnessMinutes,
                             IStateMachine extractionChain, IStateMachine catchUpChain) {
        super(scope, id);
        this.functions = Map.copyOf(functions);
        this.extractionChain = extractionChain;
        this.catchUpChain = catchUpChain;
        dashboard = new Dashboard(this, "Dashboard", DashboardProps.builder()
                .dashboardName(dashboardName)
                .defaultInterval(Duration.days(1))
                .build());
        dashboard.addWidgets(header(), new AlarmStatusWidget(AlarmStatusWidgetProps.builder()
                        .title("Alarms").alarms(alerting.alarms()).width(WIDTH).height(HEIGHT).build()),
                graph("Failure queue: messages waiting", failureQueue.metricApproximateNumberOfMessagesVisible(
                        MetricOptions.builder().statistic(MAXIMUM).period(LAMBDA_PERIOD).build())));
        dashboard.addWidgets(extractorRow(freshnessMinutes).toArray(IWidget[]::new));
        dashboard.addWidgets(transformerRow().toArray(IWidget[]::new));
        dashboard.addWidgets(loaderRow().toArray(IWidget[]::new));
        dashboard.addWidgets(reconcilerRow().toArray(IWidget[]::new));
    }

    public Dashboard dashboard() {
        return dashboard;
    }

    private List<IWidget> extractorRow(int freshnessMinutes) {
        LambdaModule stage = LambdaModule.EXTRACTOR;
        return List.of(
                duration(stage, label(PipelineMetrics.extractor("RunDurationMs", MAXIMUM), "run (max, ms)")),
                graph("extractor: rows extracted per source table", ToteSysCatalogue.TABLES.stream()
                        .map(SourceTable::name)
                        .map(t -> label(PipelineMetrics.extractorTable("RowsExtracted", t), t)).toList()),
                errorsAndThrottles(stage),
                withAlarmLine("extractor: freshness lag (s)", label(PipelineMetrics.extractor(
                        Alerting.FRESHNESS_METRIC, MAXIMUM), "lag (max)"), freshnessMinutes * 60.0),
                graph("extractor: schema drift carried (per kind) and rows rejected (per table)", driftAndRejects()),
                extractionChain());
    }

    /** The chain the schedule starts: one execution per schedule, more extractor runs while it catches up. */
    private IWidget extractionChain() {
        return executions("extractor: chain executions (Step Functions)", extractionChain);
    }

    private IWidget executions(String title, IStateMachine machine) {
        MetricOptions sum = lambdaOptions(SUM);
        return graph(title,
                label(machine.metricStarted(sum), "started"),
                label(machine.metricSucceeded(sum), "succeeded"),
                label(machine.metricFailed(sum), "failed"),
                label(machine.metricTimedOut(sum), "timed out"));
    }

    /** Emitted only when a run carries drift or rejects a row version: empty lines on a healthy day. */
    private static List<IMetric> driftAndRejects() {
        List<IMetric> metrics = new ArrayList<>();
        EXTRACTOR_DRIFT_KINDS.forEach(kind -> metrics.add(label(PipelineMetrics.extractorDrift(kind), "drift: "
                + kind)));
        ToteSysCatalogue.TABLES.stream().map(SourceTable::name).forEach(table -> metrics.add(label(
                PipelineMetrics.extractorTable(EXTRACTOR_REJECTS_METRIC, table), "rejected: " + table)));
        return metrics;
    }

    private List<IWidget> transformerRow() {
        LambdaModule stage = LambdaModule.TRANSFORMER;
        return List.of(
                duration(stage, label(PipelineMetrics.outcome("DurationMs", "TRANSFORMED", MAXIMUM),
                        "batch (max, ms)")),
                graph("transformer: rows written per warehouse table", warehouseTables(stage, "RowsOut")),
                errorsAndThrottles(stage),
                graph("transformer: rows and batches",
                        label(PipelineMetrics.stage(stage, "RowsIn", SUM), "rows in"),
                        label(PipelineMetrics.stage(stage, "RowsOut", SUM), "rows out"),
                        label(PipelineMetrics.stage(stage, "RowsRowPath", SUM), "rows off the columnar pass"),
                        label(PipelineMetrics.outcome("Batches", "TRANSFORMED", SUM), "batches transformed"),
                        label(PipelineMetrics.outcome("Batches", "ALREADY_DONE", SUM), "batches already done")),
                withAlarmLine("transformer: row versions quarantined and batches pending",
                        label(PipelineMetrics.stage(stage, Alerting.QUARANTINE_METRIC, SUM), "quarantined"),
                        Alerting.QUARANTINED_ROWS, label(PipelineMetrics.stage(stage,
                                Alerting.TRANSFORM_BACKLOG_METRIC, MAXIMUM), "batches pending")));
    }

    private List<IWidget> loaderRow() {
        LambdaModule stage = LambdaModule.LOADER;
        return List.of(
                duration(stage),
                graph("loader: rows inserted per warehouse table", tables(stage, "RowsInserted",
                        WarehouseCatalogue.starSchema())),
                errorsAndThrottles(stage),
                graph("loader: manifests, gaps and rows",
                        label(PipelineMetrics.stage(stage, "ManifestsApplied", SUM), "manifests applied"),
                        label(PipelineMetrics.stage(stage, "ManifestGap", MAXIMUM), "gap (1 = waiting)"),
                        label(PipelineMetrics.stage(stage, "RowsUpdated", SUM), "rows updated"),
                        label(PipelineMetrics.stage(stage, "RowsSkipped", SUM), "rows unchanged")),
                graph("loader: quarantined and inferred rows",
                        label(PipelineMetrics.stage(stage, Alerting.QUARANTINE_METRIC, SUM), "quarantined"),
                        label(PipelineMetrics.stage(stage, "InferredDimensionRows", SUM), "inferred dimension rows")),
                graph("loader: inferred rows per dimension", tables(stage, "RowsInferred",
                        WarehouseCatalogue.starSchema().stream().filter(WarehouseTable::takesInferredRows).toList())),
                graph("loader: backlog",
                        label(PipelineMetrics.stage(stage, "PendingLoadBatches", MAXIMUM), "batches pending"),
                        label(PipelineMetrics.stage(stage, Alerting.LOAD_BACKLOG_AGE_METRIC, MAXIMUM),
                                "oldest pending (s)")),
                withAlarmLine("loader: daily warehouse verification",
                        label(PipelineMetrics.stage(stage, Alerting.DIFFERENCES_METRIC, MAXIMUM)
                                .with(MetricOptions.builder().period(Duration.days(1)).build()), "differences"),
                        1, label(PipelineMetrics.stage(stage, Alerting.VERIFICATION_FAILED_METRIC, MAXIMUM)
                                .with(MetricOptions.builder().period(Duration.days(1)).build()), "failed (1)")),
                // the daily catch-up drives the transformer, then the loader, until each has caught up
                executions("transformer and loader: catch-up executions (Step Functions)", catchUpChain));
    }

    /** Daily: a reconciled row is one the source changed behind the pipeline's back (deleted, unstamped, missed). */
    private List<IWidget> reconcilerRow() {
        LambdaModule stage = LambdaModule.RECONCILER;
        return List.of(
                duration(stage, label(PipelineMetrics.reconciler("RunDurationMs", MAXIMUM), "run (max, ms)")),
                graph("reconciler: rows reconciled per warehouse table", WarehouseCatalogue.starSchema().stream()
                        .map(WarehouseTable::name)
                        .map(t -> label(PipelineMetrics.reconcilerTable(Reconciliation.METRIC, t), t)).toList()),
                errorsAndThrottles(stage),
                graph("reconciler: rows reconciled and failed runs",
                        label(PipelineMetrics.reconciler(Reconciliation.METRIC, SUM), "rows reconciled"),
                        label(PipelineMetrics.reconciler(RECONCILER_FAILURES_METRIC, SUM), "runs failed")));
    }

    private TextWidget header() {
        return new TextWidget(TextWidgetProps.builder().width(WIDTH * 2).height(HEIGHT).markdown(String.join("\n",
                "# totes-etl",
                "On its schedule (every 15 minutes by default) the **extractor** copies changed ToteSys rows to the "
                        + "ingestion bucket; its manifest starts the **transformer**, whose manifest starts the "
                        + "**loader**.",
                "",
                "* **Freshness lag** is how far the extracted data trails the source; its alarm fires above the "
                        + "threshold line or when the extractor reports nothing.",
                "* **Failure queue**: anything here exhausted its retries. Fix the cause, then run the catch-up "
                        + "(README, *Deploying to AWS*, step 5).",
                "* Rows are summed per 15 minutes (one run at the default schedule); durations are per "
                        + "invocation (Lambda's) and per run or batch (the stage's own).")).build());
    }

    private IWidget duration(LambdaModule stage, IMetric... stageOwn) {
        List<IMetric> metrics = new ArrayList<>(List.of(
                label(lambda(stage).metricDuration(lambdaOptions(AVERAGE)), "invocation (avg, ms)"),
                label(lambda(stage).metricDuration(lambdaOptions(MAXIMUM)), "invocation (max, ms)")));
        metrics.addAll(List.of(stageOwn));
        return graph(stage.moduleName() + ": duration", metrics);
    }

    private IWidget errorsAndThrottles(LambdaModule stage) {
        return graph(stage.moduleName() + ": errors and throttles",
                label(lambda(stage).metricErrors(lambdaOptions(SUM)), "errors"),
                label(lambda(stage).metricThrottles(lambdaOptions(SUM)), "throttles"));
    }

    /** One line per table the transformer writes (the quarantine's lake table too). */
    private List<IMetric> warehouseTables(LambdaModule stage, String metricName) {
        return tables(stage, metricName, WarehouseCatalogue.TABLES);
    }

    private static List<IMetric> tables(LambdaModule stage, String metricName, List<WarehouseTable> tables) {
        return tables.stream().map(WarehouseTable::name)
                .map(t -> label(PipelineMetrics.table(stage, metricName, t), t)).toList();
    }

    private Function lambda(LambdaModule stage) {
        return functions.get(stage).function();
    }

    private static MetricOptions lambdaOptions(String statistic) {
        return MetricOptions.builder().statistic(statistic).period(LAMBDA_PERIOD).build();
    }

    private static IMetric label(Metric metric, String label) {
        return metric.with(MetricOptions.builder().label(label).build());
    }

    private static GraphWidget graph(String title, IMetric... metrics) {
        return graph(title, List.of(metrics));
    }

    private static GraphWidget graph(String title, List<IMetric> metrics) {
        return new GraphWidget(GraphWidgetProps.builder().title(title).left(metrics).width(WIDTH).height(HEIGHT)
                .build());
    }

    private static GraphWidget withAlarmLine(String title, IMetric metric, double alarmThreshold,
                                             IMetric... others) {
        List<IMetric> metrics = new ArrayList<>(List.of(metric));
        metrics.addAll(List.of(others));
        return new GraphWidget(GraphWidgetProps.builder().title(title).left(metrics).width(WIDTH)
                .height(HEIGHT)
                .leftAnnotations(List.of(HorizontalAnnotation.builder().value(alarmThreshold).label("alarm").build()))
                .build());
    }
}
