package com.terrifictotes.etl.loader;

import com.terrifictotes.etl.error.BadInputException;
import com.terrifictotes.etl.lake.ParquetRowGroups;
import com.terrifictotes.etl.manifest.DataFile;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Streams one Parquet file of the batch into a table with one {@code COPY ... FROM STDIN (FORMAT binary)}, so
 * that a rejected value is reported with its file and row. Memory stays at one Parquet row group plus the COPY
 * buffer, whatever the size.
 */
final class FileCopy {
    static final int COPY_BUFFER_BYTES = 1 << 16;

    private final ProcessedZone zone;
    private final Warehouse warehouse;

    FileCopy(ProcessedZone zone, Warehouse warehouse) {
        this.zone = zone;
        this.warehouse = warehouse;
    }

    /**
     * Copies the file's rows with {@code copySql}, gathering their dimension keys into {@code keys} as they pass;
     * returns how many, after checking the manifest's count.
     */
    long copy(Connection connection, String copySql, BinaryCopyEncoder encoder, DataFile file, FactKeys keys) {
        String what = "copying " + zone.uri(file.key()) + " into table " + encoder.table().name();
        PGCopyOutputStream copy = null;
        try (ParquetRowGroups reader = zone.open(file, encoder.table())) {
            copy = new PGCopyOutputStream(connection.unwrap(PGConnection.class), copySql, COPY_BUFFER_BYTES);
            long rows = write(reader, encoder, keys, new CopyBuffer(copy, COPY_BUFFER_BYTES), zone.uri(file.key()));
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

    /**
     * The whole binary COPY of the file at {@code location} into {@code out}, flushed: the header, its rows, the end;
     * returns how many rows.
     */
    static long write(ParquetRowGroups reader, BinaryCopyEncoder encoder, FactKeys keys, CopyBuffer out,
                      String location) throws IOException {
        BinaryCopyEncoder.begin(out);
        long rows = writeRows(reader, encoder, keys, out, location);
        BinaryCopyEncoder.end(out);
        out.flush();
        return rows;
    }

    /**
     * Encodes the file row by row, each row group's columns read side by side; a value the encoder refuses names the
     * row, a page that does not decode (its CRC fails) the rows read before it.
     */
    private static long writeRows(ParquetRowGroups reader, BinaryCopyEncoder encoder, FactKeys keys, CopyBuffer out,
                                  String location) throws IOException {
        long rows = 0;
        for (long group = reader.nextRowGroup(rows); group >= 0; group = reader.nextRowGroup(rows)) {
            for (long i = 0; i < group; i++) {
                try {
                    keys.add(reader);
                    encoder.write(reader, out);
                } catch (IllegalArgumentException e) {
                    throw new BadInputException(location + " row " + (rows + 1) + ": " + e.getMessage(), e);
                } catch (RuntimeException e) {
                    throw reader.corrupt(rows, e);
                }
                rows++;
            }
        }
        return rows;
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
