package com.terrifictotes.etl.extractor;

import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.manifest.RejectedValue;
import com.terrifictotes.etl.manifest.RowVersion;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A source row as the extractor's row path turns it into CSV cells ({@link RowCells}), for code that reads ToteSys
 * rows itself and must deliver them exactly as an extraction would (the reconciliation pass): the same select list,
 * the same text transfer (a {@code SQL_ASCII} source's stored bytes), the same refusal of a value that is not UTF-8.
 */
public final class SourceRowText {
    private final RowCells cells;

    /** @param serverEncoding the source's {@code server_encoding} ({@link #serverEncoding(Connection)}) */
    public SourceRowText(SourceTable table, String serverEncoding) {
        this.cells = new RowCells(table, TextTransfer.of(serverEncoding));
    }

    public static String serverEncoding(Connection connection) throws SQLException {
        return SourceSchema.serverEncoding(connection);
    }

    /**
     * What to select, in catalogue order. Most output columns are text under their column's name, so an ORDER BY
     * must name the table's columns qualified ({@code "staff"."staff_id"}).
     */
    public String selectList() {
        return cells.selectList();
    }

    /**
     * The cells of the current row, null for SQL NULL: what {@link CsvParts#write} prints; or null when a value is not
     * UTF-8, a version an extraction rejects rather than delivers.
     */
    public String[] cells(ResultSet row) throws SQLException {
        List<RejectedValue> rejects = new ArrayList<>(0);
        return cells.cells(row, cells.version(row), rejects);
    }

    /** The current row's key and {@code last_updated}. */
    public RowVersion version(ResultSet row) throws SQLException {
        return cells.version(row);
    }
}
