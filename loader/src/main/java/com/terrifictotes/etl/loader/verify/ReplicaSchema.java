package com.terrifictotes.etl.loader.verify;

import com.terrifictotes.etl.catalogue.Identifiers;
import com.terrifictotes.etl.error.ConfigurationException;
import com.terrifictotes.etl.error.StorageException;
import com.terrifictotes.etl.loader.LoadLedger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The verification's scratch replica: a schema of the warehouse database into which the applied batches are replayed.
 * It is kept between runs, so a daily verification replays only the batches that arrived since.
 *
 * <p>Emptying it drops the relations it holds, never the schema itself: the loader's database user may have no right
 * to create schemas, in which case an administrator creates it once ({@code CREATE SCHEMA totes_verify AUTHORIZATION
 * <loader user>}), and it must survive a rebuild. A schema that holds the warehouse itself is refused before
 * anything is dropped.
 */
final class ReplicaSchema {
    /** What PostgreSQL says when a user may not create a schema in the database. */
    private static final String INSUFFICIENT_PRIVILEGE = "42501";
    /** Views first (they depend on tables), then tables (their identity sequences go with them), then the rest. */
    private static final List<RelationKind> RELATION_KINDS = List.of(new RelationKind("v", "VIEW"),
            new RelationKind("m", "MATERIALIZED VIEW"), new RelationKind("p", "TABLE"), new RelationKind("r", "TABLE"),
            new RelationKind("f", "FOREIGN TABLE"), new RelationKind("S", "SEQUENCE"));

    /** A {@code pg_class.relkind} and the word that drops it. */
    private record RelationKind(String code, String keyword) {
    }

    private final DataSource warehouse;
    private final SchemaScopedDataSource replica;

    ReplicaSchema(DataSource warehouse, String schema) {
        this.warehouse = warehouse;
        this.replica = new SchemaScopedDataSource(warehouse, schema);
    }

    String name() {
        return replica.schema();
    }

    /** The warehouse's database with every unqualified name resolved in the replica. */
    DataSource dataSource() {
        return replica;
    }

    /** The replica's ledger, oldest first; empty while it has none. */
    List<LedgerRows.Row> ledger() {
        try (Connection connection = replica.getConnection()) {
            return LoadLedger.exists(connection) ? LedgerRows.read(connection) : List.of();
        } catch (SQLException e) {
            throw new StorageException("cannot read the replica's load ledger in schema " + name() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Makes sure the schema exists and is not the warehouse's own, and empties it when {@code empty}; true when it
     * was emptied (or created).
     */
    boolean prepare(boolean empty) throws SQLException {
        try (Connection connection = warehouse.getConnection()) {
            refuseTheWarehousesOwnSchema(connection);
            if (!exists(connection)) {
                create(connection);
                return true;
            }
            if (empty) {
                dropRelations(connection);
            }
            return empty;
        }
    }

    private void refuseTheWarehousesOwnSchema(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT current_schema(), (SELECT n.nspname"
                + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.oid = to_regclass('load_ledger'))");
             ResultSet row = query.executeQuery()) {
            row.next();
            if (name().equals(row.getString(1)) || name().equals(row.getString(2))) {
                throw new ConfigurationException("the replica schema " + name() + " is the warehouse's own schema:"
                        + " the verification would replay into the warehouse itself; choose another replica schema");
            }
        }
    }

    private boolean exists(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
            query.setString(1, name());
            try (ResultSet row = query.executeQuery()) {
                return row.next();
            }
        }
    }

    private void create(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA IF NOT EXISTS " + Identifiers.quote(name()));
        } catch (SQLException e) {
            if (!INSUFFICIENT_PRIVILEGE.equals(e.getSQLState())) {
                throw e;
            }
            throw new ConfigurationException("cannot create the replica schema " + name() + " for the verification: "
                    + e.getMessage() + ". Create it once for the warehouse's user (CREATE SCHEMA " + name()
                    + " AUTHORIZATION <user>), or grant CREATE on the database", e);
        }
    }

    private void dropRelations(Connection connection) throws SQLException {
        List<String> drops = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT c.relkind::text, c.relname FROM pg_class c"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ?"
                + " AND c.relkind IN ('v', 'm', 'r', 'p', 'f', 'S')")) {
            query.setString(1, name());
            List<String[]> relations = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    relations.add(new String[] {rows.getString(1), rows.getString(2)});
                }
            }
            for (RelationKind kind : RELATION_KINDS) {
                relations.stream().filter(r -> r[0].equals(kind.code())).forEach(r -> drops.add("DROP "
                        + kind.keyword() + " IF EXISTS " + Identifiers.quote(name()) + "." + Identifiers.quote(r[1])
                        + " CASCADE"));
            }
        }
        try (Statement statement = connection.createStatement()) {
            for (String drop : drops) {
                statement.execute(drop);
            }
        }
    }
}
