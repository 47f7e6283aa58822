package com.terrifictotes.etl.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.error.ConfigurationException;
import com.terrifictotes.etl.testbed.expected.WarehouseContents;
import com.terrifictotes.etl.testbed.servers.Database;
import com.terrifictotes.etl.testbed.servers.TestBed;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The warehouse itself at fault: down, or migrated past what this loader knows. */
class WarehouseFaultsTest {
    private static final TestBed BED = TestBed.shared();

    private final SourceHistory history = SourceHistory.sampled();
    private final ProcessedBatchWriter batches = new ProcessedBatchWriter(BED.s3(), BED.createBucket("processed"));

    @Test
    void aWarehouseThatIsDownFailsNamingItsAddressAndCauseButNotThePassword() throws IOException {
        Database warehouse = BED.createEmptyDatabase();
        batches.write(1, history.first);
        PGSimpleDataSource down = new PGSimpleDataSource();
        down.setServerNames(new String[] {warehouse.host()});
        down.setPortNumbers(new int[] {unusedPort()});
        down.setDatabaseName(warehouse.name());
        down.setUser(warehouse.user());
        down.setPassword(warehouse.password());

        assertThatThrownBy(() -> new WarehouseLoader(BED.s3(), batches.bucketName(), down).loadPending())
                .isInstanceOf(WarehouseException.class)
                .hasMessageStartingWith("cannot connect to the warehouse " + warehouse.host() + ":"
                        + down.getPortNumbers()[0] + "/" + warehouse.name() + " as user " + warehouse.user() + ": ")
                .hasMessageContaining("refused")
                .message().doesNotContain(warehouse.password());

        LoadReport retry = new WarehouseLoader(BED.s3(), batches.bucketName(), warehouse.dataSource()).loadPending();
        assertThat(retry.applied()).extracting(AppliedBatch::sequence).containsExactly(1L);
    }

    @Test
    void aWarehouseMigratedPastThisLoadersSchemaIsRefusedBeforeAnythingChanges() throws SQLException {
        Database warehouse = BED.createWarehouseDatabase();
        batches.write(1, history.first);
        try (Connection connection = warehouse.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO flyway_schema_history (installed_rank, version, description, type,"
                    + " script, checksum, installed_by, execution_time, success) VALUES"
                    + " (99, '99', 'from the future', 'SQL', 'V99__from_the_future.sql', 0, current_user, 0, true)");
        }

        assertThatThrownBy(() -> new WarehouseLoader(BED.s3(), batches.bucketName(), warehouse.dataSource())
                .loadPending())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("warehouse schema is at version 99, newer than the "
                        + WarehouseCatalogue.SCHEMA_VERSION + " this loader knows");
        WarehouseContents contents = WarehouseContents.of(warehouse.dataSource());
        assertThat(contents.ledger()).isEmpty();
        assertThat(contents.tables().values()).allMatch(List::isEmpty);
    }

    @Test
    void migratesAnEmptyDatabaseBeforeTheFirstLoad() {
        Database empty = BED.createEmptyDatabase();
        batches.write(1, history.first);

        LoadReport report = new WarehouseLoader(BED.s3(), batches.bucketName(), empty.dataSource()).loadPending();

        assertThat(report.applied()).extracting(AppliedBatch::sequence).containsExactly(1L);
        WarehouseLoaderTest.assertTablesEqual(WarehouseContents.of(empty.dataSource()),
                WarehouseContents.expected(List.of(history.first)));
    }

    @Test
    void loaderSessionsLetTheServerDropAFrozenLoaderInsteadOfWaitingForItsLock() throws SQLException {
        Database warehouse = BED.createEmptyDatabase();

        List<String> settings;
        try (Connection connection = new Warehouse(warehouse.dataSource()).connect();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT current_setting('idle_in_transaction_session_timeout'),"
                     + " current_setting('tcp_keepalives_idle'), current_setting('tcp_keepalives_count')")) {
            row.next();
            settings = List.of(row.getString(1), row.getString(2), row.getString(3));
        }

        assertThat(settings).containsExactly("5min", "60", "6");
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
