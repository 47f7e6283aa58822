package com.terrifictotes.etl.transformer;

import static com.terrifictotes.etl.testbed.expected.WarehouseFromSource.BEGINNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import com.terrifictotes.etl.extractor.ExtractionResult;
import com.terrifictotes.etl.extractor.ExtractionService;
import com.terrifictotes.etl.extractor.ExtractionSettings;
import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.manifest.Checksum;
import com.terrifictotes.etl.manifest.DataFile;
import com.terrifictotes.etl.manifest.IngestionManifest;
import com.terrifictotes.etl.manifest.ManifestJson;
import com.terrifictotes.etl.manifest.ProcessedManifest;
import com.terrifictotes.etl.manifest.TableOutput;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import com.terrifictotes.etl.testbed.expected.WarehouseFromSource;
import com.terrifictotes.etl.testbed.servers.TestBed;
import com.terrifictotes.etl.testbed.source.ChangeReport;
import com.terrifictotes.etl.testbed.source.DayOfChanges;
import com.terrifictotes.etl.testbed.source.ToteSysGenerator;
import java.math.BigDecimal;
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
import javax.sql.DataSource;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data from the real extractor: a generated ToteSys database at scale 1, its full first extraction, a business day of
 * changes, then a department-only edit, each extracted by {@link ExtractionService} (overlapping windows and all) and
 * transformed. Every warehouse table of every batch is compared with what SQL on the source said, right after that
 * extraction, the rows changed since the previous extraction's bound should become.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WarehouseTablesTest {
    /** Small enough that the biggest tables of the first batch take several parts. */
    private static final long PART_ROWS = 5_000;

    private final TestBed bed = TestBed.shared();
    /** Per batch (index 0 = batch 1), per table: the rows SQL derived right after the extraction. */
    private final List<Map<String, List<List<Object>>>> expected = new ArrayList<>();
    private DataSource source;
    private WriteOnceBucket ingestion;
    private ProcessedZone processed;
    private ChangeReport changes;
    private List<BatchReport> reports;

    @BeforeAll
    void extractAndTransformThreeBatches() {
        source = bed.createToteSysDatabase().dataSource();
        ToteSysGenerator.seed(source, 1, 20241103L);
        ingestion = new WriteOnceBucket(bed.s3(), bed.createBucket("ingestion"));
        processed = new ProcessedZone(bed.s3(), bed.createBucket("processed"));
        ExtractionService extractor = new ExtractionService(bed.s3(), source,
                ExtractionSettings.forBucket(ingestion.name()));
        TransformerService service = new TransformerService(bed.s3(),
                TransformerSettings.forBuckets(ingestion.name(), processed.bucket.name()).withPartRows(PART_ROWS));

        extract(extractor, 1);
        reports = new ArrayList<>(service.transformPending(OptionalLong.of(1)));
        changes = DayOfChanges.apply(source, 5L, LocalDateTime.now(ZoneOffset.UTC));
        extract(extractor, 2);
        SmallToteSys.update(source, "UPDATE department SET location = ?, last_updated = ? WHERE department_id = ?",
                "Sheffield", LocalDateTime.now(ZoneOffset.UTC), busiestDepartment()); // the application's UTC clock
        extract(extractor, 3);
        reports.addAll(service.transformPending(OptionalLong.empty()));
    }

    private void extract(ExtractionService extractor, long sequence) {
        ExtractionResult result = extractor.run();
        assertThat(result.outcome()).isEqualTo(ExtractionResult.Outcome.PUBLISHED);
        assertThat(result.sequence()).isEqualTo(sequence);
        LocalDateTime since = sequence == 1 ? BEGINNING : bound(sequence - 1);
        Map<String, List<List<Object>>> tables = new HashMap<>();
        WarehouseCatalogue.TABLES.forEach(t -> tables.put(t.name(),
                WarehouseFromSource.changedSince(source, t.name(), since)));
        expected.add(tables);
    }

    /** The exclusive upper bound of an extraction: what "changed since" means for the next batch. */
    private LocalDateTime bound(long sequence) {
        String key = BucketLayout.ingestionManifestKey(sequence);
        IngestionManifest manifest = ManifestJson.readIngestion(key, ingestion.readAllBytes(key));
        return manifest.tables().get(0).windowHi();
    }

    private int busiestDepartment() {
        return (Integer) WarehouseFromSource.query(source, "SELECT department_id FROM staff GROUP BY department_id "
                + "ORDER BY count(*) DESC, department_id LIMIT 1").get(0).get(0);
    }

    private void assertBatchHoldsWhatSqlDerived(long batch) {
        for (WarehouseTable table : WarehouseCatalogue.TABLES) {
            assertThat(processed.rows(batch, table.name())).as("batch " + batch + " " + table.name())
                    .containsExactlyInAnyOrderElementsOf(expected.get((int) batch - 1).get(table.name()));
        }
    }

    @Test
    void transformsEachBatchOnceInOrder() {
        assertThat(reports).extracting(BatchReport::sequence, BatchReport::outcome).containsExactly(
                tuple(1L, BatchReport.Outcome.TRANSFORMED), tuple(2L, BatchReport.Outcome.TRANSFORMED),
                tuple(3L, BatchReport.Outcome.TRANSFORMED));
    }

    @Test
    void fillsEveryStarTableOfTheFullFirstBatchWithTheRowsSqlDerivesFromTheSource() {
        WarehouseCatalogue.starSchema().forEach(table -> assertThat(expected.get(0).get(table.name()))
                .as(table.name()).isNotEmpty());
        assertBatchHoldsWhatSqlDerived(1);
    }

    @Test
    void fillsADayOfChangesWithTheChangedRowsAndEveryDimensionRowThatDependsOnThem() {
        assertBatchHoldsWhatSqlDerived(2);
        assertThat(processed.rows(2, "fact_sales_order")).hasSize(
                changes.newSalesOrderIds().size() + changes.amendedSalesOrderIds().size());
        assertThat(processed.rows(2, "fact_payment")).hasSize(changes.rowsStampedPerTable().get("payment"));
        assertThat(processed.rows(2, "dim_staff").size()).isGreaterThanOrEqualTo(changes.changedStaffIds().size());
    }

    @Test
    void fillsADepartmentOnlyBatchWithEveryStaffRowOfThatDepartmentAndNothingElse() {
        assertBatchHoldsWhatSqlDerived(3);
        assertThat(processed.rows(3, "dim_staff")).hasSizeGreaterThan(1)
                .allSatisfy(row -> assertThat(row.get(4)).isEqualTo("Sheffield"));
        for (TableOutput table : processed.manifest(3).tables()) {
            assertThat(table.rows()).as(table.table()).isEqualTo(table.table().equals("dim_staff")
                    ? expected.get(2).get("dim_staff").size() : 0);
        }
    }

    @Test
    void keepsBothVersionsOfAnAmendedSalesOrderAsFactHistory() {
        assertThat(changes.amendedSalesOrderIds()).isNotEmpty();
        for (int id : changes.amendedSalesOrderIds()) {
            List<Object> before = expected.get(0).get("fact_sales_order").stream()
                    .filter(row -> row.get(0).equals(id)).findFirst().orElseThrow();
            List<List<Object>> history = new ArrayList<>();
            for (long batch = 1; batch <= 2; batch++) {
                processed.rows(batch, "fact_sales_order").stream().filter(row -> row.get(0).equals(id))
                        .forEach(history::add);
            }
            List<Object> after = expected.get(1).get("fact_sales_order").stream()
                    .filter(row -> row.get(0).equals(id)).findFirst().orElseThrow();
            assertThat(history).containsExactly(before, after);
            assertThat(after.get(7)).as("units_sold").isNotEqualTo(before.get(7));
            assertThat(after.get(4)).as("last_updated_time").isEqualTo(changes.stampedAt().toLocalTime());
        }
    }

    /**
     * Values as parquet-avro's plain model reads them, without this code: decimals from their INT64 DECIMAL(10,2)
     * annotation, days since epoch, milliseconds of day.
     */
    @Test
    void storesMoneyAsDecimalAndDatesAndTimesAsLogicalTypesReadableWithoutThisCode(@TempDir Path local) {
        List<List<Object>> sales = expected.get(0).get("fact_sales_order");
        Map<Integer, List<Object>> byId = new HashMap<>();
        sales.forEach(row -> byId.put((Integer) row.get(0), row));
        List<GenericRecord> raw = processed.rawRecords(1, "fact_sales_order", local);
        assertThat(raw).hasSize(sales.size());
        for (GenericRecord record : raw) {
            List<Object> row = byId.get((Integer) record.get("sales_order_id"));
            assertThat(record.get("unit_price")).isEqualTo(row.get(8));
            assertThat(record.get("created_date")).isEqualTo((int) ((LocalDate) row.get(1)).toEpochDay());
            assertThat(record.get("created_time")).isEqualTo(millisOfDay((LocalTime) row.get(2)));
            assertThat(record.get("last_updated_time")).isEqualTo(millisOfDay((LocalTime) row.get(4)));
            assertThat(record.get("agreed_payment_date")).isEqualTo((int) ((LocalDate) row.get(11)).toEpochDay());
        }
        List<GenericRecord> payments = processed.rawRecords(1, "fact_payment", local);
        Map<Integer, BigDecimal> amounts = new HashMap<>();
        expected.get(0).get("fact_payment")
                .forEach(row -> amounts.put((Integer) row.get(0), (BigDecimal) row.get(7)));
        assertThat(payments).allSatisfy(record -> assertThat(record.get("payment_amount"))
                .isEqualTo(amounts.get((Integer) record.get("payment_id"))));
        assertThat(payments.get(0).getSchema().getField("company_ac_number")).isNull();
    }

    @Test
    void commitsEachBatchWithAManifestOfCountsChecksumsAndKeys() {
        for (long batch = 1; batch <= 3; batch++) {
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
                    assertThat(file.checksum()).isEqualTo(Checksum.of(Checksum.Algorithm.CRC32C, bytes));
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
            assertThat(state.rows()).isEqualTo(WarehouseFromSource.query(source,
                    "SELECT count(*) FROM " + state.table()).get(0).get(0));
            assertThat(state.files()).extracting(DataFile::key)
                    .containsExactly(BucketLayout.statePartKey(state.table(), 1, 0));
        }
        ProcessedManifest third = processed.manifest(3);
        assertThat(second.stateFiles().get(3)).as("counterparties, unchanged").isEqualTo(first.stateFiles().get(3));
        assertThat(third.stateFiles().get(3)).as("counterparties, unchanged").isEqualTo(first.stateFiles().get(3));
        assertThat(third.stateFiles().get(2)).as("staff, unchanged in batch 3").isEqualTo(second.stateFiles().get(2));
        assertThat(third.stateFiles().get(0).files()).extracting(DataFile::key)
                .containsExactly(BucketLayout.statePartKey("department", 3, 0));
        assertThat(processed.keys("state/department/")).containsExactly(BucketLayout.statePartKey("department", 1, 0),
                BucketLayout.statePartKey("department", 2, 0), BucketLayout.statePartKey("department", 3, 0));
    }

    @Test
    void splitsATableIntoPartsOfAtMostTheConfiguredRows() {
        TableOutput sales = processed.manifest(1).table("fact_sales_order").orElseThrow();
        assertThat(sales.files()).extracting(DataFile::rows).containsExactly(PART_ROWS, PART_ROWS,
                (long) expected.get(0).get("fact_sales_order").size() - 2 * PART_ROWS);
        assertThat(processed.manifest(1).tables()).allSatisfy(table -> assertThat(table.files())
                .allSatisfy(file -> assertThat(file.rows()).isBetween(1L, PART_ROWS)));
    }

    private static int millisOfDay(LocalTime time) {
        return (int) (time.toNanoOfDay() / 1_000_000);
    }
}
