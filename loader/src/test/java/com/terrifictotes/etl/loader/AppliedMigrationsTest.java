package com.terrifictotes.etl.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.terrifictotes.etl.db.AppliedMigrations;
import com.terrifictotes.etl.testbed.servers.Database;
import com.terrifictotes.etl.testbed.servers.TestBed;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * The loader's cold-start shortcut past Flyway: it may only say "current" for a warehouse whose history Flyway itself
 * wrote for exactly these migrations (so our checksum is Flyway's); any other history sends the loader to Flyway.
 */
class AppliedMigrationsTest {
    private static final TestBed BED = TestBed.shared();

    @Test
    void aWarehouseFlywayMigratedWithTheseMigrationsIsCurrentSoItsChecksumsAreFlyways() throws SQLException {
        Database warehouse = BED.createWarehouseDatabase();

        try (Connection connection = warehouse.dataSource().getConnection()) {
            assertThat(AppliedMigrations.matchClassPath(connection)).isTrue();
        }
    }

    @Test
    void aDatabaseWithNoHistoryIsNotCurrent() throws SQLException {
        Database empty = BED.createEmptyDatabase();

        try (Connection connection = empty.dataSource().getConnection()) {
            assertThat(AppliedMigrations.matchClassPath(connection)).isFalse();
        }
    }

    @Test
    void aChangedChecksumAMissingMigrationAFailedOneOrANewerOneIsNotCurrent() throws SQLException {
        assertThat(currentAfter("UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '2'"))
                .as("a migration edited after it was applied").isFalse();
        assertThat(currentAfter("DELETE FROM flyway_schema_history WHERE version = (SELECT max(version::int)::text"
                + " FROM flyway_schema_history)")).as("the last migration pending").isFalse();
        assertThat(currentAfter("UPDATE flyway_schema_history SET success = false WHERE version = '1'"))
                .as("a failed migration").isFalse();
        assertThat(currentAfter("INSERT INTO flyway_schema_history (installed_rank, version, description, type,"
                + " script, checksum, installed_by, execution_time, success) VALUES (999, '999', 'future', 'SQL',"
                + " 'V999__future.sql', 1, 'test', 1, true)")).as("a newer migration").isFalse();
        assertThat(currentAfter("UPDATE flyway_schema_history SET type = 'BASELINE' WHERE version = '1'"))
                .as("a baseline row").isFalse();
    }

    @Test
    void aWarehouseThatSkipsFlywayIsStillRefusedWhenItsLedgerWasDropped() throws SQLException {
        Database warehouse = BED.createWarehouseDatabase();
        try (Connection connection = warehouse.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE load_ledger CASCADE");
            assertThat(AppliedMigrations.matchClassPath(connection)).as("the history alone still matches").isTrue();
        }

        assertThatThrownBy(() -> new WarehouseLoader(BED.s3(), BED.createBucket("skips-flyway"),
                warehouse.dataSource()).loadPending())
                .isInstanceOf(LedgerConflictException.class)
                .hasMessageContaining("has no load_ledger table");
    }

    private static boolean currentAfter(String change) throws SQLException {
        Database warehouse = BED.createWarehouseDatabase();
        try (Connection connection = warehouse.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.executeUpdate(change);
            return AppliedMigrations.matchClassPath(connection);
        }
    }
}
