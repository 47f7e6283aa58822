package com.terrifictotes.etl.loader;

import com.terrifictotes.etl.loader.verify.VerificationOutcome;
import com.terrifictotes.etl.runtime.FunctionMetrics;
import com.terrifictotes.etl.runtime.MetricNames;
import java.time.Instant;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * CloudWatch metrics of the loader, through the functions' shared {@link FunctionMetrics} (EMF lines on stdout, no
 * API calls): per table of each applied batch RowsInserted, RowsUpdated, RowsSkipped, RowsInferred and DurationMs
 * ({@code Service}, {@code Table}); per applied batch QuarantinedRows (row versions set aside) and
 * InferredDimensionRows (dimension rows created for keys facts referenced early), with the service dimension alone,
 * so one alarm watches each; and per invocation the number of manifests applied, whether a gap holds later ones back,
 * and the backlog: PendingLoadBatches (processed manifests not in the ledger) and OldestPendingBatchAgeSeconds (0 when
 * none is pending), which the stack's warehouse freshness alarm watches. After the catch-up load, its verification:
 * WarehouseVerificationFailed (1 when it could not run, else 0) and, when it compared the warehouse with its replica,
 * WarehouseDifferences (the differences it named, 0 when consistent), each with the service dimension alone, for the
 * stack's two verification alarms.
 */
final class LoadMetrics implements LoadListener {
    static final String SERVICE = "loader";
    static final String WAREHOUSE_DIFFERENCES = "WarehouseDifferences";
    static final String VERIFICATION_FAILED = "WarehouseVerificationFailed";

    private final FunctionMetrics metrics;

    LoadMetrics(FunctionMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void applied(AppliedBatch batch) {
        for (TableCounts table : batch.tables()) {
            if (table.files() == 0 && table.inferred() == 0) {
                continue;
            }
            metrics.emitPer(MetricNames.TABLE, table.table(), m -> {
                m.addMetric("RowsInserted", table.inserted(), MetricUnit.COUNT);
                m.addMetric("RowsUpdated", table.updated(), MetricUnit.COUNT);
                m.addMetric("RowsSkipped", table.unchanged(), MetricUnit.COUNT);
                m.addMetric("RowsInferred", table.inferred(), MetricUnit.COUNT);
                m.addMetric("DurationMs", table.milliseconds(), MetricUnit.MILLISECONDS);
            });
        }
        metrics.emit(m -> {
            m.addMetric("QuarantinedRows", batch.rowsQuarantined(), MetricUnit.COUNT);
            m.addMetric("InferredDimensionRows", batch.rowsInferred(), MetricUnit.COUNT);
        });
    }

    void invocation(LoadReport report, Instant now) {
        metrics.add("ManifestsApplied", report.applied().size(), MetricUnit.COUNT);
        metrics.add("ManifestGap", report.upToDate() ? 0 : 1, MetricUnit.COUNT);
        metrics.add("PendingLoadBatches", report.pendingBatches(), MetricUnit.COUNT);
        metrics.add("OldestPendingBatchAgeSeconds", report.oldestPendingAgeSeconds(now), MetricUnit.SECONDS);
    }

    void verification(VerificationOutcome outcome) {
        metrics.add(VERIFICATION_FAILED, outcome.status() == VerificationOutcome.Status.FAILED ? 1 : 0,
                MetricUnit.COUNT);
        if (outcome.compared()) {
            metrics.add(WAREHOUSE_DIFFERENCES, outcome.differences().size(), MetricUnit.COUNT);
        }
    }
}
