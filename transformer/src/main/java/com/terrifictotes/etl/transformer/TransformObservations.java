package com.terrifictotes.etl.transformer;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.terrifictotes.etl.runtime.FunctionMetrics;
import com.terrifictotes.etl.runtime.MetricNames;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * Structured log lines and EMF metrics for each committed batch, through the functions' shared
 * {@link FunctionMetrics}: per warehouse table RowsIn, RowsOut and DurationMs ({@code Service}, {@code Table}), per
 * batch Batches and DurationMs ({@code Service}, {@code Outcome}), and per batch QuarantinedRows, the row versions set
 * aside ({@code Service} alone, so one alarm watches it; 0 on a clean batch, so the alarm always has data).
 */
final class TransformObservations {
    static final String SERVICE = "transformer";

    private static final Logger LOG = LoggerFactory.getLogger(TransformObservations.class);

    private final FunctionMetrics metrics;

    TransformObservations(FunctionMetrics metrics) {
        this.metrics = metrics;
    }

    /**
     * PendingTransformBatches: the backlog an invocation leaves, emitted whether it succeeded or failed, so the
     * stack's backlog alarm sees a transformer stuck on a batch as a count that keeps growing. A failure to count
     * is logged, never hides the invocation's own outcome.
     */
    void pending(IntSupplier batches) {
        try {
            metrics.emit("PendingTransformBatches", batches.getAsInt(), MetricUnit.COUNT);
        } catch (RuntimeException e) {
            LOG.warn("cannot count pending batches for the PendingTransformBatches metric: {}", e.getMessage());
        }
    }

    void batch(BatchReport report) {
        LOG.info("batch finished", entry("sequence", report.sequence()),
                entry("outcome", report.outcome().name()), entry("processed_manifest", report.processedManifestKey()),
                entry("rows_out", report.rowsOut()), entry("rows_quarantined", report.quarantinedRows()),
                entry("quarantined", report.quarantined()), entry("duration_ms", report.millis()));
        for (TableStats table : report.tables()) {
            LOG.info("table written", entry("sequence", report.sequence()), entry("table", table.table()),
                    entry("rows_in", table.rowsIn()), entry("rows_out", table.rowsOut()),
                    entry("rows_row_path", table.rowPath()), entry("duration_ms", table.millis()));
            metrics.emitPer(MetricNames.TABLE, table.table(), m -> {
                m.addMetric("RowsIn", table.rowsIn(), MetricUnit.COUNT);
                m.addMetric("RowsOut", table.rowsOut(), MetricUnit.COUNT);
                m.addMetric("RowsRowPath", table.rowPath(), MetricUnit.COUNT);
                m.addMetric("DurationMs", table.millis(), MetricUnit.MILLISECONDS);
            });
        }
        if (report.outcome() == BatchReport.Outcome.TRANSFORMED) {
            metrics.emit("QuarantinedRows", report.quarantinedRows(), MetricUnit.COUNT);
        }
        metrics.emitPer(MetricNames.OUTCOME, report.outcome().name(), m -> {
            m.addMetric("Batches", 1, MetricUnit.COUNT);
            m.addMetric("DurationMs", report.millis(), MetricUnit.MILLISECONDS);
        });
    }
}
