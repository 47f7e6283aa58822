package com.terrifictotes.etl.loader;

import com.terrifictotes.etl.catalogue.WarehouseTable;
import com.terrifictotes.etl.manifest.DataFile;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Loads one table of one batch inside the batch's transaction: creates the staging table, streams every file into
 * it with COPY ({@link FileCopy}), then merges it into the warehouse table with one set-based statement.
 *
 * <p>A big fact batch sets the table's foreign keys aside while it appends and restores them after, validated
 * ({@link FactForeignKeys}, {@link ForeignKeyPolicy}). Either way the batch's transaction makes all of it atomic.
 */
final class TableLoader {
    /** Rows read from the files, and how many of them the table took as new or changed rows. */
    private record Outcome(long staged, long inserted, long updated) {
    }

    private final Warehouse warehouse;
    private final FileCopy files;
    private final ForeignKeyPolicy foreignKeys;

    TableLoader(ProcessedZone zone, Warehouse warehouse, ForeignKeyPolicy foreignKeys) {
        this.warehouse = warehouse;
        this.files = new FileCopy(zone, warehouse);
        this.foreignKeys = foreignKeys;
    }

    /** Loads the table's files of the batch whose manifest is at {@code manifestUri}, named in merge errors. */
    TableCounts load(Connection connection, String manifestUri, WarehouseTable table, List<DataFile> parts) {
        long started = System.nanoTime();
        if (parts.isEmpty()) {
            return TableCounts.empty(table.name());
        }
        long rows = parts.stream().mapToLong(DataFile::rows).sum();
        boolean setBased = table.isFact() && foreignKeys.setBased(rows, rowEstimate(connection, table));
        if (setBased) {
            execute(connection, FactForeignKeys.drop(table), "setting aside the foreign keys of table "
                    + table.name() + " to merge " + manifestUri);
        }
        Outcome outcome = stageAndMerge(connection, manifestUri, table, parts);
        if (setBased) {
            // a reference to a dimension row that does not exist fails here, naming the constraint, the column
            // and one missing key; the transaction then rolls back the rows and the drop alike
            execute(connection, FactForeignKeys.add(table), "merging " + manifestUri + " into table "
                    + table.name() + " (checking its foreign keys)");
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        return new TableCounts(table.name(), parts.size(), outcome.staged(), outcome.inserted(), outcome.updated(),
                outcome.staged() - outcome.inserted() - outcome.updated(), millis);
    }

    private Outcome stageAndMerge(Connection connection, String manifestUri, WarehouseTable table,
                                  List<DataFile> parts) {
        long staged = stage(connection, table, parts);
        long[] merged = merge(connection, manifestUri, table);
        return new Outcome(staged, merged[0], merged[1]);
    }

    private long stage(Connection connection, WarehouseTable table, List<DataFile> parts) {
        execute(connection, MergeSql.createStaging(table), "creating the staging table for " + table.name());
        CopyRowEncoder encoder = new CopyRowEncoder(table);
        long staged = 0;
        for (DataFile part : parts) {
            staged += files.copy(connection, MergeSql.copyIntoStaging(table), encoder, part);
        }
        return staged;
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

    /** The planner's row count of the table: no scan, and a few percent off is as good as exact here. */
    private long rowEstimate(Connection connection, WarehouseTable table) {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT greatest(reltuples, 0)::bigint FROM pg_class WHERE oid = to_regclass(?)")) {
            query.setString(1, table.quotedName());
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw warehouse.failure("estimating the size of table " + table.name(), e);
        }
    }

    private void execute(Connection connection, String sql, String what) {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw warehouse.failure(what, e);
        }
    }
}
