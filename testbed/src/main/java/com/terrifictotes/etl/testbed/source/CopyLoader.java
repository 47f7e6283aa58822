package com.terrifictotes.etl.testbed.source;

import com.terrifictotes.etl.catalogue.SourceTable;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Bulk-inserts rows with {@code COPY ... FROM STDIN (FORMAT csv)}: every text value is quoted, so an empty string
 * stays an empty string, while NULL is the unquoted empty field. Table and column names come from the catalogue.
 */
final class CopyLoader {
    static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
    private static final int FLUSH_BYTES = 1 << 20;

    private CopyLoader() {
    }

    static void copy(Connection connection, SourceTable table, Iterable<Object[]> rows) throws SQLException {
        String sql = "COPY " + table.quotedName() + " (" + table.selectList() + ") FROM STDIN WITH (FORMAT csv)";
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        try {
            StringBuilder buffer = new StringBuilder(FLUSH_BYTES + 4096);
            for (Object[] row : rows) {
                appendRow(buffer, row);
                if (buffer.length() >= FLUSH_BYTES) {
                    write(copy, buffer);
                }
            }
            write(copy, buffer);
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    static void appendRow(StringBuilder buffer, Object[] row) {
        for (int i = 0; i < row.length; i++) {
            if (i > 0) {
                buffer.append(',');
            }
            appendValue(buffer, row[i]);
        }
        buffer.append('\n');
    }

    private static void appendValue(StringBuilder buffer, Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof String text) {
            buffer.append('"').append(text.replace("\"", "\"\"")).append('"');
        } else if (value instanceof LocalDateTime timestamp) {
            buffer.append(TIMESTAMP.format(timestamp));
        } else if (value instanceof BigDecimal decimal) {
            buffer.append(decimal.toPlainString());
        } else if (value instanceof Integer || value instanceof Long || value instanceof Boolean) {
            buffer.append(value);
        } else {
            throw new IllegalArgumentException("no COPY encoding for " + value.getClass().getName());
        }
    }

    private static void write(CopyIn copy, StringBuilder buffer) throws SQLException {
        byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        buffer.setLength(0);
    }
}
