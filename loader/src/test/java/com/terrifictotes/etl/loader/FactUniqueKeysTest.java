package com.terrifictotes.etl.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import com.terrifictotes.etl.lake.AvroSchemas;
import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.manifest.DataFile;
import com.terrifictotes.etl.manifest.TableOutput;
import com.terrifictotes.etl.testbed.expected.WarehouseContents;
import com.terrifictotes.etl.testbed.faults.Failure;
import com.terrifictotes.etl.testbed.faults.FaultyDataSource;
import com.terrifictotes.etl.testbed.faults.SimulatedCrash;
import com.terrifictotes.etl.testbed.servers.Database;
import com.terrifictotes.etl.testbed.servers.TestBed;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A big first load sets each fact's unique keys aside while it copies and builds them after, inside the batch's
 * transaction ({@link FactUniqueKeys}); the warehouse ends with the migration's constraints, and a repeated version
 * still takes the merge.
 */
class FactUniqueKeysTest {
    private static final TestBed BED = TestBed.shared();
    private static final WarehouseTable PAYMENT = WarehouseCatalogue.FACT_PAYMENT;
    private static final String UNIQUE_KEYS = "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid),"
            + " convalidated FROM pg_constraint WHERE contype IN ('p', 'u') ORDER BY 1, 2";

    private final SourceHistory history = SourceHistory.sampled();
    private final ProcessedBatchWriter batches = new ProcessedBatchWriter(BED.s3(), BED.createBucket("processed"));

    @Test
    void statementsDropAndRebuildTheSurrogateAndVersionKeysByTheirMigrationNames() {
        assertThat(FactUniqueKeys.drop(PAYMENT)).isEqualTo("ALTER TABLE \"fact_payment\""
                + " DROP CONSTRAINT \"fact_payment_pkey\", DROP CONSTRAINT \"fact_payment_version\"");
        assertThat(FactUniqueKeys.add(PAYMENT)).isEqualTo("ALTER TABLE \"fact_payment\""
                + " ADD CONSTRAINT \"fact_payment_pkey\" PRIMARY KEY (\"payment_record_id\"),"
                + " ADD CONSTRAINT \"fact_payment_version\" UNIQUE (\"payment_id\", \"last_updated_date\","
                + " \"last_updated_time\")");
        assertThatThrownBy(() -> FactUniqueKeys.drop(WarehouseCatalogue.DIM_STAFF))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dim_staff");
    }

    @Test
    void aBigFirstLoadBuildsEachFactsKeysAfterItsCopyAndEndsWithTheMigrationsConstraintsEnforced() throws Exception {
        List<String> declared = WarehouseContents.query(BED.createWarehouseDatabase().dataSource(), UNIQUE_KEYS);
        Database warehouse = BED.createWarehouseDatabase();
        batches.write(1, history.first);
        FaultyDataSource watched = new FaultyDataSource(warehouse.dataSource());

        loader(watched, ForeignKeyPolicy.SET_BASED).loadPending();

        for (WarehouseTable fact : WarehouseCatalogue.facts()) {
            assertThat(watched.statements()).as(fact.name())
                    .contains(FactUniqueKeys.drop(fact), FactUniqueKeys.add(fact));
        }
        WarehouseLoaderTest.assertTablesEqual(WarehouseContents.of(warehouse.dataSource()),
                WarehouseContents.expected(List.of(history.first)));
        assertThat(WarehouseContents.query(warehouse.dataSource(), UNIQUE_KEYS)).isEqualTo(declared);
        assertThatThrownBy(() -> execute(warehouse.dataSource(), "INSERT INTO fact_payment"
                + " SELECT (SELECT max(payment_record_id) + 1 FROM fact_payment), payment_id, created_date,"
                + " created_time, last_updated_date, last_updated_time, transaction_id, counterparty_id,"
                + " payment_amount, currency_id, payment_type_id, paid, payment_date, etl_batch, deleted_at"
                + " FROM fact_payment LIMIT 1"))
                .isInstanceOf(SQLException.class).hasMessageContaining("fact_payment_version")
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("23505");
    }

    @Test
    void aBigFirstLoadSendsTheSurrogateKeysTheColumnDefaultWouldHaveGivenAndLeavesTheSequencesAlike() {
        Database reserved = BED.createWarehouseDatabase();
        Database defaulted = BED.createWarehouseDatabase();
        batches.write(1, history.first);
        FaultyDataSource watched = new FaultyDataSource(reserved.dataSource());

        loader(watched, ForeignKeyPolicy.SET_BASED).loadPending();
        loader(defaulted.dataSource(), ForeignKeyPolicy.ROW_BY_ROW).loadPending();

        for (WarehouseTable fact : WarehouseCatalogue.facts()) {
            assertThat(watched.statements()).as(fact.name()).contains(MergeSql.copyIntoWithKeys(fact));
            String keys = "SELECT " + fact.surrogateKey() + ", " + String.join(", ", fact.versionKey()) + " FROM "
                    + fact.quotedName() + " ORDER BY 1";
            List<String> sent = WarehouseContents.query(reserved.dataSource(), keys);
            assertThat(sent).as(fact.name()).hasSize(history.first.rows(fact).values().size())
                    .isEqualTo(WarehouseContents.query(defaulted.dataSource(), keys));
            String sequence = "SELECT last_value FROM pg_sequences s JOIN (SELECT"
                    + " pg_get_serial_sequence('" + fact.name() + "', '" + fact.surrogateKey() + "') AS name) q"
                    + " ON q.name = quote_ident(s.schemaname) || '.' || quote_ident(s.sequencename)";
            assertThat(WarehouseContents.query(reserved.dataSource(), sequence)).as(fact.name())
                    .isEqualTo(WarehouseContents.query(defaulted.dataSource(), sequence)).hasSize(1);
        }
    }

    @Test
    void aReservedRangeHandsOutItsKeysInTurnAndRefusesARowBeyondIt() throws SQLException {
        Database warehouse = BED.createWarehouseDatabase();
        try (Connection connection = warehouse.dataSource().getConnection()) {
            SurrogateKeys first = SurrogateKeys.reserve(connection, PAYMENT, 2);
            SurrogateKeys second = SurrogateKeys.reserve(connection, PAYMENT, 3);

            assertThat(List.of(first.next(), first.next(), second.next(), second.next(), second.next()))
                    .containsExactly(1, 2, 3, 4, 5);
            assertThatThrownBy(first::next).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("more rows than the manifest records");
            try (Statement statement = connection.createStatement();
                 ResultSet after = statement.executeQuery(
                         "SELECT nextval(pg_get_serial_sequence('fact_payment', 'payment_record_id'))")) {
                assertThat(after.next()).isTrue();
                assertThat(after.getLong(1)).as("the sequence's next value after both ranges").isEqualTo(6);
            }
        }
    }

    @Test
    void aSmallFirstLoadKeepsTheKeysInPlace() {
        Database warehouse = BED.createWarehouseDatabase();
        batches.write(1, history.first);
        FaultyDataSource watched = new FaultyDataSource(warehouse.dataSource());

        loader(watched, ForeignKeyPolicy.ROW_BY_ROW).loadPending();

        assertThat(watched.statements()).noneMatch(sql -> sql.contains("DROP CONSTRAINT \"fact_payment_pkey\""));
    }

    @Test
    void aVersionRepeatedInABigFirstLoadFailsTheKeyBuildAndIsMergedAfterAllKeepingItOnce() {
        Database warehouse = BED.createWarehouseDatabase();
        List<TableOutput> outputs = new ArrayList<>(batches.writeFiles(1, history.first));
        List<Object[]> rows = new ArrayList<>(history.first.rows(PAYMENT).values());
        rows.add(rows.get(rows.size() / 2).clone());
        String key = BucketLayout.parquetPartKey(PAYMENT.name(), 1, 0);
        batches.delete(key);
        batches.delete(BucketLayout.parquetPartKey(PAYMENT.name(), 1, 1));
        DataFile file = batches.writeParquet(key, AvroSchemas.of(PAYMENT), rows);
        outputs.replaceAll(output -> output.table().equals(PAYMENT.name())
                ? new TableOutput(PAYMENT.name(), rows.size(), List.of(file)) : output);
        batches.writeManifest(1, outputs);
        FaultyDataSource watched = new FaultyDataSource(warehouse.dataSource());

        AppliedBatch batch = loader(watched, ForeignKeyPolicy.SET_BASED).loadPending().applied().get(0);

        assertThat(watched.statements()).contains(FactUniqueKeys.add(PAYMENT));
        WarehouseLoaderTest.assertTablesEqual(WarehouseContents.of(warehouse.dataSource()),
                WarehouseContents.expected(List.of(history.first)));
        TableCounts payments = batch.tables().stream().filter(t -> t.table().equals(PAYMENT.name())).findFirst()
                .orElseThrow();
        assertThat(payments).extracting(TableCounts::staged, TableCounts::inserted, TableCounts::unchanged)
                .containsExactly((long) rows.size(), rows.size() - 1L, 1L);
    }

    @ParameterizedTest
    @EnumSource(Failure.class)
    void aFaultWhileTheKeysAreBuiltCommitsNothingAndTheRetryConvergesWithTheKeysInPlace(Failure failure) {
        Database warehouse = BED.createWarehouseDatabase();
        List<String> declared = WarehouseContents.query(warehouse.dataSource(), UNIQUE_KEYS);
        batches.write(1, history.first);
        FaultyDataSource faulty = new FaultyDataSource(warehouse.dataSource())
                .failStatement(1, FactUniqueKeys.add(PAYMENT)::equals, failure);

        assertThatThrownBy(() -> loader(faulty, ForeignKeyPolicy.SET_BASED).loadPending())
                .isInstanceOf(failure == Failure.CRASH ? SimulatedCrash.class : WarehouseException.class);

        assertThat(faulty.allFired()).isTrue();
        assertThat(WarehouseContents.of(warehouse.dataSource()).tables().values()).allMatch(List::isEmpty);
        assertThat(WarehouseContents.query(warehouse.dataSource(), UNIQUE_KEYS)).isEqualTo(declared);
        loader(warehouse.dataSource(), ForeignKeyPolicy.SET_BASED).loadPending();
        WarehouseLoaderTest.assertTablesEqual(WarehouseContents.of(warehouse.dataSource()),
                WarehouseContents.expected(List.of(history.first)));
        assertThat(WarehouseContents.query(warehouse.dataSource(), UNIQUE_KEYS)).isEqualTo(declared);
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
