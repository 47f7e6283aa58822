package com.terrifictotes.etl.extractor;

import com.terrifictotes.etl.catalogue.Identifiers;
import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.extractor.WindowSegments.Segment;
import com.terrifictotes.etl.manifest.RejectedValue;
import com.terrifictotes.etl.manifest.RowVersion;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * Writes one segment of a table as CSV made by PostgreSQL: {@code COPY (SELECT ...) TO STDOUT}, in the run's
 * snapshot transaction (the same connection), streamed chunk by chunk into the parts. The cells are the
 * {@link CsvCellSql} expressions, so the bytes equal what the row path would print for the same rows, and a row
 * version whose text is not UTF-8 is rejected as the row path rejects it ({@link CopyRecords}); the record
 * separator is the dialect's (see {@link CsvParts#endRecord}).
 */
final class CopySegment {
    private CopySegment() {
    }

    /**
     * What one COPY took.
     *
     * @param written rows written to the parts
     * @param taken   rows written or rejected: what counts against the batch's row limit
     * @param more    true if the segment has rows after the limit
     * @param last    the version of the last row taken, if the limit was reached; else null
     */
    record Taken(long written, long taken, boolean more, RowVersion last) {
    }

    /**
     * Streams the segment's rows into {@code parts}, and the row versions that cannot be delivered into
     * {@code rejects}; returns how many rows were written.
     */
    static long write(Connection connection, SourceTable table, Segment segment, TextTransfer transfer,
                      CsvParts parts, List<RejectedValue> rejects) throws SQLException {
        return write(connection, table, segment, transfer, parts, rejects, Long.MAX_VALUE).written();
    }

    /** As above, taking at most {@code limit} rows (written or rejected) in the segment's order. */
    static Taken write(Connection connection, SourceTable table, Segment segment, TextTransfer transfer,
                       CsvParts parts, List<RejectedValue> rejects, long limit) throws SQLException {
        requireIsoDateStyle(connection);
        CopyOut copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyOut(sql(table, segment, transfer, limit));
        try {
            CopyRecords records = new CopyRecords(parts, table, transfer, rejects, limit);
            byte[] chunk;
            while ((chunk = copy.readFromCopy()) != null) {
                records.accept(chunk, 0, chunk.length);
            }
            long written = records.finish(copy.getHandledRowCount());
            return new Taken(written, records.taken(), records.more(), records.lastTaken());
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    /**
     * Timestamps are read as their output function prints them, whose shape {@code DateStyle} decides. pgjdbc
     * already refuses a connection whose DateStyle is not ISO; this says so where it matters.
     */
    private static void requireIsoDateStyle(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet style = statement.executeQuery("SELECT current_setting('DateStyle')")) {
            style.next();
            if (!style.getString(1).startsWith("ISO")) {
                throw new SQLException("COPY needs DateStyle ISO, the session has " + style.getString(1));
            }
        }
    }

    /** The statement without a limit. */
    static String sql(SourceTable table, Segment segment, TextTransfer transfer) {
        return sql(table, segment, transfer, Long.MAX_VALUE);
    }

    /**
     * The statement; names come from the catalogue, bounds are literals written from typed values (a key from an
     * int, a limit from a long). With a limit, one row more is asked for: it tells whether the segment goes on.
     */
    static String sql(SourceTable table, Segment segment, TextTransfer transfer, long limit) {
        String cursor = table.quotedName() + "." + Identifiers.quote(SourceTable.LAST_UPDATED);
        String key = table.quotedName() + "." + Identifiers.quote(table.primaryKey());
        String where = cursor + " < " + SqlTimestamps.literal(segment.to());
        if (segment.from() != null) {
            where = cursor + " >= " + SqlTimestamps.literal(segment.from()) + " AND " + where;
        }
        if (segment.after() != null) {
            where += " AND (" + cursor + ", " + key + ") > (" + SqlTimestamps.literal(segment.after().lastUpdated())
                    + ", " + segment.after().id().intValue() + ")";
        }
        String cells = table.columns().stream().map(c -> CsvCellSql.copy(c, transfer))
                .collect(Collectors.joining(", "));
        // qualified, so that ORDER BY can never mean an output column of the same name
        return "COPY (SELECT " + cells + " FROM " + table.quotedName() + " WHERE " + where
                + " ORDER BY " + cursor + ", " + key + (limit == Long.MAX_VALUE ? "" : " LIMIT " + (limit + 1))
                + ") TO STDOUT (FORMAT csv, FORCE_QUOTE *)";
    }
}
