package com.terrifictotes.etl.extractor;

import com.terrifictotes.etl.catalogue.Column;
import com.terrifictotes.etl.catalogue.Identifiers;
import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.csv.ValueCodec;
import com.terrifictotes.etl.extractor.WindowSegments.Segment;
import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.manifest.DataFile;
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
import java.util.Comparator;
import java.util.List;

/**
 * Reads one table's window from the run's snapshot and streams the rows that are new into CSV parts.
 *
 * <p>The window is read in {@link WindowSegments}, in order: the edges row by row, where each version is checked
 * against and added to {@link DeliveredVersions}, and the middle by {@link CopySegment}. Every read orders by
 * {@code last_updated} and the primary key, so the output is deterministic and the parts' order is the window's.
 * Row-path bounds are bind parameters bound as {@link LocalDateTime} (zone-less timestamps, full precision).
 */
final class TableExtraction {
    private final WriteOnceBucket bucket;
    private final ExtractionSettings settings;
    private final long sequence;
    private final String runId;
    private final LocalDate extractedOn;

    TableExtraction(WriteOnceBucket bucket, ExtractionSettings settings, long sequence, String runId,
                    LocalDate extractedOn) {
        this.bucket = bucket;
        this.settings = settings;
        this.sequence = sequence;
        this.runId = runId;
        this.extractedOn = extractedOn;
    }

    /**
     * Extracts {@code table} over {@code window}, dropping the versions an earlier run delivered.
     *
     * @param previouslyDelivered the previous manifest's {@code recentVersions} for this table
     */
    TableExtract extract(Connection connection, SourceTable table, ExtractionWindow window,
                         List<RowVersion> previouslyDelivered) throws SQLException {
        LocalDateTime deliveredBelow = previouslyDelivered.stream().map(RowVersion::lastUpdated)
                .max(Comparator.naturalOrder()).map(stamp -> stamp.plus(1, ChronoUnit.MICROS)).orElse(null);
        return extract(connection, table, window, previouslyDelivered,
                WindowSegments.of(window, settings.overlap(), deliveredBelow));
    }

    /** As above, over segments the caller chose (tests compare the two paths on the same rows). */
    TableExtract extract(Connection connection, SourceTable table, ExtractionWindow window,
                         List<RowVersion> previouslyDelivered, WindowSegments segments) throws SQLException {
        DeliveredVersions delivered = new DeliveredVersions(previouslyDelivered,
                window.nextOverlapStart(settings.overlap()));
        CsvParts parts = new CsvParts(bucket,
                part -> BucketLayout.csvPartKey(table.name(), extractedOn, sequence, runId, part),
                table.columnNames(), settings.partRows());
        long rows = 0;
        try {
            for (Segment segment : segments.segments()) {
                rows += segment.bulk() ? CopySegment.write(connection, table, segment, parts)
                        : readRows(connection, table, segment, delivered, parts);
            }
        } catch (SQLException | RuntimeException e) {
            parts.abort();
            throw e;
        }
        List<DataFile> files = parts.finish();
        long bytes = files.stream().mapToLong(DataFile::bytes).sum();
        return new TableExtract(table.name(), window.lo(), window.hi(), table.columnNames(), rows, bytes, files,
                delivered.recentVersions());
    }

    private long readRows(Connection connection, SourceTable table, Segment segment, DeliveredVersions delivered,
                          CsvParts parts) throws SQLException {
        long rows = 0;
        try (PreparedStatement query = prepare(connection, table, segment);
             ResultSet result = query.executeQuery()) {
            RowLayout layout = new RowLayout(table);
            while (result.next()) {
                RowVersion version = layout.version(result);
                if (delivered.alreadyDelivered(version)) {
                    continue;
                }
                parts.write(layout.encode(result));
                delivered.delivered(version);
                rows++;
            }
        }
        return rows;
    }

    private PreparedStatement prepare(Connection connection, SourceTable table, Segment segment)
            throws SQLException {
        String cursor = Identifiers.quote(SourceTable.LAST_UPDATED);
        String where = segment.from() == null ? cursor + " < ?" : cursor + " >= ? AND " + cursor + " < ?";
        String sql = "SELECT " + table.selectList() + " FROM " + table.quotedName() + " WHERE " + where
                + " ORDER BY " + cursor + ", " + Identifiers.quote(table.primaryKey());
        PreparedStatement statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
                ResultSet.CONCUR_READ_ONLY);
        try {
            // with autocommit off, a fetch size makes pgjdbc read through a cursor, a batch at a time
            statement.setFetchSize(settings.fetchSize());
            int index = 1;
            if (segment.from() != null) {
                statement.setObject(index++, segment.from());
            }
            statement.setObject(index, segment.to());
            return statement;
        } catch (SQLException e) {
            statement.close();
            throw e;
        }
    }

    /** Where the key and cursor sit in the select list, and how a row becomes CSV values. */
    static final class RowLayout {
        private final List<Column> columns;
        private final int keyIndex;
        private final int cursorIndex;

        RowLayout(SourceTable table) {
            this.columns = table.columns();
            this.keyIndex = table.columnIndex(table.primaryKey()) + 1;
            this.cursorIndex = table.columnIndex(SourceTable.LAST_UPDATED) + 1;
        }

        RowVersion version(ResultSet row) throws SQLException {
            return new RowVersion(row.getInt(keyIndex), row.getObject(cursorIndex, LocalDateTime.class));
        }

        Object[] encode(ResultSet row) throws SQLException {
            Object[] values = new Object[columns.size()];
            for (int i = 0; i < values.length; i++) {
                Column column = columns.get(i);
                values[i] = ValueCodec.encode(column, ColumnValues.read(row, i + 1, column));
            }
            return values;
        }
    }
}
