package com.terrifictotes.etl.transformer;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * Structured log lines and EMF metrics for each committed batch: per warehouse table RowsIn, RowsOut and DurationMs
 * (dimension Table), per batch Batches and DurationMs (dimension Outcome), and per batch QuarantinedRows, the row
 * versions set aside (the service dimension alone, so one alarm watches it; 0 on a clean batch, so the alarm always
 * has data). Each document is flushed on its own, since a document has one dimension set.
 */
final class TransformObservations {
    static final String NAMESPACE = "TotesEtl";
    static final String SERVICE = "transformer";

    private static final Logger LOG = LoggerFactory.getLogger(TransformObservations.class);

    private final Metrics metrics;

    TransformObservations(Metrics metrics) {
        this.metrics = metrics;
        metrics.setNamespace(NAMESPACE);
        metrics.setDefaultDimensions(DimensionSet.of("Service", SERVICE));
    }

    void batch(BatchReport report) {
        LOG.info("batch finished", entry("sequence", report.sequence()),
                entry("outcome", report.outcome().name()), entry("processed_manifest", report.processedManifestKey()),
                entry("rows_out", report.rowsOut()), entry("rows_quarantined", report.quarantinedRows()),
                entry("quarantined", report.quarantined()), entry("duration_ms", report.millis()));
        for (TableStats table : report.tables()) {
            LOG.info("table written", entry("sequence", report.sequence()), entry("table", table.table()),
                    entry("rows_in", table.rowsIn()), entry("rows_out", table.rowsOut()),
                    entry("duration_ms", table.millis()));
            metrics.flushMetrics(m -> {
                m.addDimension(DimensionSet.of("Table", table.table()));
                m.addMetric("RowsIn", table.rowsIn(), MetricUnit.COUNT);
                m.addMetric("RowsOut", table.rowsOut(), MetricUnit.COUNT);
                m.addMetric("DurationMs", table.millis(), MetricUnit.MILLISECONDS);
            });
        }
        if (report.outcome() == BatchReport.Outcome.TRANSFORMED) {
            metrics.flushMetrics(m -> m.addMetric("QuarantinedRows", report.quarantinedRows(), MetricUnit.COUNT));
        }
        metrics.flushMetrics(m -> {
            m.addDimension(DimensionSet.of("Outcome", report.outcome().name()));
            m.addMetric("Batches", 1, MetricUnit.COUNT);
            m.addMetric("DurationMs", report.millis(), MetricUnit.MILLISECONDS);
        });
    }
}
