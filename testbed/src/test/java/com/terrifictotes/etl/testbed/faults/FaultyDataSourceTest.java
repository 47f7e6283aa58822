package com.terrifictotes.etl.testbed.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.terrifictotes.etl.db.WarehouseMigrations;
import com.terrifictotes.etl.testbed.servers.Database;
import com.terrifictotes.etl.testbed.servers.TestBed;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

class FaultyDataSourceTest {
    private Database database;

    @BeforeEach
    void createTable() throws SQLException {
        database = TestBed.shared().createEmptyDatabase();
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE item (id int PRIMARY KEY, name text)");
        }
    }

    @Test
    void theNthMatchingStatementFailsAndTheServerRollsBackTheOpenTransaction() throws SQLException {
        FaultyDataSource faulty = new FaultyDataSource(database.dataSource())
                .failStatement(2, sql -> sql.startsWith("INSERT"), Failure.ERROR);

        try (Connection connection = faulty.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO item VALUES (1, 'one')");
                assertThatThrownBy(() -> statement.execute("INSERT INTO item VALUES (2, 'two')"))
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("injected fault: the connection to the database was lost before running"
                                + " INSERT INTO item VALUES (2, 'two')")
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08006"));
            }
            assertThat(connection.isClosed()).isTrue();
        }

        assertThat(faulty.allFired()).isTrue();
        assertThat(count()).isZero();
        assertThat(faulty.statements()).containsExactly("INSERT INTO item VALUES (1, 'one')",
                "INSERT INTO item VALUES (2, 'two')");
    }

    @Test
    void aCopyBreaksAfterItsBytesAndNothingOfItIsKept() throws SQLException {
        FaultyDataSource faulty = new FaultyDataSource(database.dataSource())
                .failCopy(1, sql -> sql.startsWith("COPY item"), 500, Failure.ERROR);

        try (Connection connection = faulty.getConnection()) {
            connection.setAutoCommit(false);
            PGCopyOutputStream copy = new PGCopyOutputStream(connection.unwrap(PGConnection.class),
                    "COPY item (id, name) FROM STDIN (FORMAT csv)", 1 << 16);
            assertThatThrownBy(() -> {
                for (int i = 0; i < 1000; i++) {
                    copy.write((i + ",name " + i + "\n").getBytes(StandardCharsets.UTF_8));
                }
                copy.endCopy();
            }).isInstanceOf(SQLException.class).hasMessage("injected fault: the connection to the database was lost"
                    + " after sending 500 bytes of COPY item (id, name) FROM STDIN (FORMAT csv)");
        }

        assertThat(faulty.allFired()).isTrue();
        assertThat(count()).isZero();
    }

    @Test
    void aCopyWithinItsBudgetGoesThroughTheProxiedConnection() throws SQLException, IOException {
        FaultyDataSource faulty = new FaultyDataSource(database.dataSource())
                .failCopy(1, sql -> sql.startsWith("COPY item"), 1_000_000, Failure.ERROR);

        try (Connection connection = faulty.getConnection();
             OutputStream copy = new PGCopyOutputStream(connection.unwrap(PGConnection.class),
                     "COPY item (id, name) FROM STDIN (FORMAT csv)")) {
            copy.write("1,one\n2,two\n".getBytes(StandardCharsets.UTF_8));
        }

        assertThat(faulty.allFired()).as("the fault never happened").isFalse();
        assertThat(count()).isEqualTo(2);
    }

    @Test
    void aCommitCanReachTheServerAndStillFailForTheCaller() throws SQLException {
        FaultyDataSource faulty = new FaultyDataSource(database.dataSource())
                .failAfterCommit(1, sql -> sql.contains("'two'"), Failure.ERROR);

        try (Connection connection = faulty.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("INSERT INTO item VALUES (1, 'one')");
            connection.commit();
            statement.execute("INSERT INTO item VALUES (2, 'two')");
            assertThatThrownBy(connection::commit).isInstanceOf(SQLException.class)
                    .hasMessageContaining("after the server committed a transaction that ran INSERT INTO item VALUES");
        }

        assertThat(count()).isEqualTo(2);
    }

    @Test
    void aCrashCutsTheConnectionAndUnwindsAsAnError() throws SQLException {
        FaultyDataSource faulty = new FaultyDataSource(database.dataSource())
                .failStatement(1, sql -> sql.contains("'two'"), Failure.CRASH);

        try (Connection connection = faulty.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("INSERT INTO item VALUES (1, 'one')");
            assertThatThrownBy(() -> statement.execute("INSERT INTO item VALUES (2, 'two')"))
                    .isInstanceOf(SimulatedCrash.class);
            assertThatThrownBy(connection::commit).isInstanceOf(SQLException.class);
        }

        assertThat(count()).isZero();
    }

    @Test
    void flywayMigratesThroughTheProxiesAndEveryStatementIsSeen() {
        Database empty = TestBed.shared().createEmptyDatabase();
        FaultyDataSource faulty = new FaultyDataSource(empty.dataSource());

        WarehouseMigrations.migrate(faulty);

        assertThat(faulty.statements()).anyMatch(sql -> sql.contains("CREATE TABLE") && sql.contains("fact_payment"));
    }

    private long count() throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM item")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
