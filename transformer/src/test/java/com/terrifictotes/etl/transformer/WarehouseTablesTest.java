package com.terrifictotes.etl.transformer;

import static com.terrifictotes.etl.transformer.ExpectedWarehouse.BEGINNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.manifest.DataFile;
import com.terrifictotes.etl.manifest.IngestionManifest;
import com.terrifictotes.etl.manifest.ManifestJson;
import com.terrifictotes.etl.manifest.ProcessedManifest;
import com.terrifictotes.etl.manifest.TableOutput;
import com.terrifictotes.etl.s3.Sha256;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import com.terrifictotes.etl.testbed.ChangeReport;
import com.terrifictotes.etl.testbed.Database;
import com.terrifictotes.etl.testbed.DayOfChanges;
import com.terrifictotes.etl.testbed.TestBed;
import com.terrifictotes.etl.testbed.ToteSysGenerator;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated ToteSys database, its full first batch and one business day of changes, transformed; every warehouse
 * table compared with what SQL on the source says it should hold at the time of each batch.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WarehouseTablesTest {
    /** Small enough that the biggest tables of the first batch take several parts. */
    private static final long PART_ROWS = 5_000;

    private final TestBed bed = TestBed.shared();
    private final Map<String, List<List<Object>>> expectedFirstBatch = new HashMap<>();
    private Database source;
    private WriteOnceBucket ingestion;
    private ProcessedZone processed;
    private ChangeReport changes;
    private List<BatchReport> reports;

    @BeforeAll
    void transformAFullBatchAndADayOfChanges() {
        source = bed.createToteSysDatabase();
        ToteSysGenerator.seed(source.dataSource(), 1, 20241103L);
        ingestion = new WriteOnceBucket(bed.s3(), bed.createBucket("ingestion"));
        processed = new ProcessedZone(bed.s3(), bed.createBucket("processed"));
        TransformerService service = new TransformerService(bed.s3(),
                TransformerSettings.forBuckets(ingestion.name(), processed.bucket.name()).withPartRows(PART_ROWS));
        IngestionFixture extractor = new IngestionFixture(source.dataSource(), bed.s3(), ingestion.name());

        extractor.extract();
        WarehouseCatalogue.TABLES.forEach(t -> expectedFirstBatch.put(t.name(),
                ExpectedWarehouse.changedSince(source.dataSource(), t.name(), BEGINNING)));
        List<BatchReport> first = service.transformPending(OptionalLong.of(1));

        changes = DayOfChanges.apply(source.dataSource(), 5L, LocalDateTime.now(ZoneOffset.UTC));
        extractor.extract();
        reports = new ArrayList<>(first);
        reports.addAll(service.transformPending(OptionalLong.empty()));
    }

    private LocalDateTime windowLo(long sequence) {
        String key = BucketLayout.ingestionManifestKey(sequence);
        IngestionManifest manifest = ManifestJson.readIngestion(key, ingestion.readAllBytes(key));
        return manifest.tables().get(0).windowLo();
    }

    @Test
    void transformsEachBatchOnceInOrder() {
        assertThat(reports).extracting(BatchReport::sequence, BatchReport::outcome).containsExactly(
                tuple(1L, BatchReport.Outcome.TRANSFORMED), tuple(2L, BatchReport.Outcome.TRANSFORMED));
    }

    @Test
    void fillsEveryWarehouseTableOfTheFullFirstBatchWithTheRowsSqlDerivesFromTheSource() {
        for (WarehouseTable table : WarehouseCatalogue.TABLES) {
            List<List<Object>> expected = expectedFirstBatch.get(table.name());
            assertThat(expected).as(table.name()).isNotEmpty();
            assertThat(processed.rows(1, table.name())).as(table.name()).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void fillsTheIncrementalBatchWithTheChangedRowsAndEveryDimensionRowThatDependsOnThem() {
        LocalDateTime since = windowLo(2);
        for (WarehouseTable table : WarehouseCatalogue.TABLES) {
            List<List<Object>> expected = ExpectedWarehouse.changedSince(source.dataSource(), table.name(), since);
            assertThat(processed.rows(2, table.name())).as(table.name()).containsExactlyInAnyOrderElementsOf(expected);
        }
        assertThat(processed.rows(2, "fact_sales_order")).hasSize(
                changes.newSalesOrderIds().size() + changes.amendedSalesOrderIds().size());
        assertThat(processed.rows(2, "dim_staff").size()).isGreaterThanOrEqualTo(changes.changedStaffIds().size());
    }

    @Test
    void keepsBothVersionsOfAnAmendedSalesOrderAsFactHistory() {
        assertThat(changes.amendedSalesOrderIds()).isNotEmpty();
        for (int id : changes.amendedSalesOrderIds()) {
            List<Object> before = expectedFirstBatch.get("fact_sales_order").stream()
                    .filter(row -> row.get(0).equals(id)).findFirst().orElseThrow();
            List<List<Object>> history = new ArrayList<>();
            for (long batch = 1; batch <= 2; batch++) {
                processed.rows(batch, "fact_sales_order").stream().filter(row -> row.get(0).equals(id))
                        .forEach(history::add);
            }
            List<Object> after = ExpectedWarehouse.changedSince(source.dataSource(), "fact_sales_order",
                    BEGINNING).stream().filter(row -> row.get(0).equals(id)).findFirst().orElseThrow();
            assertThat(history).containsExactly(before, after);
            assertThat(after.get(7)).as("units_sold").isNotEqualTo(before.get(7));
            assertThat(after.get(4)).as("last_updated_time").isEqualTo(changes.stampedAt().toLocalTime());
        }
    }

    /** Raw values as any Parquet engine sees them: unscaled decimal bytes, days since epoch, milliseconds of day. */
    @Test
    void storesMoneyAsDecimalAndDatesAndTimesAsLogicalTypesReadableWithoutThisCode(@TempDir Path local) {
        List<List<Object>> expected = expectedFirstBatch.get("fact_sales_order");
        Map<Integer, List<Object>> byId = new HashMap<>();
        expected.forEach(row -> byId.put((Integer) row.get(0), row));
        List<GenericRecord> raw = processed.rawRecords(1, "fact_sales_order", local);
        assertThat(raw).hasSize(expected.size());
        for (GenericRecord record : raw) {
            List<Object> row = byId.get((Integer) record.get("sales_order_id"));
            assertThat(decimal((ByteBuffer) record.get("unit_price"))).isEqualTo(row.get(8));
            assertThat(record.get("created_date")).isEqualTo((int) ((LocalDate) row.get(1)).toEpochDay());
            assertThat(record.get("created_time")).isEqualTo(millisOfDay((LocalTime) row.get(2)));
            assertThat(record.get("last_updated_time")).isEqualTo(millisOfDay((LocalTime) row.get(4)));
            assertThat(record.get("agreed_payment_date")).isEqualTo((int) ((LocalDate) row.get(11)).toEpochDay());
        }
        List<GenericRecord> payments = processed.rawRecords(1, "fact_payment", local);
        Map<Integer, BigDecimal> amounts = new HashMap<>();
        expectedFirstBatch.get("fact_payment")
                .forEach(row -> amounts.put((Integer) row.get(0), (BigDecimal) row.get(7)));
        assertThat(payments).allSatisfy(record -> assertThat(decimal((ByteBuffer) record.get("payment_amount")))
                .isEqualTo(amounts.get((Integer) record.get("payment_id"))));
        assertThat(payments.get(0).getSchema().getField("company_ac_number")).isNull();
    }

    @Test
    void commitsEachBatchWithAManifestOfCountsChecksumsAndKeys() {
        for (long batch = 1; batch <= 2; batch++) {
            ProcessedManifest manifest = processed.manifest(batch);
            assertThat(manifest.sequence()).isEqualTo(batch);
            assertThat(manifest.sourceManifestKey()).isEqualTo(BucketLayout.ingestionManifestKey(batch));
            assertThat(manifest.schemaVersion()).isEqualTo(WarehouseCatalogue.SCHEMA_VERSION);
            assertThat(manifest.tables()).extracting(TableOutput::table)
                    .isEqualTo(WarehouseCatalogue.TABLES.stream().map(WarehouseTable::name).toList());
            for (TableOutput table : manifest.tables()) {
                assertThat(table.rows()).isEqualTo(processed.rows(batch, table.table()).size());
                for (int part = 0; part < table.files().size(); part++) {
                    DataFile file = table.files().get(part);
                    byte[] bytes = processed.bucket.readAllBytes(file.key());
                    assertThat(file.key()).isEqualTo(BucketLayout.parquetPartKey(table.table(), batch, part));
                    assertThat(file.sha256()).isEqualTo(Sha256.hex(bytes));
                    assertThat(file.bytes()).isEqualTo(bytes.length);
                }
            }
        }
    }

    @Test
    void keepsVersionedSnapshotsOfTheJoinTablesPointingAtTheNewestFiles() {
        ProcessedManifest first = processed.manifest(1);
        ProcessedManifest second = processed.manifest(2);
        assertThat(first.stateFiles()).extracting(TableOutput::table)
                .containsExactly("department", "address", "staff", "counterparty");
        for (TableOutput state : first.stateFiles()) {
            assertThat(state.rows()).isEqualTo(ExpectedWarehouse.query(source.dataSource(),
                    "SELECT count(*) FROM " + state.table()).get(0).get(0));
            assertThat(state.files()).extracting(DataFile::key)
                    .containsExactly(BucketLayout.statePartKey(state.table(), 1, 0));
        }
        TableOutput unchangedCounterparties = second.stateFiles().get(3);
        assertThat(unchangedCounterparties).isEqualTo(first.stateFiles().get(3));
        assertThat(second.stateFiles().get(0).files()).extracting(DataFile::key)
                .containsExactly(BucketLayout.statePartKey("department", 2, 0));
        assertThat(processed.keys("state/department/")).containsExactly(
                BucketLayout.statePartKey("department", 1, 0), BucketLayout.statePartKey("department", 2, 0));
    }

    @Test
    void splitsATableIntoPartsOfAtMostTheConfiguredRows() {
        TableOutput sales = processed.manifest(1).table("fact_sales_order").orElseThrow();
        assertThat(sales.files()).extracting(DataFile::rows).containsExactly(PART_ROWS, PART_ROWS,
                (long) expectedFirstBatch.get("fact_sales_order").size() - 2 * PART_ROWS);
        assertThat(processed.manifest(1).tables()).allSatisfy(table -> assertThat(table.files())
                .allSatisfy(file -> assertThat(file.rows()).isBetween(1L, PART_ROWS)));
    }

    private static BigDecimal decimal(ByteBuffer unscaled) {
        byte[] bytes = new byte[unscaled.remaining()];
        unscaled.duplicate().get(bytes);
        return new BigDecimal(new BigInteger(bytes), 2);
    }

    private static int millisOfDay(LocalTime time) {
        return (int) (time.toNanoOfDay() / 1_000_000);
    }
}
