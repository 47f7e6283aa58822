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
import com.terrifictotes.etl.testbed.expected.WarehouseFromSource;
import com.terrifictotes.etl.testbed.faults.Failure;
import com.terrifictotes.etl.testbed.faults.FaultyDataSource;
import com.terrifictotes.etl.testbed.faults.SimulatedCrash;
import com.terrifictotes.etl.testbed.servers.Database;
import com.terrifictotes.etl.testbed.servers.TestBed;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A first batch goes into its empty tables straight from COPY, without staging; whatever would make that differ from
 * the merge (a key seen twice) sends the batch through the merge after all, and a bad reference still fails it whole.
 */
class CopyStraightInTest {
    private static final TestBed BED = TestBed.shared();

    private final SourceHistory history = SourceHistory.sampled();
    private final Database warehouse = BED.createEmptyDatabase();
    private final ProcessedBatchWriter batches = new ProcessedBatchWriter(BED.s3(), BED.createBucket("processed"));
    private final List<TableOutput> outputs = new ArrayList<>();

    @Test
    void aFirstBatchIsCopiedStraightIntoEveryTableWithoutStaging() {
        batches.write(1, history.first);
        FaultyDataSource watched = new FaultyDataSource(warehouse.dataSource());

        AppliedBatch batch = loader(watched, ForeignKeyPolicy.DEFAULT).loadPending().applied().get(0);

        WarehouseLoaderTest.assertTablesEqual(contents(), WarehouseContents.expected(List.of(history.first)));
        // the staging tables' quoted names (MergeSql.stagingTable), not the migrations' "etl_rejected_row_stage_check"
        assertThat(watched.statements()).noneMatch(sql -> sql.contains("\"stage_"));
        for (TableCounts counts : batch.tables()) {
            long rows = history.first.rows(WarehouseCatalogue.table(counts.table())).texts().size();
            assertThat(counts).as(counts.table()).extracting(TableCounts::staged, TableCounts::inserted,
                    TableCounts::updated, TableCounts::unchanged).containsExactly(rows, rows, 0L, 0L);
        }
    }

    @Test
    void aFirstBatchRepeatingAFactVersionAndADimensionKeyIsMergedAfterAllKeepingEachOnce() {
        WarehouseTable fact = WarehouseCatalogue.FACT_PAYMENT;
        WarehouseTable dimension = WarehouseCatalogue.DIM_STAFF;
        writeFirstBatchWith(fact, rows -> append(rows, rows.get(0).clone()));
        writeFirstBatchWith(dimension, rows -> append(rows, rows.get(0).clone()));
        batches.writeManifest(1, outputs);

        AppliedBatch batch = loader(warehouse.dataSource(), ForeignKeyPolicy.SET_BASED).loadPending().applied().get(0);

        WarehouseLoaderTest.assertTablesEqual(contents(), WarehouseContents.expected(List.of(history.first)));
        long facts = history.first.rows(fact).texts().size();
        assertThat(counts(batch, fact)).extracting(TableCounts::staged, TableCounts::inserted, TableCounts::unchanged)
                .containsExactly(facts + 1, facts, 1L);
        long staff = history.first.rows(dimension).texts().size();
        assertThat(counts(batch, dimension)).extracting(TableCounts::staged, TableCounts::inserted)
                .containsExactly(staff + 1, staff);
    }

    @ParameterizedTest
    @EnumSource(Failure.class)
    void aCopyCutHalfwayIntoAnEmptyTableCommitsNothingAndTheRetryConverges(Failure failure) {
        batches.write(1, history.first);
        FaultyDataSource faulty = new FaultyDataSource(warehouse.dataSource())
                .failCopy(1, sql -> sql.startsWith("COPY \"fact_payment\""), 1_000, failure);

        assertThatThrownBy(() -> loader(faulty, ForeignKeyPolicy.SET_BASED).loadPending())
                .isInstanceOf(failure == Failure.CRASH ? SimulatedCrash.class : WarehouseException.class);

        assertThat(faulty.allFired()).isTrue();
        WarehouseContents afterFault = contents();
        assertThat(afterFault.ledger()).isEmpty();
        assertThat(afterFault.tables().values()).allMatch(List::isEmpty);
        LoadReport retry = loader(warehouse.dataSource(), ForeignKeyPolicy.SET_BASED).loadPending();
        assertThat(retry.applied()).extracting(AppliedBatch::sequence).containsExactly(1L);
        WarehouseLoaderTest.assertTablesEqual(contents(), WarehouseContents.expected(List.of(history.first)));
    }

    /** Batch 1's files, with the rows of {@code changed} changed as given and written to one file. */
    private void writeFirstBatchWith(WarehouseTable changed, UnaryOperator<List<Object[]>> change) {
        if (outputs.isEmpty()) {
            outputs.addAll(batches.writeFiles(1, history.first));
        }
        WarehouseFromSource.TableRows rows = history.first.rows(changed);
        List<Object[]> values = change.apply(new ArrayList<>(rows.values()));
        String key = BucketLayout.parquetPartKey(changed.name(), 1, 0);
        batches.delete(key);
        batches.delete(BucketLayout.parquetPartKey(changed.name(), 1, 1));
        DataFile file = batches.writeParquet(key, AvroSchemas.of(changed), values);
        outputs.replaceAll(output -> output.table().equals(changed.name())
                ? new TableOutput(changed.name(), values.size(), List.of(file)) : output);
    }

    private static List<Object[]> append(List<Object[]> rows, Object[] row) {
        rows.add(row);
        return rows;
    }

    private WarehouseLoader loader(DataSource dataSource, ForeignKeyPolicy policy) {
        return new WarehouseLoader(BED.s3(), batches.bucketName(), dataSource, LoadListener.NONE, policy);
    }

    private WarehouseContents contents() {
        return WarehouseContents.of(warehouse.dataSource());
    }

    private static TableCounts counts(AppliedBatch batch, WarehouseTable table) {
        return batch.tables().stream().filter(t -> t.table().equals(table.name())).findFirst().orElseThrow();
    }
}
