package com.terrifictotes.etl.reconciler;

import com.terrifictotes.etl.runtime.FunctionMetrics;
import com.terrifictotes.etl.runtime.MetricNames;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * The reconciler's measurements, through the functions' shared {@link FunctionMetrics} ({@code Service=reconciler}):
 * {@code ReconciledRows} and {@code RunDurationMs} per run, and {@code ReconciledRows} per {@code Table} for each
 * table that had any (rows missing, changed, deleted, or parents fetched).
 */
final class ReconcilerMetrics {
    static final String SERVICE = "reconciler";
    static final String RECONCILED_ROWS = "ReconciledRows";

    private ReconcilerMetrics() {
    }

    static void reconciled(FunctionMetrics metrics, ReconciliationResult result) {
        metrics.add(RECONCILED_ROWS, result.reconciledRows(), MetricUnit.COUNT);
        metrics.add("RunDurationMs", result.durationMs(), MetricUnit.MILLISECONDS);
        result.found().forEach((table, counts) -> {
            long rows = counts.get("missing") + counts.get("changed") + counts.get("deleted") + counts.get("parents");
            if (rows > 0) {
                metrics.emitPer(MetricNames.TABLE, table, m -> m.addMetric(RECONCILED_ROWS, rows, MetricUnit.COUNT));
            }
        });
    }
}
