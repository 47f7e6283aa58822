package com.terrifictotes.etl.loader;

import static org.assertj.core.api.Assertions.assertThat;

import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import com.terrifictotes.etl.lake.AvroSchemas;
import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.manifest.DataFile;
import com.terrifictotes.etl.manifest.TableOutput;
import com.terrifictotes.etl.testbed.expected.WarehouseContents;
import com.terrifictotes.etl.testbed.expected.WarehouseFromSource.TableRows;
import com.terrifictotes.etl.testbed.servers.Database;
import com.terrifictotes.etl.testbed.servers.TestBed;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The quarantine in the warehouse: a batch's etl_rejected_row records load in its transaction and count in its ledger
 * row; a later batch's supersession record of the same rejection updates it in place; and a batch written under
 * schema version 1, before etl_rejected_row existed, still loads.
 */
class QuarantinedRowsLoadTest {
    private static final TestBed BED = TestBed.shared();
    private static final WarehouseTable REJECTED = WarehouseCatalogue.ETL_REJECTED_ROW;
    private static final LocalDateTime STAMP = LocalDateTime.of(2024, 5, 1, 9, 30, 0, 123_000_000);

    private final SourceHistory history = SourceHistory.sampled();
    private final Database warehouse = BED.createEmptyDatabase();
    private final ProcessedBatchWriter batches = new ProcessedBatchWriter(BED.s3(), BED.createBucket("processed"));

    @Test
    void aBatchsRejectedRowsLoadWithItAndALaterSupersessionUpdatesThemInPlace() {
        write(1, history.first, List.of(
                rejection(1, "17", "agreed_delivery_date", "'2024-02-30' is not a calendar date", null, null),
                rejection(1, "17", "unit_price", "2.0912 has 4 decimal places", null, null),
                rejection(1, "4", "units_sold", "is NOT NULL in the warehouse", null, null)));

        AppliedBatch first = loader().loadPending().applied().get(0);

        assertThat(first.quarantined()).containsExactlyEntriesOf(java.util.Map.of("sales_order", 2L));
        assertThat(first.rowsQuarantined()).isEqualTo(2);
        assertThat(query("SELECT quarantined_rows, quarantined::text FROM load_ledger WHERE sequence = 1"))
                .containsExactly(TableRows.textRow(new String[] {"2", "{\"sales_order\": 2}"}));
        assertThat(query(WarehouseContents.REJECTED + " ORDER BY 3, 4")).containsExactly(
                text("1", "sales_order", "17", "agreed_delivery_date", null),
                text("1", "sales_order", "17", "unit_price", null),
                text("1", "sales_order", "4", "units_sold", null));

        write(2, history.second, List.of(
                rejection(1, "17", "agreed_delivery_date", "'2024-02-30' is not a calendar date", 2, STAMP),
                rejection(1, "17", "unit_price", "2.0912 has 4 decimal places", 2, STAMP)));
        AppliedBatch second = loader().loadPending().applied().get(0);

        assertThat(second.rowsQuarantined()).isZero();
        assertThat(counts(second, REJECTED)).extracting(TableCounts::inserted, TableCounts::updated)
                .containsExactly(0L, 2L);
        assertThat(query(WarehouseContents.REJECTED + " ORDER BY 3, 4")).containsExactly(
                text("1", "sales_order", "17", "agreed_delivery_date", "2"),
                text("1", "sales_order", "17", "unit_price", "2"),
                text("1", "sales_order", "4", "units_sold", null));
        assertThat(query("SELECT DISTINCT superseded_by_last_updated::text FROM etl_rejected_row"
                + " WHERE superseded_in_batch = 2")).containsExactly("2024-05-01 09:30:00.123");
    }

    @Test
    void aBatchWrittenUnderSchemaVersion1LoadsAsItIs() {
        List<TableOutput> outputs = batches.writeFiles(1, history.first);
        batches.writeManifest(1, 1, outputs);

        AppliedBatch batch = loader().loadPending().applied().get(0);

        assertThat(batch.sequence()).isEqualTo(1);
        WarehouseLoaderTest.assertTablesEqual(WarehouseContents.of(warehouse.dataSource()),
                WarehouseContents.expected(List.of(history.first)));
        assertThat(query("SELECT DISTINCT etl_batch FROM fact_payment")).containsExactly("1");
    }

    private void write(long sequence, com.terrifictotes.etl.testbed.expected.WarehouseFromSource.SourceSnapshot snapshot,
                       List<Object[]> rejections) {
        List<TableOutput> outputs = new ArrayList<>(batches.writeFiles(sequence, snapshot));
        DataFile file = batches.writeParquet(BucketLayout.parquetPartKey(REJECTED.name(), sequence, 0),
                AvroSchemas.of(REJECTED), rejections);
        outputs.add(new TableOutput(REJECTED.name(), rejections.size(), List.of(file)));
        batches.writeManifest(sequence, outputs);
    }

    private static Object[] rejection(int batch, String id, String column, String reason, Integer supersededIn,
                                      LocalDateTime supersededBy) {
        return new Object[] {batch, "sales_order", id, column, STAMP.minusDays(1), "transform", reason, "x",
                supersededIn, supersededBy};
    }

    private static String text(String... cells) {
        return TableRows.textRow(cells);
    }

    private List<String> query(String sql) {
        return WarehouseContents.query(warehouse.dataSource(), sql);
    }

    private WarehouseLoader loader() {
        return new WarehouseLoader(BED.s3(), batches.bucketName(), warehouse.dataSource());
    }

    private static TableCounts counts(AppliedBatch batch, WarehouseTable table) {
        return batch.tables().stream().filter(t -> t.table().equals(table.name())).findFirst().orElseThrow();
    }
}
