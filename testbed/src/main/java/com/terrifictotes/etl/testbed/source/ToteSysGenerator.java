package com.terrifictotes.etl.testbed.source;

import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.catalogue.ToteSysCatalogue;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Seeds a ToteSys database with a deterministic history that looks like production's (see {@link ReferenceTables}
 * and {@link OrderHistory}): the same seed and scale always give byte-identical contents. Scale multiplies designs,
 * orders, transactions and payments; the reference tables keep their size. Rows go in by COPY in one transaction;
 * the sequences are then moved past the ids used, so the application's next inserts continue them.
 */
public final class ToteSysGenerator {
    private ToteSysGenerator() {
    }

    public static GenerationReport seed(DataSource dataSource, int scaleFactor, long seed) {
        if (scaleFactor < 1) {
            throw new IllegalArgumentException("scale factor must be at least 1, was " + scaleFactor);
        }
        ToteSysSchema.createIfMissing(dataSource);
        List<TableRows> tables = new ArrayList<>(ReferenceTables.build(seed));
        tables.addAll(new OrderHistory(scaleFactor, seed).build());
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                requireEmpty(connection);
                for (TableRows rows : inForeignKeyOrder(tables)) {
                    CopyLoader.copy(connection, rows.table(), rows.rows());
                }
                advanceSequences(connection);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
            analyze(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot seed the ToteSys database: " + e.getMessage(), e);
        }
        return report(scaleFactor, seed, tables);
    }

    private static List<TableRows> inForeignKeyOrder(List<TableRows> tables) {
        return ToteSysCatalogue.TABLES.stream()
                .map(t -> tables.stream().filter(r -> r.table().equals(t)).findFirst()
                        .orElseThrow(() -> new IllegalStateException("no rows generated for " + t.name())))
                .toList();
    }

    private static void requireEmpty(Connection connection) throws SQLException {
        for (SourceTable table : ToteSysCatalogue.TABLES) {
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT EXISTS (SELECT 1 FROM " + table.quotedName() + ")")) {
                rs.next();
                if (rs.getBoolean(1)) {
                    throw new IllegalStateException("table " + table.name()
                            + " already has rows; the generator seeds an empty ToteSys database only");
                }
            }
        }
    }

    /** Sets each key's sequence so that nextval() returns max(id) + 1, as if the rows had taken their ids from it. */
    static void advanceSequences(Connection connection) throws SQLException {
        for (SourceTable table : ToteSysCatalogue.TABLES) {
            String sql = "SELECT setval(pg_get_serial_sequence(?, ?), "
                    + "(SELECT coalesce(max(" + table.column(table.primaryKey()).quotedName() + "), 0) + 1 FROM "
                    + table.quotedName() + "), false)";
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setString(1, "public." + table.quotedName());
                statement.setString(2, table.primaryKey());
                statement.execute();
            }
        }
    }

    private static void analyze(Connection connection) throws SQLException {
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
            for (SourceTable table : ToteSysCatalogue.TABLES) {
                statement.execute("ANALYZE " + table.quotedName());
            }
        }
    }

    private static GenerationReport report(int scaleFactor, long seed, List<TableRows> tables) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        LocalDateTime newest = LocalDateTime.MIN;
        for (TableRows rows : inForeignKeyOrder(tables)) {
            counts.put(rows.table().name(), rows.size());
            int created = rows.table().columnIndex(SourceTable.CREATED_AT);
            int updated = rows.table().columnIndex(SourceTable.LAST_UPDATED);
            for (Object[] row : rows.rows()) {
                newest = max(newest, max((LocalDateTime) row[created], (LocalDateTime) row[updated]));
            }
        }
        return new GenerationReport(scaleFactor, seed, counts, newest);
    }

    private static LocalDateTime max(LocalDateTime a, LocalDateTime b) {
        return a.isAfter(b) ? a : b;
    }
}
