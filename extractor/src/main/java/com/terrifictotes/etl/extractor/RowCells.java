package com.terrifictotes.etl.extractor;

import com.terrifictotes.etl.catalogue.Column;
import com.terrifictotes.etl.catalogue.ColumnType;
import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.csv.Timestamps;
import com.terrifictotes.etl.csv.Utf8Bytes;
import com.terrifictotes.etl.manifest.RejectedValue;
import com.terrifictotes.etl.manifest.RowVersion;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The row path's reading of a table: its select list ({@link CsvCellSql#row}) and, for each row, the version and the
 * CSV cells. Every cell but a timestamp is the server's text, taken as bytes ({@code getBytes} returns a text
 * column's bytes as received, or a {@code bytea}'s content) and checked to be UTF-8, so the row path writes what
 * COPY writes and rejects what COPY rejects. Timestamps are read as {@link LocalDateTime} (pgjdbc parses the server's
 * text and applies no zone) and written by {@link Timestamps#format}.
 */
final class RowCells {
    private final List<Column> columns;
    private final boolean[] timestamp;
    private final int keyIndex;
    private final int cursorIndex;
    private final String selectList;

    RowCells(SourceTable table, TextTransfer transfer) {
        this.columns = table.columns();
        this.timestamp = new boolean[columns.size()];
        for (int i = 0; i < timestamp.length; i++) {
            timestamp[i] = columns.get(i).type() == ColumnType.TIMESTAMP_MILLIS;
        }
        this.keyIndex = table.columnIndex(table.primaryKey()) + 1;
        this.cursorIndex = table.columnIndex(SourceTable.LAST_UPDATED) + 1;
        this.selectList = columns.stream().map(c -> CsvCellSql.row(c, transfer)).collect(Collectors.joining(", "));
    }

    /**
     * The expressions to select, in catalogue order. An output column takes its source column's name but may be
     * text, so ORDER BY must name the table's columns qualified.
     */
    String selectList() {
        return selectList;
    }

    RowVersion version(ResultSet row) throws SQLException {
        return new RowVersion(Integer.parseInt(row.getString(keyIndex)), row.getObject(cursorIndex,
                LocalDateTime.class));
    }

    /**
     * The row's cells as CSV text, null for NULL; or null, after adding the reason to {@code rejects}, if a cell
     * is not valid UTF-8.
     */
    String[] cells(ResultSet row, RowVersion version, List<RejectedValue> rejects) throws SQLException {
        String[] cells = new String[columns.size()];
        for (int i = 0; i < cells.length; i++) {
            if (timestamp[i]) {
                LocalDateTime value = row.getObject(i + 1, LocalDateTime.class);
                cells[i] = value == null ? null : Timestamps.format(value);
                continue;
            }
            byte[] bytes = row.getBytes(i + 1);
            if (bytes == null) {
                continue;
            }
            if (Utf8Bytes.firstInvalid(bytes, 0, bytes.length) >= 0) {
                rejects.add(RejectedValue.invalidUtf8(version.id(), version.lastUpdated(), columns.get(i).name(),
                        bytes));
                return null;
            }
            cells[i] = new String(bytes, StandardCharsets.UTF_8);
        }
        return cells;
    }
}
