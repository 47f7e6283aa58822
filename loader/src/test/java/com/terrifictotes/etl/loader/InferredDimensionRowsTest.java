package com.terrifictotes.etl.loader;

import static org.assertj.core.api.Assertions.assertThat;

import com.terrifictotes.etl.catalogue.ForeignKey;
import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import com.terrifictotes.etl.lake.AvroSchemas;
import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.manifest.DataFile;
import com.terrifictotes.etl.manifest.TableOutput;
import com.terrifictotes.etl.testbed.expected.WarehouseContents;
import com.terrifictotes.etl.testbed.expected.WarehouseFromSource.SourceSnapshot;
import com.terrifictotes.etl.testbed.expected.WarehouseFromSource.TableRows;
import com.terrifictotes.etl.testbed.faults.FaultyDataSource;
import com.terrifictotes.etl.testbed.servers.Database;
import com.terrifictotes.etl.testbed.servers.TestBed;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Late-arriving dimensions: a fact whose dimension row the warehouse does not hold yet loads against an inferred row
 * (the key, attributes NULL, is_inferred), on every path a fact batch can take, and the real row completes it when
 * it arrives. Never a foreign key failure for a key that is merely late.
 */
class InferredDimensionRowsTest {
    private static final TestBed BED = TestBed.shared();
    private static final String FOREIGN_KEYS = "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid),"
            + " convalidated FROM pg_constraint WHERE contype = 'f' ORDER BY 1, 2";
    private static final WarehouseTable FACT = WarehouseCatalogue.FACT_PAYMENT;
    private static final WarehouseTable DIMENSION = WarehouseCatalogue.DIM_TRANSACTION;
    private static final int LATE_TRANSACTION = 999_999;
    private static final int NEW_PAYMENT = 777_777;

    /** The ways a fact batch reaches its table. */
    enum Path {
        /** A later batch, small: staged, merged, foreign keys checked row by row. */
        MERGED_UNDER_PER_ROW_KEYS(2, ForeignKeyPolicy.ROW_BY_ROW),
        /** A later batch, big: staged, merged with the foreign keys set aside, then re-added validated. */
        MERGED_WITH_KEYS_SET_ASIDE(2, ForeignKeyPolicy.SET_BASED),
        /** A first batch, small: copied straight in under the per-row keys, which refuse it; undone and merged. */
        COPIED_STRAIGHT_IN_UNDER_PER_ROW_KEYS(1, ForeignKeyPolicy.ROW_BY_ROW),
        /** A first batch, big: copied straight in with the foreign keys set aside, inferred from the table. */
        COPIED_STRAIGHT_IN_WITH_KEYS_SET_ASIDE(1, ForeignKeyPolicy.SET_BASED);

        final int batch;
        final ForeignKeyPolicy policy;

        Path(int batch, ForeignKeyPolicy policy) {
            this.batch = batch;
            this.policy = policy;
        }
    }

    private final SourceHistory history = SourceHistory.sampled();
    private final Database warehouse = BED.createEmptyDatabase();
    private final ProcessedBatchWriter batches = new ProcessedBatchWriter(BED.s3(), BED.createBucket("processed"));

    @ParameterizedTest
    @EnumSource(Path.class)
    void aFactWhoseDimensionRowHasNotArrivedLoadsAgainstAnInferredRowThatTheRealRowCompletesLater(Path path) {
        List<String> declaredKeys = WarehouseContents.query(BED.createWarehouseDatabase().dataSource(), FOREIGN_KEYS);
        if (path.batch == 2) {
            batches.write(1, history.first);
        }
        SourceSnapshot source = path.batch == 1 ? history.first : history.second;
        write(path.batch, source, FACT, rows -> append(rows, paymentReferencing(rows.get(0), LATE_TRANSACTION)));
        FaultyDataSource watched = new FaultyDataSource(warehouse.dataSource());

        LoadReport report = loader(watched, path.policy).loadPending();

        AppliedBatch late = report.applied().get(report.applied().size() - 1);
        assertThat(late.sequence()).isEqualTo(path.batch);
        assertThat(counts(late, DIMENSION).inferred()).as("inferred rows of dim_transaction").isEqualTo(1);
        assertThat(late.rowsInferred()).as("inferred rows of every dimension").isEqualTo(1);
        assertThat(rowOf(LATE_TRANSACTION)).isEqualTo(row(LATE_TRANSACTION, null, null, null, "t"));
        assertThat(value("SELECT count(*) FROM fact_payment WHERE payment_id = " + NEW_PAYMENT
                + " AND transaction_id = " + LATE_TRANSACTION)).isEqualTo("1");
        assertThat(value("SELECT inferred_rows || ' ' || (table_counts->'dim_transaction'->>'inferred')"
                + " FROM load_ledger WHERE sequence = " + path.batch)).isEqualTo("1 1");
        assertThat(WarehouseContents.query(warehouse.dataSource(), FOREIGN_KEYS)).as("foreign keys after the load")
                .isEqualTo(declaredKeys);
        ForeignKey transactionKey = FACT.foreignKeys().stream()
                .filter(key -> key.referencedTable().equals(DIMENSION.name())).findFirst().orElseThrow();
        assertThat(watched.statements()).as("keys checked as gathered from the files, not read back from the rows")
                .contains(MergeSql.inferMissingAmong(transactionKey))
                .doesNotContain(MergeSql.inferMissing(transactionKey, FACT.quotedName()),
                        MergeSql.inferMissing(transactionKey, MergeSql.stagingTable(FACT)));
        if (path == Path.COPIED_STRAIGHT_IN_UNDER_PER_ROW_KEYS) {
            assertThat(watched.statements()).as("the refused copy was merged after all")
                    .anyMatch(sql -> sql.startsWith("COPY \"stage_fact_payment\""));
        }

        write(path.batch + 1, source, DIMENSION, rows -> append(rows, transaction(rows.get(0), LATE_TRANSACTION)));
        AppliedBatch arrival = loader(warehouse.dataSource(), path.policy).loadPending().applied().get(0);

        Object[] real = transaction(source.rows(DIMENSION).values().get(0), LATE_TRANSACTION);
        assertThat(rowOf(LATE_TRANSACTION)).isEqualTo(row(LATE_TRANSACTION, real[1], real[2], real[3], "f"));
        assertThat(counts(arrival, DIMENSION)).extracting(TableCounts::completed, TableCounts::updated,
                TableCounts::inferred).containsExactly(1L, 1L, 0L);
        assertThat(value("SELECT count(*) FROM dim_transaction WHERE is_inferred")).isEqualTo("0");
        assertThat(value("SELECT count(*) FROM fact_payment WHERE transaction_id = " + LATE_TRANSACTION))
                .as("the fact still points at the same key").isEqualTo("1");
    }

    @ParameterizedTest
    @EnumSource(value = Path.class, names = {"MERGED_UNDER_PER_ROW_KEYS", "MERGED_WITH_KEYS_SET_ASIDE"})
    void aSecondFactReferencingAnInferredRowUsesItAndInfersNothingMore(Path path) {
        batches.write(1, history.first);
        write(2, history.second, FACT, rows -> append(rows, paymentReferencing(rows.get(0), LATE_TRANSACTION)));
        loader(warehouse.dataSource(), path.policy).loadPending();
        write(3, history.second, FACT, rows -> List.<Object[]>of(withPaymentId(
                paymentReferencing(rows.get(0), LATE_TRANSACTION), NEW_PAYMENT + 1)));

        AppliedBatch third = loader(warehouse.dataSource(), path.policy).loadPending().applied().get(0);

        assertThat(third.rowsInferred()).isZero();
        assertThat(value("SELECT count(*) FROM dim_transaction WHERE transaction_id = " + LATE_TRANSACTION))
                .isEqualTo("1");
        assertThat(value("SELECT count(*) FROM fact_payment WHERE transaction_id = " + LATE_TRANSACTION))
                .isEqualTo("2");
    }

    /**
     * A fact batch whose transaction keys come from the same batch's dim_transaction file, from the warehouse only,
     * or from nowhere: only the last are inferred, on either path (the first are not even sent to SQL:
     * {@code FactKeysTest}).
     */
    @ParameterizedTest
    @EnumSource(value = Path.class, names = {"MERGED_UNDER_PER_ROW_KEYS", "MERGED_WITH_KEYS_SET_ASIDE"})
    void onlyKeysNeitherTheBatchsDimensionRowsNorTheWarehouseHoldAreInferred(Path path) {
        batches.write(1, history.first);
        loader(warehouse.dataSource(), path.policy).loadPending();
        int inBatch = LATE_TRANSACTION - 1;
        int inWarehouse = (Integer) history.first.rows(DIMENSION).values().get(0)[0];
        Object[] model = history.second.rows(FACT).values().get(0);
        List<TableOutput> outputs = new ArrayList<>();
        for (TableOutput output : batches.writeFiles(2, history.second)) {
            if (!output.table().equals(FACT.name()) && !output.table().equals(DIMENSION.name())) {
                outputs.add(output);
            }
        }
        List<Object[]> transactions = append(new ArrayList<>(history.second.rows(DIMENSION).values()),
                transaction(history.second.rows(DIMENSION).values().get(0), inBatch));
        List<Object[]> payments = new ArrayList<>(history.second.rows(FACT).values());
        payments.add(withPaymentId(paymentReferencing(model, inBatch), NEW_PAYMENT + 1));
        payments.add(withPaymentId(paymentReferencing(model, inWarehouse), NEW_PAYMENT + 2));
        payments.add(withPaymentId(paymentReferencing(model, LATE_TRANSACTION), NEW_PAYMENT + 3));
        outputs.add(rewrite(2, DIMENSION, transactions));
        outputs.add(rewrite(2, FACT, payments));
        batches.writeManifest(2, outputs);
        FaultyDataSource watched = new FaultyDataSource(warehouse.dataSource());

        AppliedBatch second = loader(watched, path.policy).loadPending().applied().get(0);

        assertThat(counts(second, DIMENSION).inferred()).as("inferred rows of dim_transaction").isEqualTo(1);
        assertThat(second.rowsInferred()).as("inferred rows of every dimension").isEqualTo(1);
        assertThat(rowOf(LATE_TRANSACTION)).isEqualTo(row(LATE_TRANSACTION, null, null, null, "t"));
        assertThat(value("SELECT count(*) FROM dim_transaction WHERE is_inferred")).isEqualTo("1");
        assertThat(value("SELECT count(*) FROM fact_payment WHERE payment_id IN (" + (NEW_PAYMENT + 1) + ", "
                + (NEW_PAYMENT + 2) + ", " + (NEW_PAYMENT + 3) + ")")).isEqualTo("3");
        assertThat(watched.statements()).as("the keys the batch's own dimension rows did not carry, checked in SQL")
                .contains(MergeSql.inferMissingAmong(FACT.foreignKeys().stream()
                        .filter(key -> key.referencedTable().equals(DIMENSION.name())).findFirst().orElseThrow()));
    }

    /** Replaces the files of {@code table} in batch {@code sequence} with one file of {@code rows}. */
    private TableOutput rewrite(int sequence, WarehouseTable table, List<Object[]> rows) {
        String key = BucketLayout.parquetPartKey(table.name(), sequence, 0);
        batches.delete(key);
        batches.delete(BucketLayout.parquetPartKey(table.name(), sequence, 1));
        return new TableOutput(table.name(), rows.size(), List.of(batches.writeParquet(key, AvroSchemas.of(table),
                rows)));
    }

    /** Writes batch {@code sequence}: the source's files, with the rows of {@code changed} changed as given. */
    private void write(int sequence, SourceSnapshot source, WarehouseTable changed,
                       UnaryOperator<List<Object[]>> change) {
        List<TableOutput> outputs = new ArrayList<>();
        for (TableOutput output : batches.writeFiles(sequence, source)) {
            if (!output.table().equals(changed.name())) {
                outputs.add(output);
            }
        }
        TableRows rows = source.rows(changed);
        List<Object[]> values = change.apply(new ArrayList<>(rows.values()));
        String key = BucketLayout.parquetPartKey(changed.name(), sequence, 0);
        batches.delete(key);
        batches.delete(BucketLayout.parquetPartKey(changed.name(), sequence, 1));
        DataFile file = batches.writeParquet(key, AvroSchemas.of(changed), values);
        outputs.add(new TableOutput(changed.name(), values.size(), List.of(file)));
        batches.writeManifest(sequence, outputs);
    }

    /** A new payment, like {@code model} but with its own id and the given transaction. */
    private static Object[] paymentReferencing(Object[] model, int transaction) {
        Object[] payment = withPaymentId(model, NEW_PAYMENT);
        payment[FACT.loadColumnNames().indexOf("transaction_id")] = transaction;
        return payment;
    }

    private static Object[] withPaymentId(Object[] model, int id) {
        Object[] payment = model.clone();
        payment[FACT.loadColumnNames().indexOf("payment_id")] = id;
        return payment;
    }

    private static Object[] transaction(Object[] model, int id) {
        Object[] transaction = model.clone();
        transaction[0] = id;
        return transaction;
    }

    private static List<Object[]> append(List<Object[]> rows, Object[] row) {
        rows.add(row);
        return rows;
    }

    private String rowOf(int transaction) {
        return value("SELECT transaction_id, transaction_type, sales_order_id, purchase_order_id, is_inferred"
                + " FROM dim_transaction WHERE transaction_id = " + transaction);
    }

    private static String row(Object... cells) {
        String[] text = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            text[i] = cells[i] == null ? null : cells[i].toString();
        }
        return TableRows.textRow(text);
    }

    private String value(String sql) {
        List<String> rows = WarehouseContents.query(warehouse.dataSource(), sql);
        assertThat(rows).as(sql).hasSize(1);
        return rows.get(0);
    }

    private WarehouseLoader loader(DataSource dataSource, ForeignKeyPolicy policy) {
        return new WarehouseLoader(BED.s3(), batches.bucketName(), dataSource, LoadListener.NONE, policy);
    }

    private static TableCounts counts(AppliedBatch batch, WarehouseTable table) {
        return batch.tables().stream().filter(t -> t.table().equals(table.name())).findFirst().orElseThrow();
    }
}
