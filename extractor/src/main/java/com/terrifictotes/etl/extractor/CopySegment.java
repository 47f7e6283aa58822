package com.terrifictotes.etl.extractor;

import com.terrifictotes.etl.catalogue.Identifiers;
import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.extractor.WindowSegments.Segment;
import com.terrifictotes.etl.manifest.RejectedValue;
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
     * Streams the segment's rows into {@code parts}, and the row versions that cannot be delivered into
     * {@code rejects}; returns how many rows were written.
     */
    static long write(Connection connection, SourceTable table, Segment segment, TextTransfer transfer,
                      CsvParts parts, List<RejectedValue> rejects) throws SQLException {
        requireIsoDateStyle(connection);
        CopyOut copy = connection.unwrap(PGConnection.class).getCopyAPI().copyOut(sql(table, segment, transfer));
        try {
            CopyRecords records = new CopyRecords(parts, table, transfer, rejects);
            byte[] chunk;
            while ((chunk = copy.readFromCopy()) != null) {
                records.accept(chunk, 0, chunk.length);
            }
            return records.finish(copy.getHandledRowCount());
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

    /** The statement; names come from the catalogue, bounds are literals written from typed values. */
    static String sql(SourceTable table, Segment segment, TextTransfer transfer) {
        String cursor = table.quotedName() + "." + Identifiers.quote(SourceTable.LAST_UPDATED);
        String where = cursor + " < " + SqlTimestamps.literal(segment.to());
        if (segment.from() != null) {
            where = cursor + " >= " + SqlTimestamps.literal(segment.from()) + " AND " + where;
        }
        String cells = table.columns().stream().map(c -> CsvCellSql.copy(c, transfer))
                .collect(Collectors.joining(", "));
        // qualified, so that ORDER BY can never mean an output column of the same name
        return "COPY (SELECT " + cells + " FROM " + table.quotedName() + " WHERE " + where
                + " ORDER BY " + cursor + ", " + table.quotedName() + "." + Identifiers.quote(table.primaryKey())
                + ") TO STDOUT (FORMAT csv, FORCE_QUOTE *)";
    }
}
