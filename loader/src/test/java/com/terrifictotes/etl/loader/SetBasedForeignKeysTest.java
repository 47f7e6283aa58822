package com.terrifictotes.etl.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.testbed.expected.WarehouseContents;
import com.terrifictotes.etl.testbed.faults.Failure;
import com.terrifictotes.etl.testbed.faults.FaultyDataSource;
import com.terrifictotes.etl.testbed.faults.SimulatedCrash;
import com.terrifictotes.etl.testbed.servers.Database;
import com.terrifictotes.etl.testbed.servers.TestBed;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Big fact batches check their foreign keys set-based (drop, append, re-add inside the batch's transaction) instead
 * of by PostgreSQL's per-row triggers. The policy is forced here ({@link ForeignKeyPolicy#SET_BASED} for every
 * batch, {@link ForeignKeyPolicy#ROW_BY_ROW} for none) so that the test data can stay small.
 */
class SetBasedForeignKeysTest {
    private static final TestBed BED = TestBed.shared();
    private static final String FOREIGN_KEYS = "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid),"
            + " convalidated FROM pg_constraint WHERE contype = 'f' ORDER BY 1, 2";

    private final SourceHistory history = SourceHistory.shared();
    private final ProcessedBatchWriter batches = new ProcessedBatchWriter(BED.s3(), BED.createBucket("processed"));

    @Test
    void aBigBatchLoadsTheSameWarehouseAsTheRowByRowPathAndTheOracle() {
        batches.write(1, history.first);
        batches.write(2, history.second);
        Database setBased = BED.createEmptyDatabase();
        Database rowByRow = BED.createEmptyDatabase();

        LoadReport report = loader(setBased.dataSource(), ForeignKeyPolicy.SET_BASED).loadPending();
        loader(rowByRow.dataSource(), ForeignKeyPolicy.ROW_BY_ROW).loadPending();

        assertThat(report.applied()).extracting(AppliedBatch::sequence).containsExactly(1L, 2L);
        WarehouseContents contents = WarehouseContents.of(setBased.dataSource());
        WarehouseLoaderTest.assertTablesEqual(contents, WarehouseContents.expected(history.both()));
        assertThat(contents).isEqualTo(WarehouseContents.of(rowByRow.dataSource()));
    }

    @Test
    void theForeignKeysAreBackValidatedAndEnforcedAfterABigBatch() {
        Database migrated = BED.createWarehouseDatabase();
        List<String> declared = WarehouseContents.query(migrated.dataSource(), FOREIGN_KEYS);
        Database warehouse = BED.createWarehouseDatabase();
        batches.write(1, history.first);

        loader(warehouse.dataSource(), ForeignKeyPolicy.SET_BASED).loadPending();

        assertThat(declared).as("foreign keys the migration declares").hasSize(
                WarehouseCatalogue.facts().stream().mapToInt(f -> f.foreignKeys().size()).sum());
        assertThat(WarehouseContents.query(warehouse.dataSource(), FOREIGN_KEYS)).isEqualTo(declared);
        assertThatThrownBy(() -> execute(warehouse.dataSource(), "UPDATE fact_payment SET transaction_id = -1"
                + " WHERE payment_record_id = (SELECT min(payment_record_id) FROM fact_payment)"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("fact_payment_transaction_id_fkey")
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("23503");
    }

    @ParameterizedTest
    @EnumSource(Failure.class)
    void aFaultWhileTheForeignKeysAreSetAsideKeepsThemAndTheRetryConverges(Failure failure) {
        Database warehouse = BED.createEmptyDatabase();
        batches.write(1, history.first);
        loader(warehouse.dataSource(), ForeignKeyPolicy.SET_BASED).loadPending();
        WarehouseContents afterFirst = WarehouseContents.of(warehouse.dataSource());
        List<String> foreignKeys = WarehouseContents.query(warehouse.dataSource(), FOREIGN_KEYS);
        batches.write(2, history.second);
        FaultyDataSource faulty = new FaultyDataSource(warehouse.dataSource())
                .failStatement(2, sql -> sql.startsWith("ALTER TABLE") && sql.contains("ADD CONSTRAINT"), failure);

        assertThatThrownBy(() -> loader(faulty, ForeignKeyPolicy.SET_BASED).loadPending())
                .isInstanceOf(failure == Failure.CRASH ? SimulatedCrash.class : WarehouseException.class);

        assertThat(faulty.allFired()).isTrue();
        assertThat(WarehouseContents.of(warehouse.dataSource())).isEqualTo(afterFirst);
        assertThat(WarehouseContents.query(warehouse.dataSource(), FOREIGN_KEYS)).isEqualTo(foreignKeys);
        LoadReport retry = loader(warehouse.dataSource(), ForeignKeyPolicy.SET_BASED).loadPending();
        assertThat(retry.applied()).extracting(AppliedBatch::sequence).containsExactly(2L);
        WarehouseLoaderTest.assertTablesEqual(WarehouseContents.of(warehouse.dataSource()),
                WarehouseContents.expected(history.both()));
        assertThat(WarehouseContents.query(warehouse.dataSource(), FOREIGN_KEYS)).isEqualTo(foreignKeys);
    }

    private WarehouseLoader loader(DataSource warehouse, ForeignKeyPolicy policy) {
        return new WarehouseLoader(BED.s3(), batches.bucketName(), warehouse, LoadListener.NONE, policy);
    }

    private static void execute(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
