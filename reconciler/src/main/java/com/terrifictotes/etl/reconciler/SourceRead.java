package com.terrifictotes.etl.reconciler;

import com.terrifictotes.etl.catalogue.Identifiers;
import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.extractor.CsvParts;
import com.terrifictotes.etl.extractor.SourceDatabase;
import com.terrifictotes.etl.extractor.SourceRowText;
import com.terrifictotes.etl.lake.TableRow;
import com.terrifictotes.etl.manifest.RowVersion;
import com.terrifictotes.etl.transformer.CsvCells;
import com.terrifictotes.etl.transformer.Lineage;
import com.terrifictotes.etl.transformer.SourceRow;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * ToteSys as one read-only {@code REPEATABLE READ} snapshot: every table the pass compares and every row it delivers
 * comes from the same moment. A row is read as the extractor's row path writes it ({@link SourceRowText}), decoded as
 * the transformer reads it ({@link CsvCells}) and derived by the transformer's own derivation ({@link Lineage}), so
 * the digest compared is that of exactly the row a batch would load.
 */
final class SourceRead implements AutoCloseable {
    /** A joined row: the row (null if it cannot be decoded) and its stamp. */
    private record Parent(SourceRow row, LocalDateTime stamp) {
    }

    private final Connection connection;
    private final SourceDatabase database;
    private final LocalDateTime now;
    private final int fetchSize;
    /** The source's {@code server_encoding}: how its text is read ({@link SourceRowText}). */
    private final String serverEncoding;

    private SourceRead(Connection connection, SourceDatabase database, LocalDateTime now, int fetchSize,
                       String serverEncoding) {
        this.connection = connection;
        this.serverEncoding = serverEncoding;
        this.database = database;
        this.now = now;
        this.fetchSize = fetchSize;
    }

    /**
     * Opens the snapshot. Its first statement reads the transaction's start (an instant), which takes the snapshot;
     * the source's wall clock is that instant in {@code zone}, converted here, so no zone text is ever parsed by
     * PostgreSQL.
     */
    static SourceRead open(SourceDatabase database, ZoneId zone, int fetchSize) {
        Connection connection;
        try {
            connection = database.dataSource().getConnection();
        } catch (SQLException e) {
            throw database.failure("cannot connect to", e);
        }
        try {
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("SELECT transaction_timestamp()")) {
                row.next();
                LocalDateTime now = row.getObject(1, OffsetDateTime.class).atZoneSameInstant(zone)
                        .toLocalDateTime();
                return new SourceRead(connection, database, now, fetchSize,
                        SourceRowText.serverEncoding(connection));
            }
        } catch (SQLException e) {
            close(connection);
            throw database.failure("cannot open a snapshot of", e);
        } catch (RuntimeException e) {
            close(connection);
            throw e;
        }
    }

    /** The source's wall clock when the snapshot was taken. */
    LocalDateTime now() {
        return now;
    }

    /**
     * Streams the table's rows, ascending by key, as chunks of at most {@code chunkRows} rows. The chunks' ranges
     * cover every integer key: the first starts at the lowest, each ends just after its last key, the last (which
     * may hold no row) reaches the highest, so keys the warehouse alone holds fall in some chunk's range.
     */
    void chunks(Lineage lineage, int chunkRows, Consumer<SourceChunk> each) {
        SourceTable table = lineage.source();
        Map<Integer, Parent> parents = lineage.parent().map(join -> parents(join.table()))
                .orElse(Map.of());
        RowReader reader = new RowReader(table, serverEncoding);
        String sql = "SELECT " + reader.text.selectList() + " FROM " + table.quotedName() + " ORDER BY "
                + table.quotedName() + "." + Identifiers.quote(table.primaryKey());
        int foreignKey = lineage.parent().map(join -> table.columnIndex(join.foreignKey()) + 1).orElse(0);
        SourceChunk.Builder chunk = new SourceChunk.Builder(Math.min(chunkRows, 4096));
        long lo = KeyRange.EVERY.lo();
        try (PreparedStatement query = prepare(sql); ResultSet rows = query.executeQuery()) {
            long line = 0;
            while (rows.next()) {
                String[] cells = reader.text.cells(rows);
                int key = rows.getInt(reader.keyIndex);
                LocalDateTime stamp = rows.getObject(reader.stampIndex, LocalDateTime.class);
                int parentKey = SourceChunk.NO_PARENT;
                Parent parent = null;
                if (foreignKey > 0) {
                    int referenced = rows.getInt(foreignKey);
                    if (!rows.wasNull()) {
                        parentKey = referenced;
                        parent = parents.get(referenced);
                    }
                }
                chunk.add(key, digest(lineage, cells, ++line, parent), stamp, parentKey,
                        parent == null ? null : parent.stamp());
                if (chunk.size() == chunkRows) {
                    long hi = chunk.lastKey() + 1L;
                    each.accept(chunk.build(new KeyRange(lo, hi)));
                    lo = hi;
                }
            }
        } catch (SQLException e) {
            throw database.failure("cannot read table " + table.name() + " of", e);
        }
        if (lo < KeyRange.EVERY.hi()) {
            each.accept(chunk.build(new KeyRange(lo, KeyRange.EVERY.hi())));
        }
    }

    /**
     * Writes the current rows of the given keys to {@code parts}, ordered as an extraction orders them
     * ({@code last_updated}, key), telling {@code delivered} each row's version. @return the rows written
     */
    long deliver(SourceTable table, Collection<Integer> keys, CsvParts parts, Consumer<RowVersion> delivered) {
        String key = Identifiers.quote(table.primaryKey());
        RowReader reader = new RowReader(table, serverEncoding);
        String qualified = table.quotedName() + ".";
        String sql = "SELECT " + reader.text.selectList() + " FROM " + table.quotedName() + " WHERE " + qualified
                + key + " = ANY (?) ORDER BY " + qualified + Identifiers.quote(SourceTable.LAST_UPDATED) + ", "
                + qualified + key;
        long written = 0;
        try (PreparedStatement query = prepare(sql)) {
            Array ids = connection.createArrayOf("integer", keys.toArray(Integer[]::new));
            query.setArray(1, ids);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String[] cells = reader.text.cells(rows);
                    if (cells == null) {
                        continue; // a value that is not UTF-8: an extraction rejects this version, so does this pass
                    }
                    parts.write(cells);
                    LocalDateTime stamp = rows.getObject(reader.stampIndex, LocalDateTime.class);
                    if (stamp != null) {
                        delivered.accept(new RowVersion(rows.getInt(reader.keyIndex), stamp));
                    }
                    written++;
                }
            }
        } catch (SQLException e) {
            throw database.failure("cannot read the rows of table " + table.name() + " to deliver from", e);
        }
        return written;
    }

    /** Ends the read-only transaction and closes the connection. */
    @Override
    public void close() {
        close(connection);
    }

    /**
     * The digest of the warehouse row the transformer would make of these cells, or {@link RowDigest#UNREPRESENTABLE}
     * if it would make none (a value it refuses or the extractor rejects, a joined row that is missing or itself
     * unreadable): such a row
     * always differs, and its delivery is left to the transformer's quarantine.
     */
    private static long digest(Lineage lineage, String[] cells, long line, Parent parent) {
        if (cells == null || lineage.parent().isPresent() && (parent == null || parent.row() == null)) {
            return RowDigest.UNREPRESENTABLE;
        }
        try {
            Optional<SourceRow> row = CsvCells.decode(lineage.source(), cells,
                    "source table " + lineage.source().name(), line);
            TableRow derived = row.isEmpty() ? null : lineage.derive(row.get(),
                    parent == null ? null : parent.row());
            return derived == null ? RowDigest.UNREPRESENTABLE : RowDigest.of(lineage.target(), derived);
        } catch (RuntimeException e) {
            return RowDigest.UNREPRESENTABLE; // the transformer quarantines what its derivation refuses
        }
    }

    /** Every row of a joined table (a join table is small by nature: the transformer holds it whole too). */
    private Map<Integer, Parent> parents(SourceTable table) {
        Map<Integer, Parent> parents = new HashMap<>();
        RowReader reader = new RowReader(table, serverEncoding);
        String sql = "SELECT " + reader.text.selectList() + " FROM " + table.quotedName();
        try (PreparedStatement query = prepare(sql); ResultSet rows = query.executeQuery()) {
            long line = 0;
            while (rows.next()) {
                String[] cells = reader.text.cells(rows);
                SourceRow row;
                try {
                    row = cells == null ? null
                            : CsvCells.decode(table, cells, "source table " + table.name(), ++line).orElse(null);
                } catch (RuntimeException e) {
                    row = null;
                }
                parents.put(rows.getInt(reader.keyIndex),
                        new Parent(row, rows.getObject(reader.stampIndex, LocalDateTime.class)));
            }
        } catch (SQLException e) {
            throw database.failure("cannot read table " + table.name() + " of", e);
        }
        return parents;
    }

    private PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
                ResultSet.CONCUR_READ_ONLY);
        statement.setFetchSize(fetchSize); // autocommit is off: pgjdbc reads through a cursor, a batch at a time
        return statement;
    }

    private static void close(Connection connection) {
        try (connection) {
            connection.rollback();
        } catch (SQLException ignored) {
            // a read-only transaction has nothing to lose; a broken connection is discarded by the server
        }
    }

    /** Where a table's key and stamp sit in its select list, and its row path. */
    private static final class RowReader {
        final SourceRowText text;
        final int keyIndex;
        final int stampIndex;

        RowReader(SourceTable table, String serverEncoding) {
            this.text = new SourceRowText(table, serverEncoding);
            this.keyIndex = table.columnIndex(table.primaryKey()) + 1;
            this.stampIndex = table.columnIndex(SourceTable.LAST_UPDATED) + 1;
        }
    }
}
