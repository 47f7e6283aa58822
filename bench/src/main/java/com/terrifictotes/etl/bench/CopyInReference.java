package com.terrifictotes.etl.bench;

import com.terrifictotes.etl.catalogue.Identifiers;
import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The load's physical limit: the rows the loader put into the warehouse, as CSV text prepared beforehand, sent with
 * {@code COPY ... FROM STDIN} into tables with the same columns and no index, key or foreign key.
 */
final class CopyInReference {
    private static final int BUFFER = 1 << 16;

    private CopyInReference() {
    }

    /** Writes each warehouse table's load columns as CSV to {@code directory/<table>.csv} (not timed). */
    static void export(DataSource warehouse, Path directory) throws SQLException, IOException {
        Files.createDirectories(directory);
        try (Connection connection = warehouse.getConnection()) {
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            for (WarehouseTable table : WarehouseCatalogue.TABLES) {
                try (OutputStream out = new BufferedOutputStream(
                        Files.newOutputStream(directory.resolve(table.name() + ".csv")), BUFFER)) {
                    copy.copyOut("COPY (SELECT " + table.loadColumnList() + " FROM " + table.quotedName()
                            + ") TO STDOUT (FORMAT csv, FORCE_QUOTE *)", out);
                }
            }
        }
    }

    /** Creates the unindexed tables in {@code target}, then times only the COPYs of the exported files. */
    static Measurement measure(Path directory, DataSource target) throws SQLException, IOException {
        long rows = 0;
        long bytes = 0;
        long nanos = 0;
        try (Connection connection = target.getConnection()) {
            createTables(connection);
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            for (WarehouseTable table : WarehouseCatalogue.TABLES) {
                Path file = directory.resolve(table.name() + ".csv");
                bytes += Files.size(file);
                long started = System.nanoTime();
                try (InputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER)) {
                    rows += copy.copyIn("COPY " + referenceTable(table) + " (" + table.loadColumnList()
                            + ") FROM STDIN (FORMAT csv)", in, BUFFER);
                }
                nanos += System.nanoTime() - started;
            }
        }
        return Measurement.reference(rows, bytes, nanos);
    }

    private static void createTables(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (WarehouseTable table : WarehouseCatalogue.TABLES) {
                String columns = table.loadColumns().stream()
                        .map(c -> c.quotedName() + " " + c.sqlType() + (c.nullable() ? "" : " NOT NULL"))
                        .collect(Collectors.joining(", "));
                statement.execute("CREATE TABLE " + referenceTable(table) + " (" + columns + ")");
            }
        }
    }

    private static String referenceTable(WarehouseTable table) {
        return Identifiers.quote("reference_" + table.name());
    }
}
