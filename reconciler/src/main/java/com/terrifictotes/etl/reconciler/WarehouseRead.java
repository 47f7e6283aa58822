package com.terrifictotes.etl.reconciler;

import com.terrifictotes.etl.catalogue.Identifiers;
import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import com.terrifictotes.etl.error.ConfigurationException;
import com.terrifictotes.etl.extractor.SourceDatabase;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The warehouse as one read-only {@code REPEATABLE READ} snapshot, taken before the source's: every row it holds was
 * extracted before the source snapshot began, so a row it holds that the source lacks is truly gone, never merely
 * newer than the source read. What the pipeline delivered is read here, where it ends up: a dimension's live rows
 * (inferred ones included, flagged), a fact's {@code _current} view (a source row's current version, deleted ones
 * left out). Digests and sums are computed by PostgreSQL ({@link RowDigest#sql}); only differing ranges' rows come
 * back.
 */
final class WarehouseRead implements AutoCloseable {
    private static final String UNDEFINED_TABLE = "42P01";
    /** Sums are compared modulo 2^64, as Java's long sums them. */
    private static final String TWO_TO_THE_64 = "18446744073709551616";

    private final Connection connection;
    private final SourceDatabase database;

    private WarehouseRead(Connection connection, SourceDatabase database) {
        this.connection = connection;
        this.database = database;
    }

    static WarehouseRead open(SourceDatabase database) {
        Connection connection;
        try {
            connection = database.dataSource().getConnection();
        } catch (SQLException e) {
            throw failure(database, "cannot connect to", e);
        }
        try {
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            connection.setAutoCommit(false);
            return new WarehouseRead(connection, database);
        } catch (SQLException e) {
            close(connection);
            throw failure(database, "cannot open a snapshot of", e);
        }
    }

    /**
     * The newest batch the warehouse applied; its statement takes the snapshot. 0 if it applied none.
     *
     * @throws ConfigurationException if the warehouse has no load ledger: no loader ever ran against it
     */
    long ledgerSequence() {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT coalesce(max(sequence), 0) FROM load_ledger")) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            if (UNDEFINED_TABLE.equals(e.getSQLState())) {
                throw new ConfigurationException("warehouse " + database.description() + " has no load_ledger: no"
                        + " loader has run against it yet, so there is nothing to reconcile");
            }
            throw failure(database, "cannot read the load ledger of", e);
        }
    }

    /** The quarantined versions no later version superseded. */
    RejectedVersions openRejections() {
        RejectedVersions rejected = new RejectedVersions();
        String sql = "SELECT source_table, source_id, last_updated FROM "
                + WarehouseCatalogue.ETL_REJECTED_ROW.quotedName() + " WHERE superseded_in_batch IS NULL";
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                rejected.add(rows.getString(1), rows.getString(2), rows.getObject(3, LocalDateTime.class));
            }
        } catch (SQLException e) {
            throw failure(database, "cannot read the quarantined rows of", e);
        }
        return rejected;
    }

    /** One dimension's live rows, or one fact's current rows, as the bisection asks for them. */
    Bisection.Warehouse table(WarehouseTable table) {
        boolean fact = table.isFact();
        String key = "t." + Identifiers.quote(fact ? table.sourceIdColumn() : table.primaryKey().get(0));
        String relation = Identifiers.quote(fact ? table.currentViewName() : table.name()) + " t";
        String live = fact ? "" : " AND t." + Identifiers.quote(WarehouseTable.DELETED_AT) + " IS NULL";
        String inferred = table.takesInferredRows() ? "t." + Identifiers.quote(WarehouseTable.IS_INFERRED) : "false";
        String where = " WHERE " + key + " >= ? AND " + key + " < ?" + live;
        String summary = "SELECT count(*), (coalesce(sum(d), 0) % " + TWO_TO_THE_64 + ")::text, min(k), max(k)"
                + " FROM (SELECT " + key + " AS k, " + RowDigest.sql(table, "t") + " AS d FROM " + relation + where
                + ") r";
        String rows = "SELECT " + key + ", " + RowDigest.sql(table, "t") + ", " + inferred + " FROM " + relation
                + where + " ORDER BY " + key;
        return new Bisection.Warehouse() {
            @Override
            public RangeSummary summary(KeyRange keys) {
                try (PreparedStatement query = bound(summary, keys); ResultSet row = query.executeQuery()) {
                    row.next();
                    long count = row.getLong(1);
                    return count == 0 ? RangeSummary.EMPTY : new RangeSummary(count,
                            new BigInteger(row.getString(2)).longValue(), row.getLong(3), row.getLong(4));
                } catch (SQLException e) {
                    throw failure(database, "cannot read table " + table.name() + " of", e);
                }
            }

            @Override
            public List<Bisection.WarehouseKey> rows(KeyRange keys) {
                List<Bisection.WarehouseKey> found = new ArrayList<>();
                try (PreparedStatement query = bound(rows, keys); ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        found.add(new Bisection.WarehouseKey(row.getInt(1), row.getLong(2), row.getBoolean(3)));
                    }
                    return found;
                } catch (SQLException e) {
                    throw failure(database, "cannot read table " + table.name() + " of", e);
                }
            }
        };
    }

    @Override
    public void close() {
        close(connection);
    }

    private PreparedStatement bound(String sql, KeyRange keys) throws SQLException {
        PreparedStatement query = connection.prepareStatement(sql);
        query.setLong(1, keys.lo());
        query.setLong(2, keys.hi());
        return query;
    }

    private static void close(Connection connection) {
        try (connection) {
            connection.rollback();
        } catch (SQLException ignored) {
            // a read-only transaction has nothing to lose; a broken connection is discarded by the server
        }
    }

    private static RuntimeException failure(SourceDatabase database, String what, SQLException e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new WarehouseReadException(what + " warehouse " + database.description() + ": "
                + reason + (e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")"), e);
    }
}
