package com.terrifictotes.etl.loader;

import com.terrifictotes.etl.loader.verify.VerificationOutcome;
import java.time.Instant;
import java.util.Map;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * CloudWatch metrics of the loader, as EMF lines on stdout (no API calls): per table of each applied batch
 * RowsInserted, RowsUpdated, RowsSkipped, RowsInferred and DurationMs with a {@code Table} dimension; per applied
 * batch QuarantinedRows (row versions set aside) and InferredDimensionRows (dimension rows created for keys facts
 * referenced early), with the service dimension alone, so one alarm watches each; and per invocation the number of
 * manifests applied, whether a gap holds later ones back, and the backlog: PendingLoadBatches (processed manifests
 * not in the ledger) and OldestPendingBatchAgeSeconds (0 when none is pending), which the stack's warehouse
 * freshness alarm watches. After the catch-up load, its verification: WarehouseVerificationFailed (1 when it could not
 * run, else 0) and, when it compared the warehouse with its replica, WarehouseDifferences (the differences it named,
 * 0 when consistent), each with the service dimension alone, for the stack's two verification alarms.
 */
final class LoadMetrics implements LoadListener {
    static final String NAMESPACE = "TotesEtl";
    static final String SERVICE = "loader";
    static final String WAREHOUSE_DIFFERENCES = "WarehouseDifferences";
    static final String VERIFICATION_FAILED = "WarehouseVerificationFailed";

    private final Metrics metrics;

    LoadMetrics(Metrics metrics) {
        this.metrics = metrics;
    }

    /** Powertools' metrics, with our namespace and service unless the stack's POWERTOOLS_* variables say more. */
    static LoadMetrics create(Map<String, String> environment) {
        Metrics metrics = MetricsFactory.getMetricsInstance();
        if (environment.get("POWERTOOLS_METRICS_NAMESPACE") == null) {
            metrics.setNamespace(NAMESPACE);
        }
        if (environment.get("POWERTOOLS_SERVICE_NAME") == null) {
            metrics.setDefaultDimensions(DimensionSet.of("Service", SERVICE));
        }
        return new LoadMetrics(metrics);
    }

    @Override
    public void applied(AppliedBatch batch) {
        for (TableCounts table : batch.tables()) {
            if (table.files() == 0 && table.inferred() == 0) {
                continue;
            }
            metrics.flushMetrics(m -> {
                m.addDimension("Table", table.table());
                m.addMetric("RowsInserted", table.inserted(), MetricUnit.COUNT);
                m.addMetric("RowsUpdated", table.updated(), MetricUnit.COUNT);
                m.addMetric("RowsSkipped", table.unchanged(), MetricUnit.COUNT);
                m.addMetric("RowsInferred", table.inferred(), MetricUnit.COUNT);
                m.addMetric("DurationMs", table.milliseconds(), MetricUnit.MILLISECONDS);
            });
        }
        metrics.flushMetrics(m -> {
            m.addMetric("QuarantinedRows", batch.rowsQuarantined(), MetricUnit.COUNT);
            m.addMetric("InferredDimensionRows", batch.rowsInferred(), MetricUnit.COUNT);
        });
    }

    void invocation(LoadReport report, Instant now) {
        metrics.addMetric("ManifestsApplied", report.applied().size(), MetricUnit.COUNT);
        metrics.addMetric("ManifestGap", report.upToDate() ? 0 : 1, MetricUnit.COUNT);
        metrics.addMetric("PendingLoadBatches", report.pendingBatches(), MetricUnit.COUNT);
        metrics.addMetric("OldestPendingBatchAgeSeconds", report.oldestPendingAgeSeconds(now), MetricUnit.SECONDS);
    }

    void verification(VerificationOutcome outcome) {
        metrics.addMetric(VERIFICATION_FAILED, outcome.status() == VerificationOutcome.Status.FAILED ? 1 : 0,
                MetricUnit.COUNT);
        if (outcome.compared()) {
            metrics.addMetric(WAREHOUSE_DIFFERENCES, outcome.differences().size(), MetricUnit.COUNT);
        }
    }

    void flush() {
        metrics.flush();
    }
}
