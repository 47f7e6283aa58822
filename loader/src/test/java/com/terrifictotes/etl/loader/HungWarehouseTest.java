package com.terrifictotes.etl.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.terrifictotes.etl.db.DatabaseSecret;
import com.terrifictotes.etl.db.DatabaseTimeouts;
import com.terrifictotes.etl.db.PostgresDataSources;
import com.terrifictotes.etl.testbed.servers.Database;
import com.terrifictotes.etl.testbed.servers.TestBed;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A warehouse that hangs must fail the invocation long before Lambda's 15-minute limit, naming the database and what
 * the loader was doing: another loader holding the load lock, a statement that does not end, a server that accepts
 * connections and never answers, one that stops answering mid-session. The timeouts here are seconds so the test is
 * quick; {@link DatabaseTimeouts#LOADER} sizes the real ones.
 */
class HungWarehouseTest {
    private static final TestBed BED = TestBed.shared();

    private final SourceHistory history = SourceHistory.sampled();
    private final ProcessedBatchWriter batches = new ProcessedBatchWriter(BED.s3(), BED.createBucket("processed"));

    @Test
    void aLoaderWaitingForAnotherLoadersLockGivesUpAfterTheLockTimeoutNamingTheWarehouse() throws Exception {
        Database warehouse = BED.createEmptyDatabase();
        batches.write(1, history.first);
        DataSource bounded = dataSource(warehouse.secret(), new DatabaseTimeouts(30, 1, 60, 10));
        new WarehouseLoader(BED.s3(), batches.bucketName(), bounded).loadPending(); // migrates, applies batch 1
        batches.write(2, history.second);

        try (Connection otherLoader = warehouse.dataSource().getConnection()) {
            otherLoader.setAutoCommit(false);
            try (PreparedStatement lock = otherLoader.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, LoadLedger.ADVISORY_LOCK_KEY);
                lock.execute();
            }

            assertThatThrownBy(() -> new WarehouseLoader(BED.s3(), batches.bucketName(), bounded).loadPending())
                    .isInstanceOf(WarehouseException.class)
                    .hasMessageContaining("another loader holds the warehouse " + address(warehouse))
                    .hasMessageContaining("processed-000000000002")
                    .hasMessageContaining("DB_LOCK_TIMEOUT_SECONDS")
                    .message().doesNotContain(warehouse.password());
            otherLoader.rollback();
        }

        LoadReport retry = new WarehouseLoader(BED.s3(), batches.bucketName(), bounded).loadPending();
        assertThat(retry.applied()).extracting(AppliedBatch::sequence).containsExactly(2L);
    }

    @Test
    void aStatementThatRunsPastTheStatementTimeoutIsCancelledByTheServerAndNamed() throws Exception {
        Database warehouse = BED.createEmptyDatabase();
        Warehouse bounded = new Warehouse(dataSource(warehouse.secret(), new DatabaseTimeouts(1, 1, 30, 10)));

        try (Connection connection = bounded.connect(); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.execute("SELECT pg_sleep(20)"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(
                            bounded.failure("merging table dim_staff", e)).hasMessageStartingWith(
                                    "merging table dim_staff in the warehouse " + address(warehouse) + " failed: ")
                            .hasMessageContaining("statement timeout")
                            .hasMessageContaining("DB_STATEMENT_TIMEOUT_SECONDS"));
        }
    }

    @Test
    void aServerThatStopsAnsweringMidSessionIsCutOffByTheSocketTimeout() throws Exception {
        Database warehouse = BED.createEmptyDatabase();
        // the server keeps the statement running (no statement timeout within reach): only the client can give up
        Warehouse bounded = new Warehouse(dataSource(warehouse.secret(), new DatabaseTimeouts(60, 1, 2, 10)));

        try (Connection connection = bounded.connect(); Statement statement = connection.createStatement()) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> statement.execute("SELECT pg_sleep(30)"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(
                            bounded.failure("applying s3://processed/manifests/processed-000000000001.json", e))
                            .hasMessageContaining("in the warehouse " + address(warehouse) + " failed")
                            .hasMessageContaining("DB_SOCKET_TIMEOUT_SECONDS"));
            assertThat((System.nanoTime() - started) / 1_000_000_000).as("seconds, of a 30-second sleep")
                    .isLessThan(25);
        }
    }

    @Test
    void aServerThatAcceptsConnectionsButNeverAnswersFailsWithinTheLoginTimeout() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            DatabaseSecret secret = new DatabaseSecret("127.0.0.1", silent.port(), "warehouse", "loader", "pw");
            DataSource hanging = PostgresDataSources.create(secret, "test", "disable", null,
                    new DatabaseTimeouts(60, 1, 90, 2));
            batches.write(1, history.first);

            long started = System.nanoTime();
            assertThatThrownBy(() -> new WarehouseLoader(BED.s3(), batches.bucketName(), hanging).loadPending())
                    .isInstanceOf(WarehouseException.class)
                    .hasMessageStartingWith("cannot connect to the warehouse 127.0.0.1:" + silent.port() + "/warehouse");
            assertThat((System.nanoTime() - started) / 1_000_000_000).as("seconds until it gave up").isLessThan(20);
            assertThat(silent.accepted()).isPositive();
        }
    }

    private static DataSource dataSource(DatabaseSecret secret, DatabaseTimeouts timeouts) {
        return PostgresDataSources.create(secret, "totes-etl-loader-test", "disable", null, timeouts);
    }

    private static String address(Database warehouse) {
        return warehouse.host() + ":" + warehouse.port() + "/" + warehouse.name() + " as user " + warehouse.user();
    }

    /** A TCP server on the loopback that accepts every connection and never sends a byte. */
    private static final class SilentServer implements AutoCloseable {
        private final ServerSocket server;
        private final List<Socket> held = new ArrayList<>();
        private final Thread acceptor;

        SilentServer() throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket socket = server.accept();
                        synchronized (held) {
                            held.add(socket);
                        }
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "silent-postgres");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        int accepted() {
            synchronized (held) {
                return held.size();
            }
        }

        @Override
        public void close() throws Exception {
            server.close();
            synchronized (held) {
                for (Socket socket : held) {
                    socket.close();
                }
            }
            acceptor.join(5_000);
        }
    }
}
