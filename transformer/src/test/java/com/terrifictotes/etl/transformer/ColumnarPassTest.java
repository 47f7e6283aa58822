package com.terrifictotes.etl.transformer;

import static org.assertj.core.api.Assertions.assertThat;

import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.catalogue.ToteSysCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.manifest.ProcessedManifest;
import com.terrifictotes.etl.manifest.TableOutput;
import com.terrifictotes.etl.testbed.servers.Database;
import com.terrifictotes.etl.testbed.servers.TestBed;
import com.terrifictotes.etl.transformer.IngestionFixture.Tamper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The columnar pass ({@link ColumnarTable}) writes what the row path writes: the same batches transformed both ways
 * give the same Parquet objects, byte for byte, the same quarantine and the same state, over a batch whose CSV holds
 * the cells the pass leaves to the row path (values the warehouse refuses, other shapes, NULLs, non-ASCII text, a NUL,
 * repeated versions) beside the usual ones, and over a later batch that supersedes the rejections.
 */
class ColumnarPassTest {
    private final TestBed bed = TestBed.shared();

    /** One source column of one line (2 = the first row) set to a value (null: NULL). */
    private record Edge(SourceTable table, int line, String column, String value) {
    }

    private static final List<Edge> EDGES = List.of(
            new Edge(ToteSysCatalogue.PAYMENT, 2, "payment_amount", "12.3"),
            new Edge(ToteSysCatalogue.PAYMENT, 3, "payment_amount", "12.345"),
            new Edge(ToteSysCatalogue.PAYMENT, 4, "payment_amount", "-0.50"),
            new Edge(ToteSysCatalogue.PAYMENT, 5, "payment_amount", "99999999.99"),
            new Edge(ToteSysCatalogue.PAYMENT, 6, "payment_amount", "100000000.00"),
            new Edge(ToteSysCatalogue.PAYMENT, 7, "paid", "t"),
            new Edge(ToteSysCatalogue.PAYMENT, 8, "payment_date", "2024-02-30"),
            new Edge(ToteSysCatalogue.PAYMENT, 9, "payment_date", "0000-01-01"),
            new Edge(ToteSysCatalogue.PAYMENT, 10, "payment_date", "2024-02-29"),
            new Edge(ToteSysCatalogue.PAYMENT, 11, "company_ac_number", "123456789012345678901"),
            new Edge(ToteSysCatalogue.PAYMENT, 12, "created_at", "2022-01-01 10:00:00"),
            new Edge(ToteSysCatalogue.PAYMENT, 13, "created_at", "2022-01-01T10:00:00.5"),
            new Edge(ToteSysCatalogue.PAYMENT, 14, "created_at", "2022-01-01T10:00:00.123456"),
            new Edge(ToteSysCatalogue.PAYMENT, 15, "created_at", "2022-01-01T10:00:00.123456789"),
            new Edge(ToteSysCatalogue.PAYMENT, 16, "created_at", "1969-12-31T23:59:59.999"),
            new Edge(ToteSysCatalogue.PAYMENT, 17, "transaction_id", "2147483648"),
            new Edge(ToteSysCatalogue.PAYMENT, 18, "counterparty_id", "-5"),
            new Edge(ToteSysCatalogue.PAYMENT, 19, "payment_id", "x19"),
            new Edge(ToteSysCatalogue.PAYMENT, 20, "last_updated", null),
            new Edge(ToteSysCatalogue.TRANSACTION, 2, "sales_order_id", null),
            new Edge(ToteSysCatalogue.TRANSACTION, 3, "transaction_type", "SALÉ"),
            new Edge(ToteSysCatalogue.TRANSACTION, 4, "purchase_order_id", "x"),
            new Edge(ToteSysCatalogue.ADDRESS, 2, "address_line_1", "a\u0000b"),
            new Edge(ToteSysCatalogue.ADDRESS, 3, "address_line_2", null),
            new Edge(ToteSysCatalogue.ADDRESS, 4, "city", "Zürich"),
            new Edge(ToteSysCatalogue.DESIGN, 2, "design_name", null),
            new Edge(ToteSysCatalogue.DESIGN, 3, "file_location", ""),
            new Edge(ToteSysCatalogue.SALES_ORDER, 2, "unit_price", "2.0912"),
            new Edge(ToteSysCatalogue.SALES_ORDER, 3, "unit_price", "2.10"),
            new Edge(ToteSysCatalogue.SALES_ORDER, 4, "agreed_delivery_date", "2024-1-05"),
            new Edge(ToteSysCatalogue.SALES_ORDER, 5, "units_sold", "007"),
            new Edge(ToteSysCatalogue.PURCHASE_ORDER, 2, "item_code", null),
            new Edge(ToteSysCatalogue.PURCHASE_ORDER, 3, "agreed_payment_date", "9999-12-31"),
            new Edge(ToteSysCatalogue.CURRENCY, 2, "currency_code", "GBPX"));

    @Test
    void everyTableStreamedFromItsSourceHasAColumnarPassButTheOneWithALookup() {
        assertThat(StreamedTable.DIMENSIONS).filteredOn(t -> t.columnar() == null)
                .extracting(t -> t.target().name()).containsExactly(WarehouseCatalogue.DIM_CURRENCY.name());
        assertThat(StreamedTable.FACTS).allSatisfy(t -> assertThat(t.columnar()).isNotNull());
    }

    @Test
    void writesTheBytesTheRowPathWritesOverEdgeCellsRepeatsAndTheBatchThatSupersedesTheirRejections() {
        Database source = SmallToteSys.create(71L, 200);
        IngestionFixture extractor = new IngestionFixture(source.dataSource(), bed.s3(),
                bed.createBucket("columnar-ingestion"));
        ProcessedZone columnar = new ProcessedZone(bed.s3(), bed.createBucket("columnar-processed"));
        ProcessedZone rows = new ProcessedZone(bed.s3(), bed.createBucket("row-path-processed"));
        Map<String, List<Integer>> edited = new HashMap<>();
        Map<String, Tamper> damage = new HashMap<>();
        for (SourceTable table : ToteSysCatalogue.TABLES) {
            List<Edge> edges = EDGES.stream().filter(e -> e.table() == table).toList();
            if (!edges.isEmpty()) {
                damage.put(table.name(), Tamper.content(edited(table, edges, edited)));
            }
        }
        extractor.extract(damage);
        BatchReport first = transform(extractor, columnar, rows).get(0);
        assertThat(columnar.manifest(1).quarantined()).containsKeys("payment", "transaction", "address", "design",
                "sales_order", "purchase_order", "currency");
        Map<String, Long> mostOffThePass = new HashMap<>(); // each edited line, its repeat and its later version
        EDGES.forEach(e -> mostOffThePass.merge(Lineage.ofSource(e.table()).orElseThrow().target().name(), 1L,
                (edges, one) -> edges + one));
        mostOffThePass.replaceAll((table, edges) -> edges + 2);
        assertThat(rowPath(first)).as("records each table with a columnar pass sent the row path")
                .containsEntry("dim_payment_type", 0L).containsEntry("dim_currency", 0L)
                .allSatisfy((table, count) -> assertThat(count).as(table)
                        .isLessThanOrEqualTo(mostOffThePass.getOrDefault(table, 0L)));
        for (String refusing : List.of("fact_payment", "fact_sales_order", "fact_purchase_order", "dim_transaction",
                "dim_design")) {
            assertThat(rowPath(first).get(refusing)).as(refusing).isPositive();
        }

        for (Map.Entry<String, List<Integer>> table : edited.entrySet()) {
            SourceTable changed = ToteSysCatalogue.table(table.getKey());
            for (int id : table.getValue()) {
                SmallToteSys.update(source.dataSource(), "UPDATE " + changed.name() + " SET last_updated = ? WHERE "
                        + changed.primaryKey() + " = ?", SmallToteSys.nextStamp(source.dataSource()), id);
            }
        }
        extractor.extract();
        BatchReport second = transform(extractor, columnar, rows).get(0);
        assertThat(second.sequence()).isEqualTo(2);
        assertThat(rowPath(second)).as("the extractor's own files take the columnar pass whole")
                .isNotEmpty().allSatisfy((table, count) -> assertThat(count).isZero());
        assertThat(columnar.rows(2, WarehouseCatalogue.ETL_REJECTED_ROW.name())).as("supersessions")
                .isNotEmpty().allSatisfy(row -> assertThat(row.get(8)).isEqualTo(2));
    }

    /**
     * Each batch transformed with the columnar pass and with the row path alone: the same objects. The columnar
     * run's reports are returned.
     */
    private List<BatchReport> transform(IngestionFixture extractor, ProcessedZone columnar, ProcessedZone rows) {
        List<BatchReport> reports = new TransformerService(bed.s3(), TransformerSettings.forBuckets(
                extractor.bucket().name(), columnar.bucket.name())).transformPending(OptionalLong.empty());
        new TransformerService(bed.s3(), TransformerSettings.forBuckets(extractor.bucket().name(),
                rows.bucket.name()).withRowPathOnly()).transformPending(OptionalLong.empty());
        for (long sequence = 1; columnar.committed(sequence); sequence++) {
            ProcessedManifest expected = rows.manifest(sequence);
            ProcessedManifest actual = columnar.manifest(sequence);
            assertThat(actual.tables()).as("batch %d's tables", sequence).isEqualTo(expected.tables());
            assertThat(actual.stateFiles()).as("batch %d's state", sequence).isEqualTo(expected.stateFiles());
            assertThat(actual.quarantined()).isEqualTo(expected.quarantined());
            assertThat(actual.tables()).extracting(TableOutput::rows).anySatisfy(r -> assertThat(r).isPositive());
        }
        return reports;
    }

    private static Map<String, Long> rowPath(BatchReport report) {
        Map<String, Long> counts = new LinkedHashMap<>();
        report.tables().forEach(table -> counts.put(table.table(), table.rowPath()));
        return counts;
    }

    /**
     * The table's CSV with each edge's line changed, then a repeat of line 2 (the same version) and, if there is
     * one, a later version of line 5 appended; the ids of the lines changed are noted in {@code ids}, to be
     * delivered again fixed.
     */
    private static UnaryOperator<String> edited(SourceTable table, List<Edge> edges, Map<String, List<Integer>> ids) {
        return csv -> edited(table, edges, ids, csv);
    }

    private static String edited(SourceTable table, List<Edge> edges, Map<String, List<Integer>> ids, String csv) {
        String[] lines = csv.split("\r\n", -1);
        Map<Integer, List<String>> changed = new LinkedHashMap<>();
        for (Edge edge : edges) {
            List<String> fields = changed.computeIfAbsent(edge.line(),
                    line -> new ArrayList<>(QuarantineTest.fields(lines[line - 1])));
            fields.set(table.columnIndex(edge.column()), edge.value());
        }
        changed.forEach((line, fields) -> {
            String id = QuarantineTest.fields(lines[line - 1]).get(0);
            ids.computeIfAbsent(table.name(), t -> new ArrayList<>()).add(Integer.parseInt(id));
            lines[line - 1] = QuarantineTest.csvLine(fields);
        });
        String appended = lines[1] + "\r\n";
        if (lines.length > 5) { // header, rows, and "" after the last line break
            List<String> later = new ArrayList<>(QuarantineTest.fields(lines[4]));
            later.set(table.columnIndex(SourceTable.LAST_UPDATED), "2099-01-01T00:00:00.000");
            appended += QuarantineTest.csvLine(later) + "\r\n";
        }
        return String.join("\r\n", lines) + appended;
    }
}
