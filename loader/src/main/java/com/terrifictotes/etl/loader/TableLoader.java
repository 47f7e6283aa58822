package com.terrifictotes.etl.loader;

import com.terrifictotes.etl.catalogue.WarehouseTable;
import com.terrifictotes.etl.error.BadInputException;
import com.terrifictotes.etl.lake.ParquetTableReader;
import com.terrifictotes.etl.manifest.DataFile;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Loads one table of one batch inside the batch's transaction: creates the staging table, streams every file into
 * it with COPY (one COPY per file, so a rejected value is reported with its file and row), then merges it into the
 * warehouse table with one set-based statement. Memory stays at one Parquet row group plus the COPY buffer,
 * whatever the table's size.
 */
final class TableLoader {
    private static final int COPY_BUFFER_BYTES = 1 << 16;

    private final ProcessedZone zone;
    private final Warehouse warehouse;

    TableLoader(ProcessedZone zone, Warehouse warehouse) {
        this.zone = zone;
        this.warehouse = warehouse;
    }

    /** Loads the table's files of the batch whose manifest is at {@code manifestUri}, named in merge errors. */
    TableCounts load(Connection connection, String manifestUri, WarehouseTable table, List<DataFile> files) {
        long started = System.nanoTime();
        if (files.isEmpty()) {
            return TableCounts.empty(table.name());
        }
        CopyRowEncoder encoder = new CopyRowEncoder(table);
        execute(connection, MergeSql.createStaging(table), "creating the staging table for " + table.name());
        long staged = 0;
        for (DataFile file : files) {
            staged += copy(connection, encoder, file);
        }
        long[] merged = merge(connection, manifestUri, table);
        long millis = (System.nanoTime() - started) / 1_000_000;
        return new TableCounts(table.name(), files.size(), staged, merged[0], merged[1],
                staged - merged[0] - merged[1], millis);
    }

    private long copy(Connection connection, CopyRowEncoder encoder, DataFile file) {
        String what = "copying " + zone.uri(file.key()) + " into table " + encoder.table().name();
        PGCopyOutputStream copy = null;
        try (ParquetTableReader reader = zone.open(file, encoder.table())) {
            copy = new PGCopyOutputStream(connection.unwrap(PGConnection.class),
                    MergeSql.copyIntoStaging(encoder.table()), COPY_BUFFER_BYTES);
            Writer out = new BufferedWriter(new OutputStreamWriter(copy, StandardCharsets.UTF_8), COPY_BUFFER_BYTES);
            long rows = writeRows(reader, encoder, out, zone.uri(file.key()));
            out.flush();
            long copied = copy.endCopy();
            if (copied != rows || rows != file.rows()) {
                throw new BadInputException(what + ": read " + rows + " rows, copied " + copied
                        + ", the manifest records " + file.rows());
            }
            return copied;
        } catch (SQLException e) {
            throw warehouse.failure(what, e);
        } catch (IOException e) {
            // the COPY stream wraps what the server said; without a server error it is the connection that failed
            throw e.getCause() instanceof SQLException sql ? warehouse.failure(what, sql)
                    : warehouse.failure(what, new SQLException(e.getMessage(), "08006", e));
        } finally {
            cancel(copy);
        }
    }

    private static long writeRows(ParquetTableReader reader, CopyRowEncoder encoder, Writer out, String location)
            throws IOException {
        long rows = 0;
        for (GenericRecord record = reader.next(); record != null; record = reader.next()) {
            rows++;
            try {
                encoder.write(record, out);
            } catch (IllegalArgumentException | ClassCastException e) {
                throw new BadInputException(location + " row " + rows + ": " + e.getMessage(), e);
            }
        }
        return rows;
    }

    private long[] merge(Connection connection, String manifestUri, WarehouseTable table) {
        try (Statement statement = connection.createStatement();
             ResultSet counts = statement.executeQuery(MergeSql.merge(table))) {
            counts.next();
            return new long[] {counts.getLong(1), counts.getLong(2)};
        } catch (SQLException e) {
            throw warehouse.failure("merging " + manifestUri + " into table " + table.name(), e);
        }
    }

    private void execute(Connection connection, String sql, String what) {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw warehouse.failure(what, e);
        }
    }

    /** A COPY abandoned half-way must be cancelled, or the connection cannot even roll back. */
    private static void cancel(PGCopyOutputStream copy) {
        if (copy != null && copy.isActive()) {
            try {
                copy.cancelCopy();
            } catch (SQLException ignored) {
                // the transaction is rolled back (or the connection dropped) by the caller either way
            }
        }
    }
}
