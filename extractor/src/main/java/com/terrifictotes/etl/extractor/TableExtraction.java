package com.terrifictotes.etl.extractor;

import com.terrifictotes.etl.catalogue.Identifiers;
import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.extractor.WindowSegments.Segment;
import com.terrifictotes.etl.manifest.Backfill;
import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.manifest.ContinueAfter;
import com.terrifictotes.etl.manifest.DataFile;
import com.terrifictotes.etl.manifest.RejectedValue;
import com.terrifictotes.etl.manifest.RowVersion;
import com.terrifictotes.etl.manifest.TableExtract;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads one table's window from the run's snapshot and streams the rows that are new into CSV parts.
 *
 * <p>The window is read in {@link WindowSegments}, in order: the edges row by row, where each version is checked
 * against and added to {@link DeliveredVersions}, and the middle by {@link CopySegment}. Every read orders by
 * {@code last_updated} and the primary key, so the output is deterministic and the parts' order is the window's.
 * Row-path bounds are bind parameters bound as {@link LocalDateTime} (zone-less timestamps, full precision).
 *
 * <p>A row version with a value that cannot be delivered (text that is not UTF-8) is left out of the parts and
 * listed in the extract's {@code rejects}, on either path. On the row path it also counts as delivered in
 * {@link DeliveredVersions}, so a later run that re-reads it in its overlap neither delivers nor rejects it again.
 */
final class TableExtraction {
    private static final Comparator<RowVersion> VERSION_ORDER =
            Comparator.comparing(RowVersion::lastUpdated).thenComparingInt(RowVersion::id);

    private final WriteOnceBucket bucket;
    private final ExtractionSettings settings;
    private final long sequence;
    private final String runId;
    private final LocalDate extractedOn;
    private final TextTransfer transfer;

    /** @param transfer how string cells are read from this source ({@link SourceSchema#textTransfer()}) */
    TableExtraction(WriteOnceBucket bucket, ExtractionSettings settings, long sequence, String runId,
                    LocalDate extractedOn, TextTransfer transfer) {
        this.bucket = bucket;
        this.transfer = transfer;
        this.settings = settings;
        this.sequence = sequence;
        this.runId = runId;
        this.extractedOn = extractedOn;
    }

    /**
     * Extracts {@code table} over the plan's window, dropping the versions an earlier run delivered.
     *
     * @param previouslyDelivered every version delivered before this run at or after the window's start (the
     *                            previous manifest's {@code recentVersions}, and what the lake holds below them)
     */
    TableExtract extract(Connection connection, SourceTable table, WindowPlan plan,
                         List<RowVersion> previouslyDelivered) throws SQLException {
        return extract(connection, table, plan, previouslyDelivered, Long.MAX_VALUE);
    }

    /**
     * As above, taking at most {@code limit} rows (delivered or rejected; a version dropped as already delivered
     * does not count). If rows remain in the window after the limit, the extract is cut after the last row taken
     * ({@link TableExtract#continueAfter()}). A limit of 0 reads only as far as the first row it would take, to tell
     * whether the table has anything new.
     */
    TableExtract extract(Connection connection, SourceTable table, WindowPlan plan,
                         List<RowVersion> previouslyDelivered, long limit) throws SQLException {
        LocalDateTime deliveredBelow = previouslyDelivered.stream().map(RowVersion::lastUpdated)
                .max(Comparator.naturalOrder()).map(stamp -> stamp.plus(1, ChronoUnit.MICROS)).orElse(null);
        return extract(connection, table, plan, previouslyDelivered,
                WindowSegments.of(plan.window(), deliveredBelow, plan.recentFrom(), plan.after()), limit);
    }

    /** As above, over segments the caller chose (tests compare the two paths on the same rows). */
    TableExtract extract(Connection connection, SourceTable table, WindowPlan plan,
                         List<RowVersion> previouslyDelivered, WindowSegments segments) throws SQLException {
        return extract(connection, table, plan, previouslyDelivered, segments, Long.MAX_VALUE);
    }

    TableExtract extract(Connection connection, SourceTable table, WindowPlan plan,
                         List<RowVersion> previouslyDelivered, WindowSegments segments, long limit)
            throws SQLException {
        DeliveredVersions delivered = new DeliveredVersions(previouslyDelivered, plan.recentFrom());
        List<RejectedValue> rejects = new ArrayList<>();
        Taking taking = new Taking(limit, previouslyDelivered.size());
        List<DataFile> files = read(connection, table, segments, delivered, rejects, taking, 0);
        long bytes = files.stream().mapToLong(DataFile::bytes).sum();
        ContinueAfter cut = !taking.more() ? null
                : taking.last() != null ? ContinueAfter.after(taking.last()) : plan.start();
        return new TableExtract(table.name(), plan.window().lo(), plan.window().hi(), table.columnNames(),
                taking.written(), bytes, files, delivered.recentVersions(cut, plan.backfill()), plan.recentFrom(),
                rejects, cut, plan.backfill());
    }

    /**
     * Goes on with {@code fresh}, the extract of the plan's fresh window, by reading its backfill range
     * ({@link WindowPlan#backfill()}) in the same snapshot, taking at most {@code limit} rows (0: only look whether
     * any is left); the rows go into further parts of the same table in the same batch. Returns the table's whole
     * extract: the range's rest as its {@code backfill}, none once the range is read to its end.
     */
    TableExtract backfill(Connection connection, SourceTable table, WindowPlan plan, TableExtract fresh,
                          List<RowVersion> previouslyDelivered, long limit) throws SQLException {
        Backfill range = plan.backfill();
        ExtractionWindow window = new ExtractionWindow(range.from(), range.below());
        LocalDateTime deliveredBelow = previouslyDelivered.stream().filter(range::holds).map(RowVersion::lastUpdated)
                .max(Comparator.naturalOrder()).map(stamp -> stamp.plus(1, ChronoUnit.MICROS)).orElse(null);
        LocalDateTime rememberFrom = plan.recentFrom().isBefore(range.below()) ? plan.recentFrom() : range.below();
        ContinueAfter after = range.continueAfter().id() == null ? null : range.continueAfter();
        WindowSegments segments = WindowSegments.of(window, deliveredBelow, rememberFrom, after);
        DeliveredVersions delivered = new DeliveredVersions(previouslyDelivered, plan.recentFrom());
        List<RejectedValue> rejects = new ArrayList<>(fresh.rejects());
        Taking taking = new Taking(limit, previouslyDelivered.size());
        List<DataFile> files = new ArrayList<>(fresh.files());
        files.addAll(read(connection, table, segments, delivered, rejects, taking, fresh.files().size()));
        Backfill rest = !taking.more() ? null : Backfill.ofRange(taking.last() != null
                ? ContinueAfter.after(taking.last()) : range.continueAfter(), range.below());
        Set<RowVersion> recent = new HashSet<>(delivered.recentVersions());
        fresh.recentVersions().stream().filter(v -> !range.holds(v) || (rest != null && rest.holds(v)))
                .forEach(recent::add);
        return new TableExtract(table.name(), fresh.windowLo(), fresh.windowHi(), table.columnNames(),
                fresh.rows() + taking.written(), files.stream().mapToLong(DataFile::bytes).sum(), files,
                recent.stream().sorted(VERSION_ORDER).toList(), fresh.recentFrom(), rejects, fresh.continueAfter(),
                rest);
    }

    /** Reads the segments in order into new parts numbered after {@code partsBefore}; returns the parts written. */
    private List<DataFile> read(Connection connection, SourceTable table, WindowSegments segments,
                                DeliveredVersions delivered, List<RejectedValue> rejects, Taking taking,
                                int partsBefore) throws SQLException {
        CsvParts parts = new CsvParts(bucket,
                part -> BucketLayout.csvPartKey(table.name(), extractedOn, sequence, runId, partsBefore + part),
                table.columnNames(), settings.partRows());
        try {
            for (Segment segment : segments.segments()) {
                if (taking.left() > 0 && segment.bulk()) {
                    taking.took(CopySegment.write(connection, table, segment, transfer, parts, rejects,
                            taking.left()));
                } else {
                    // with nothing left to take, a COPY segment is only looked into, row by row
                    readRows(connection, table, segment.rows(), delivered, parts, rejects, taking);
                }
                if (taking.more()) {
                    break;
                }
            }
        } catch (SQLException | RuntimeException e) {
            parts.abort();
            throw e;
        }
        return parts.finish();
    }

    /**
     * The extract of a table a batch had no room left for, without reading it: nothing delivered, the window cut
     * where it starts, its backfill range (if any) as it was, and the versions delivered before kept for the next
     * batch.
     */
    static TableExtract unread(SourceTable table, WindowPlan plan, List<RowVersion> previouslyDelivered) {
        ContinueAfter cut = plan.start();
        List<RowVersion> remembered = new DeliveredVersions(previouslyDelivered, plan.recentFrom())
                .recentVersions(cut, plan.backfill());
        return new TableExtract(table.name(), plan.window().lo(), plan.window().hi(), table.columnNames(), 0, 0,
                List.of(), remembered, plan.recentFrom(), List.of(), cut, plan.backfill());
    }

    /**
     * Reads one segment row by row, taking what {@code taking} has room for; stops at the first row it would take
     * beyond that (so that a cut is made only if something is left after it).
     */
    private void readRows(Connection connection, SourceTable table, Segment segment, DeliveredVersions delivered,
                          CsvParts parts, List<RejectedValue> rejects, Taking taking) throws SQLException {
        RowCells cells = new RowCells(table, transfer);
        try (PreparedStatement query = prepare(connection, table, cells, segment, taking.rowLimit());
             ResultSet result = query.executeQuery()) {
            while (result.next()) {
                RowVersion version = cells.version(result);
                if (delivered.alreadyDelivered(version)) {
                    continue;
                }
                if (taking.left() == 0) {
                    taking.foundMore();
                    return;
                }
                String[] values = cells.cells(result, version, rejects);
                if (values != null) {
                    parts.write(values);
                }
                taking.tookRow(version, values != null);
                delivered.delivered(version);
            }
        }
    }

    /**
     * The row path's statement; names come from the catalogue, ORDER BY qualified (see {@link RowCells}). Bind
     * parameters: the bounds, the cut it reads after (if any), the limit.
     */
    static String sql(SourceTable table, RowCells cells, Segment segment) {
        String cursor = table.quotedName() + "." + Identifiers.quote(SourceTable.LAST_UPDATED);
        String key = table.quotedName() + "." + Identifiers.quote(table.primaryKey());
        String where = segment.from() == null ? cursor + " < ?" : cursor + " >= ? AND " + cursor + " < ?";
        if (segment.after() != null) {
            where += " AND (" + cursor + ", " + key + ") > (?, ?)";
        }
        return "SELECT " + cells.selectList() + " FROM " + table.quotedName() + " WHERE " + where
                + " ORDER BY " + cursor + ", " + key + " LIMIT ?";
    }

    private PreparedStatement prepare(Connection connection, SourceTable table, RowCells cells, Segment segment,
                                      long limit) throws SQLException {
        String sql = sql(table, cells, segment);
        PreparedStatement statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
                ResultSet.CONCUR_READ_ONLY);
        try {
            // with autocommit off, a fetch size makes pgjdbc read through a cursor, a batch at a time
            statement.setFetchSize(settings.fetchSize());
            int index = 1;
            if (segment.from() != null) {
                statement.setObject(index++, segment.from());
            }
            statement.setObject(index++, segment.to());
            if (segment.after() != null) {
                statement.setObject(index++, segment.after().lastUpdated());
                statement.setInt(index++, segment.after().id());
            }
            statement.setLong(index, limit);
            return statement;
        } catch (SQLException e) {
            statement.close();
            throw e;
        }
    }
}
