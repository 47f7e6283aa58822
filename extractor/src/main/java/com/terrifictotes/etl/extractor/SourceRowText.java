package com.terrifictotes.etl.extractor;

import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.manifest.RowVersion;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A source row as the extractor's row path turns it into CSV cells, for code that reads ToteSys rows itself and must
 * deliver them exactly as an extraction would (the reconciliation pass). The row must come from a query selecting
 * {@link SourceTable#selectList()}.
 */
public final class SourceRowText {
    private final TableExtraction.RowLayout layout;

    public SourceRowText(SourceTable table) {
        this.layout = new TableExtraction.RowLayout(table);
    }

    /** The cells of the current row, null for SQL NULL: what {@link CsvParts#write} prints. */
    public String[] cells(ResultSet row) throws SQLException {
        Object[] encoded = layout.encode(row);
        String[] cells = new String[encoded.length];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = encoded[i] == null ? null : encoded[i].toString();
        }
        return cells;
    }

    /** The current row's key and {@code last_updated}. */
    public RowVersion version(ResultSet row) throws SQLException {
        return layout.version(row);
    }
}
