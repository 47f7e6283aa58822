package com.terrifictotes.etl.loader;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.terrifictotes.etl.catalogue.TableRole;
import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import com.terrifictotes.etl.manifest.DataFile;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads one table of one batch inside the batch's transaction: creates the staging table, streams every file into
 * it with COPY ({@link FileCopy}), then merges it into the warehouse table with one set-based statement. An empty
 * table (a first load) takes its batch straight from COPY, without staging ({@link StraightCopy}).
 *
 * <p>A fact batch never fails on a dimension key the warehouse lacks yet: before its rows are merged, every such key
 * gets an inferred dimension row ({@link InferredRows}), on every path. Staged rows are checked against the
 * dimensions before the merge. A big fact batch sets the table's foreign keys aside while it appends, infers from
 * what it appended and restores the keys after, validated ({@link FactForeignKeys}, {@link ForeignKeyPolicy}). A
 * straight copy under the per-row foreign keys that meets a missing key is undone and merged instead. Either way the
 * batch's transaction makes all of it atomic.
 */
final class TableLoader {
    private static final Logger LOG = LoggerFactory.getLogger(TableLoader.class);

    /**
     * Rows read from the files, how many of them the table took as new or changed rows, and how many inferred rows
     * they completed.
     */
    private record Outcome(long staged, long inserted, long updated, long completed) {
    }

    private final Warehouse warehouse;
    private final FileCopy files;
    private final StraightCopy straightCopy;
    private final ForeignKeyPolicy foreignKeys;

    TableLoader(ProcessedZone zone, Warehouse warehouse, ForeignKeyPolicy foreignKeys) {
        this.warehouse = warehouse;
        this.files = new FileCopy(zone, warehouse);
        this.straightCopy = new StraightCopy(warehouse, files);
        this.foreignKeys = foreignKeys;
    }

    /**
     * Loads the table's files of batch {@code batch}, whose manifest is at {@code manifestUri} (named in errors);
     * dimension rows a fact batch needs and lacks are created as inferred rows through {@code inferred}.
     */
    TableCounts load(Connection connection, String manifestUri, int batch, WarehouseTable table, List<DataFile> parts,
                     InferredRows inferred) {
        long started = System.nanoTime();
        if (parts.isEmpty()) {
            return TableCounts.empty(table.name());
        }
        if (table.role() == TableRole.DELETION) {
            return deletions(connection, manifestUri, table, parts, started);
        }
        long rows = parts.stream().mapToLong(DataFile::rows).sum();
        boolean setBased = table.isFact() && foreignKeys.setBased(rows, rowEstimate(connection, table));
        if (setBased) {
            execute(connection, FactForeignKeys.drop(table), "setting aside the foreign keys of table "
                    + table.name() + " to merge " + manifestUri);
        }
        FactKeys keys = table.isFact() ? new FactKeys(table) : FactKeys.ofDimension(table);
        OptionalLong straight = isEmpty(connection, table)
                ? straightCopy.copy(connection, batch, table, parts, setBased, keys) : OptionalLong.empty();
        Optional<Outcome> copied = straight.isPresent()
                ? Optional.of(new Outcome(straight.getAsLong(), straight.getAsLong(), 0, 0)) : Optional.empty();
        if (copied.isPresent() && table.isFact()) {
            // only without the per-row checks can a straight copy hold a key the dimensions lack
            inferred.createFor(connection, manifestUri, table, table.quotedName(), keys);
        }
        Outcome outcome = copied.orElseGet(() -> stageAndMerge(connection, manifestUri, batch, table, parts,
                inferred, keys));
        if (setBased) {
            restoreForeignKeys(connection, manifestUri, table);
        }
        if (table.isDimension()) {
            inferred.present(table, keys);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        return new TableCounts(table.name(), parts.size(), outcome.staged(), outcome.inserted(), outcome.updated(),
                outcome.staged() - outcome.inserted() - outcome.updated(), outcome.completed(), 0, millis);
    }

    /**
     * The source rows a reconciliation batch found gone: staged, logged in etl_deleted_row, and flagged with
     * {@code deleted_at} in each dimension and fact they name. Counted as rows logged (inserted) and warehouse rows
     * flagged (updated: a fact row flags every version of it).
     */
    private TableCounts deletions(Connection connection, String manifestUri, WarehouseTable table,
                                  List<DataFile> parts, long started) {
        long staged = stage(connection, table, parts, new FactKeys(table));
        long logged;
        try (Statement statement = connection.createStatement();
             ResultSet count = statement.executeQuery(MergeSql.merge(table))) {
            count.next();
            logged = count.getLong(1);
        } catch (SQLException e) {
            throw warehouse.failure("logging the deleted rows of " + manifestUri, e);
        }
        long flagged = 0;
        for (WarehouseTable target : WarehouseCatalogue.deletable()) {
            try (PreparedStatement flag = connection.prepareStatement(MergeSql.flagDeleted(target, table))) {
                flag.setString(1, target.name());
                int rows = flag.executeUpdate();
                if (rows > 0) {
                    LOG.info("rows found gone at the source flagged deleted", entry("manifest", manifestUri),
                            entry("table", target.name()), entry("rows", rows));
                }
                flagged += rows;
            } catch (SQLException e) {
                throw warehouse.failure("flagging the rows of " + target.name() + " that " + manifestUri
                        + " found deleted", e);
            }
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        return new TableCounts(table.name(), parts.size(), staged, logged, flagged, staged - logged, 0, 0, millis);
    }

    /**
     * Adds the fact's foreign keys back, each validated by one query over the table. A reference to a dimension
     * row that does not exist fails here, naming the constraint, the column and one missing key; the transaction
     * then rolls back the rows and the drop alike.
     */
    private void restoreForeignKeys(Connection connection, String manifestUri, WarehouseTable fact) {
        long started = System.nanoTime();
        execute(connection, FactForeignKeys.add(fact), "merging " + manifestUri + " into table " + fact.name()
                + " (checking its foreign keys)");
        LOG.info("foreign keys checked set-based", entry("table", fact.name()),
                entry("foreign_keys", fact.foreignKeys().size()),
                entry("duration_ms", (System.nanoTime() - started) / 1_000_000));
    }

    private boolean isEmpty(Connection connection, WarehouseTable table) {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(MergeSql.isEmpty(table))) {
            row.next();
            return row.getBoolean(1);
        } catch (SQLException e) {
            throw warehouse.failure("reading table " + table.name(), e);
        }
    }

    private Outcome stageAndMerge(Connection connection, String manifestUri, int batch, WarehouseTable table,
                                  List<DataFile> parts, InferredRows inferred, FactKeys keys) {
        long staged = stage(connection, table, parts, keys);
        if (table.isFact()) {
            inferred.createFor(connection, manifestUri, table, MergeSql.stagingTable(table), keys);
        }
        long[] merged = merge(connection, manifestUri, batch, table);
        return new Outcome(staged, merged[0], merged[1], merged[2]);
    }

    private long stage(Connection connection, WarehouseTable table, List<DataFile> parts, FactKeys keys) {
        execute(connection, MergeSql.createStaging(table), "creating the staging table for " + table.name());
        BinaryCopyEncoder encoder = BinaryCopyEncoder.of(table);
        long staged = 0;
        for (DataFile part : parts) {
            staged += files.copy(connection, MergeSql.copyIntoStaging(table), encoder, part, keys);
        }
        return staged;
    }

    private long[] merge(Connection connection, String manifestUri, int batch, WarehouseTable table) {
        try (PreparedStatement statement = connection.prepareStatement(MergeSql.merge(table))) {
            if (table.isFact()) {
                statement.setInt(1, batch);
            }
            try (ResultSet counts = statement.executeQuery()) {
                counts.next();
                return new long[] {counts.getLong(1), counts.getLong(2), counts.getLong(3)};
            }
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
