package com.terrifictotes.etl.loader;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.terrifictotes.etl.catalogue.WarehouseTable;
import com.terrifictotes.etl.error.BadInputException;
import com.terrifictotes.etl.manifest.DataFile;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.List;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An empty table's batch copied straight in, without a staging table: every row is written once instead of twice,
 * and nothing is sorted. This gives what the merge would: the table's unique keys (a dimension's natural key, a
 * fact's version key) fail on any key met twice, within the batch or already in the table, and a fact's per-row
 * foreign keys (when they are not set aside) on any dimension key the warehouse lacks; then the copy is undone to a
 * savepoint and the batch is merged as usual, inferring what is missing. The one difference: fact surrogate keys
 * follow the files' row order rather than the version order.
 *
 * <p>A big fact batch also sets the table's unique keys aside while it copies and builds them after
 * ({@link FactUniqueKeys}): a repeated version then fails the build, with the same SQLSTATE 23505, instead of the
 * COPY, and takes the same way back to the savepoint and the merge. Holding the fact's lock, it also reserves the
 * rows' surrogate keys at once and sends them with the rows ({@link SurrogateKeys}).
 */
final class StraightCopy {
    private static final Logger LOG = LoggerFactory.getLogger(StraightCopy.class);
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String FOREIGN_KEY_VIOLATION = "23503";

    private final Warehouse warehouse;
    private final FileCopy files;

    StraightCopy(Warehouse warehouse, FileCopy files) {
        this.warehouse = warehouse;
        this.files = files;
    }

    /**
     * Copies the batch's files into the empty {@code table}, with its unique keys set aside while it copies if
     * {@code keysAside} (a fact only), gathering the rows' dimension keys into {@code keys}.
     *
     * @return the rows copied, or empty if the batch met a key twice (or, under per-row foreign keys, a key the
     *     dimensions lack) and must be merged after all; the table is then as it was
     */
    OptionalLong copy(Connection connection, int batch, WarehouseTable table, List<DataFile> parts,
                      boolean keysAside, FactKeys keys) {
        Savepoint savepoint = savepoint(connection, table);
        try {
            BinaryCopyEncoder encoder = BinaryCopyEncoder.forBatch(table, batch);
            String copySql = MergeSql.copyInto(table);
            if (keysAside) {
                execute(connection, FactUniqueKeys.drop(table));
                long rows = parts.stream().mapToLong(DataFile::rows).sum();
                encoder = BinaryCopyEncoder.forBatch(table, batch, SurrogateKeys.reserve(connection, table, rows));
                copySql = MergeSql.copyIntoWithKeys(table);
            }
            long copied = 0;
            for (DataFile part : parts) {
                copied += files.copy(connection, copySql, encoder, part, keys);
            }
            if (keysAside) {
                buildKeys(connection, table);
            }
            return OptionalLong.of(copied);
        } catch (BadInputException e) {
            if (!(e.getCause() instanceof SQLException sql) || !isKeyViolation(sql)) {
                throw e;
            }
        } catch (SQLException e) {
            if (!isKeyViolation(e)) {
                throw warehouse.failure("copying into table " + table.name() + " with its unique keys set aside", e);
            }
        }
        rollback(connection, savepoint, table);
        keys.clear();
        return OptionalLong.empty();
    }

    private static void buildKeys(Connection connection, WarehouseTable table) throws SQLException {
        long started = System.nanoTime();
        execute(connection, FactUniqueKeys.add(table));
        LOG.info("unique keys built after the copy", entry("table", table.name()),
                entry("duration_ms", (System.nanoTime() - started) / 1_000_000));
    }

    private static boolean isKeyViolation(SQLException e) {
        return UNIQUE_VIOLATION.equals(e.getSQLState()) || FOREIGN_KEY_VIOLATION.equals(e.getSQLState());
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private Savepoint savepoint(Connection connection, WarehouseTable table) {
        try {
            return connection.setSavepoint();
        } catch (SQLException e) {
            throw warehouse.failure("starting the load of table " + table.name(), e);
        }
    }

    private void rollback(Connection connection, Savepoint savepoint, WarehouseTable table) {
        try {
            connection.rollback(savepoint);
        } catch (SQLException e) {
            throw warehouse.failure("undoing the copy into table " + table.name() + " to merge it instead", e);
        }
    }
}
