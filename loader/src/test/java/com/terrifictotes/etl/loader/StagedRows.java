package com.terrifictotes.etl.loader;

import com.terrifictotes.etl.catalogue.WarehouseTable;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * What a COPY left in a table's staging table, each value as the server prints it and rows in the order copied, or
 * the SQLSTATE the server refused it with: for tests that compare two encodings of the same rows by what the server
 * stored. Nothing is kept: the staging table goes with the transaction, which is rolled back.
 */
record StagedRows(List<List<String>> rows, String refusal) {
    /** Copies {@code data}, in the COPY {@code format} ({@code binary} or {@code csv}), and reads it back. */
    static StagedRows copy(DataSource warehouse, WarehouseTable table, String format, byte[] data)
            throws SQLException {
        try (Connection connection = warehouse.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute(MergeSql.createStaging(table));
                connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + MergeSql.stagingTable(table)
                        + " (" + table.loadColumnList() + ") FROM STDIN (FORMAT " + format + ")",
                        new ByteArrayInputStream(data));
                return new StagedRows(readBack(statement, table), null);
            } catch (SQLException e) {
                return new StagedRows(List.of(), e.getSQLState());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                connection.rollback();
            }
        }
    }

    private static List<List<String>> readBack(Statement statement, WarehouseTable table) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (ResultSet result = statement.executeQuery("SELECT " + table.loadColumnList() + " FROM "
                + MergeSql.stagingTable(table) + " ORDER BY " + MergeSql.STAGE_ROW)) {
            while (result.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= table.loadColumns().size(); i++) {
                    row.add(result.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
