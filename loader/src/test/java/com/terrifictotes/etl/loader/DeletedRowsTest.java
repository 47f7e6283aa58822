package com.terrifictotes.etl.loader;

import static org.assertj.core.api.Assertions.assertThat;

import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import com.terrifictotes.etl.lake.AvroSchemas;
import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.manifest.DataFile;
import com.terrifictotes.etl.manifest.TableOutput;
import com.terrifictotes.etl.testbed.expected.WarehouseContents;
import com.terrifictotes.etl.testbed.servers.Database;
import com.terrifictotes.etl.testbed.servers.TestBed;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A reconciliation batch's etl_deleted_row file: each row is logged once and sets deleted_at on the dimension row or
 * on every version of the fact row it names. Nothing is deleted; the fact's current view leaves the row out; a later
 * batch delivering the key again clears deleted_at on what it delivers.
 */
class DeletedRowsTest {
    private static final TestBed BED = TestBed.shared();
    private static final LocalDateTime FOUND_AT = LocalDateTime.of(2026, 11, 22, 3, 0, 0, 125_000_000);

    private final SourceHistory history = SourceHistory.sampled();
    private final Database warehouse = BED.createEmptyDatabase();
    private final ProcessedBatchWriter batches = new ProcessedBatchWriter(BED.s3(), BED.createBucket("processed"));

    @Test
    void aDeletedRowsFileFlagsTheRowsItNamesKeepsThemAndTakesTheFactOutOfItsCurrentView() {
        batches.write(1, history.first);
        batches.write(2, history.second);
        loader().loadPending();
        int staff = integer("SELECT min(staff_id) FROM dim_staff");
        int order = integer("SELECT sales_order_id FROM fact_sales_order GROUP BY 1 ORDER BY count(*) DESC, 1"
                + " LIMIT 1");
        int versions = integer("SELECT count(*) FROM fact_sales_order WHERE sales_order_id = " + order);
        int location = integer("SELECT max(location_id) FROM dim_location");
        long factRows = integer("SELECT count(*) FROM fact_sales_order");
        writeDeletions(3, List.<Object[]>of(deleted(3, "dim_staff", "staff", staff),
                deleted(3, "fact_sales_order", "sales_order", order), deleted(3, "dim_location", "address", location)));

        AppliedBatch applied = loader().loadPending().applied().get(0);

        assertThat(value("SELECT deleted_at FROM dim_staff WHERE staff_id = " + staff))
                .isEqualTo("2026-11-22 03:00:00.125");
        assertThat(integer("SELECT count(*) FROM dim_staff WHERE deleted_at IS NOT NULL")).isEqualTo(1);
        assertThat(integer("SELECT count(*) FROM dim_location WHERE deleted_at IS NOT NULL")).isEqualTo(1);
        assertThat(integer("SELECT count(*) FROM fact_sales_order WHERE sales_order_id = " + order
                + " AND deleted_at IS NOT NULL")).as("every version of the order").isEqualTo(versions);
        assertThat(integer("SELECT count(*) FROM fact_sales_order")).as("history is kept").isEqualTo(factRows);
        assertThat(integer("SELECT count(*) FROM fact_sales_order_current WHERE sales_order_id = " + order))
                .isZero();
        assertThat(WarehouseContents.query(warehouse.dataSource(), "SELECT deleted_in_batch, warehouse_table,"
                + " source_table, source_id FROM etl_deleted_row ORDER BY 2, 4")).containsExactly(
                row(3, "dim_location", "address", location), row(3, "dim_staff", "staff", staff),
                row(3, "fact_sales_order", "sales_order", order));
        TableCounts counts = applied.tables().stream().filter(t -> t.table().equals("etl_deleted_row"))
                .findFirst().orElseThrow();
        assertThat(counts).extracting(TableCounts::inserted, TableCounts::updated)
                .containsExactly(3L, 2L + versions);
        assertThat(value("SELECT table_counts->'etl_deleted_row'->>'inserted' FROM load_ledger WHERE sequence = 3"))
                .isEqualTo("3");
    }

    @Test
    void aKeyDeliveredAgainAfterItWasFoundGoneIsLiveAgainAndKeepsItsLogEntry() {
        batches.write(1, history.first);
        loader().loadPending();
        int staff = integer("SELECT min(staff_id) FROM dim_staff");
        writeDeletions(2, List.<Object[]>of(deleted(2, "dim_staff", "staff", staff)));
        loader().loadPending();

        batches.write(3, history.second);
        loader().loadPending();

        assertThat(value("SELECT coalesce(deleted_at::text, 'live') FROM dim_staff WHERE staff_id = " + staff))
                .isEqualTo("live");
        assertThat(integer("SELECT count(*) FROM etl_deleted_row")).isEqualTo(1);
    }

    private void writeDeletions(int sequence, List<Object[]> rows) {
        WarehouseTable table = WarehouseCatalogue.ETL_DELETED_ROW;
        DataFile file = batches.writeParquet(BucketLayout.parquetPartKey(table.name(), sequence, 0),
                AvroSchemas.of(table), rows);
        List<TableOutput> outputs = new ArrayList<>();
        outputs.add(new TableOutput(table.name(), rows.size(), List.of(file)));
        batches.writeManifest(sequence, outputs);
    }

    private static Object[] deleted(int batch, String warehouseTable, String sourceTable, int id) {
        return new Object[] {batch, warehouseTable, sourceTable, id, FOUND_AT};
    }

    private WarehouseLoader loader() {
        return new WarehouseLoader(BED.s3(), batches.bucketName(), warehouse.dataSource());
    }

    private static String row(Object... cells) {
        String[] text = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            text[i] = cells[i].toString();
        }
        return com.terrifictotes.etl.testbed.expected.WarehouseFromSource.TableRows.textRow(text);
    }

    private int integer(String sql) {
        return Integer.parseInt(value(sql));
    }

    private String value(String sql) {
        List<String> rows = WarehouseContents.query(warehouse.dataSource(), sql);
        assertThat(rows).as(sql).hasSize(1);
        return rows.get(0);
    }
}
