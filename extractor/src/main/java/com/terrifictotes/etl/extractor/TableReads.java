package com.terrifictotes.etl.extractor;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.csv.Timestamps;
import com.terrifictotes.etl.manifest.ContinueAfter;
import com.terrifictotes.etl.manifest.IngestionManifest;
import com.terrifictotes.etl.manifest.RejectedValue;
import com.terrifictotes.etl.manifest.RowVersion;
import com.terrifictotes.etl.manifest.TableExtract;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two reads of one table in one run, each logged and counted: its fresh window ({@link #fresh}), then, with what
 * the fresh windows of every table left of the batch's row limit, its backfill range ({@link #backfill}).
 */
final class TableReads {
    private static final Logger LOG = LoggerFactory.getLogger(ExtractionService.class);

    private final SourceDatabase source;
    private final ExtractionSettings settings;
    private final RunMetrics metrics;
    private final LakeVersions lake;

    TableReads(SourceDatabase source, ExtractionSettings settings, RunMetrics metrics, LakeVersions lake) {
        this.source = source;
        this.settings = settings;
        this.metrics = metrics;
        this.lake = lake;
    }

    /**
     * @param limit the most rows the table may add to the batch; 0: only look whether it has any (it is cut at its
     *              window's start if so); {@link BatchRoom#FULL}: the batch is full, do not read the table at all
     */
    TableExtract fresh(SourceSnapshot snapshot, SourceTable table, WindowPlan plan,
                       Optional<IngestionManifest> previous, TableExtraction extraction, long limit) {
        long start = System.nanoTime();
        ExtractionWindow window = plan.window();
        List<RowVersion> delivered = new ArrayList<>(previous.flatMap(m -> m.table(table.name()))
                .map(TableExtract::recentVersions).orElse(List.of()));
        if (plan.startsBelowWhatIsVouched()) {
            delivered.addAll(lake.delivered(table, previous.orElseThrow(), window.lo(), plan.unvouchedBelow()));
        }
        if (limit == BatchRoom.FULL) {
            return TableExtraction.unread(table, plan, delivered);
        }
        TableExtract extract;
        try {
            extract = extraction.extract(snapshot.connection(), table, plan, delivered, limit);
        } catch (SQLException e) {
            throw source.failure("cannot read table " + table.name() + " from", e);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        LOG.info("table extracted", entry("table", table.name()), entry("rows", extract.rows()),
                entry("bytes", extract.bytes()), entry("duration_ms", elapsed.toMillis()),
                entry("files", extract.files().size()),
                entry("window_lo", window.lo() == null ? null : Timestamps.format(window.lo())),
                entry("window_hi", Timestamps.format(window.hi())),
                entry("recent_from", Timestamps.format(plan.recentFrom())));
        metrics.tableExtracted(table.name(), extract.rows(), extract.bytes(), elapsed);
        if (extract.isCut()) {
            ContinueAfter cut = extract.continueAfter();
            LOG.info("table cut at the batch's row limit: the next batch reads on from here",
                    entry("table", table.name()), entry("rows", extract.rows()),
                    entry("rejected", extract.rejects().size()), entry("max_batch_rows", settings.maxBatchRows()),
                    entry("continue_after_last_updated",
                            cut.lastUpdated() == null ? null : Timestamps.format(cut.lastUpdated())),
                    entry("continue_after_id", cut.id()));
        }
        reportRejects(table, extract.rejects());
        return extract;
    }

    /** Reads the table's backfill range after its fresh window, taking at most {@code limit} rows (0: look). */
    TableExtract backfill(SourceSnapshot snapshot, SourceTable table, WindowPlan plan, TableExtract fresh,
                          Optional<IngestionManifest> previous, TableExtraction extraction, long limit) {
        long start = System.nanoTime();
        List<RowVersion> delivered = previous.flatMap(m -> m.table(table.name()))
                .map(TableExtract::recentVersions).orElse(List.of());
        TableExtract whole;
        try {
            whole = extraction.backfill(snapshot.connection(), table, plan, fresh, delivered, limit);
        } catch (SQLException e) {
            throw source.failure("cannot read the backfill range of table " + table.name() + " from", e);
        }
        long rows = whole.rows() - fresh.rows();
        long bytes = whole.bytes() - fresh.bytes();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        ContinueAfter from = plan.backfill().continueAfter();
        ContinueAfter rest = whole.backfill() == null ? null : whole.backfill().continueAfter();
        LOG.info(rest == null ? "backfill range read to its end" : "backfill range read up to the batch's row limit",
                entry("table", table.name()), entry("rows", rows), entry("bytes", bytes),
                entry("duration_ms", elapsed.toMillis()),
                entry("backfill_from", from.lastUpdated() == null ? null : Timestamps.format(from.lastUpdated())),
                entry("backfill_below", Timestamps.format(plan.backfill().below())),
                entry("continue_after_last_updated",
                        rest == null || rest.lastUpdated() == null ? null : Timestamps.format(rest.lastUpdated())),
                entry("continue_after_id", rest == null ? null : rest.id()));
        metrics.tableExtracted(table.name(), rows, bytes, elapsed);
        reportRejects(table, whole.rejects().subList(fresh.rejects().size(), whole.rejects().size()));
        return whole;
    }

    private void reportRejects(SourceTable table, List<RejectedValue> rejects) {
        if (rejects.isEmpty()) {
            return;
        }
        RejectedValue first = rejects.get(0);
        // the values stay in the manifest; the log names the versions only
        LOG.warn("row versions rejected: a value cannot be delivered; listed in the manifest's rejects",
                entry("table", table.name()), entry("rejected", rejects.size()),
                entry("first_id", first.id()), entry("first_last_updated", Timestamps.format(first.lastUpdated())),
                entry("first_column", first.column()), entry("first_reason", first.reason()));
        metrics.rowsRejected(table.name(), rejects.size());
    }
}
