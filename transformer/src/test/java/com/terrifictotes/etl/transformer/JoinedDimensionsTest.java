package com.terrifictotes.etl.transformer;

import static org.assertj.core.api.Assertions.assertThat;

import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.manifest.ManifestJson;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import com.terrifictotes.etl.testbed.expected.WarehouseFromSource;
import com.terrifictotes.etl.testbed.servers.Database;
import com.terrifictotes.etl.testbed.servers.TestBed;
import java.time.LocalDateTime;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Batches that change only one side of a joined dimension. The dimension rows must still be complete: the other side
 * comes from the state the earlier batches left, and every row that depends on a changed parent is written again.
 * Each test makes its own edit, extracts it as its own batch and checks that batch against SQL on the source.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JoinedDimensionsTest {
    private final TestBed bed = TestBed.shared();
    private DataSource source;
    private WriteOnceBucket ingestion;
    private ProcessedZone processed;
    private IngestionFixture extractor;
    private TransformerService service;

    @BeforeAll
    void transformTheFirstBatch() {
        Database database = SmallToteSys.create(31L, 200);
        source = database.dataSource();
        ingestion = new WriteOnceBucket(bed.s3(), bed.createBucket("joins-ingestion"));
        processed = new ProcessedZone(bed.s3(), bed.createBucket("joins-processed"));
        extractor = new IngestionFixture(source, bed.s3(), ingestion.name());
        service = new TransformerService(bed.s3(), TransformerSettings.forBuckets(ingestion.name(),
                processed.bucket.name()));
        extractor.extract();
        service.transformPending(OptionalLong.empty());
    }

    /** Extracts and transforms the edit just made; returns the batch's sequence. */
    private long transformTheEdit() {
        long sequence = extractor.extract();
        assertThat(service.transformPending(OptionalLong.of(sequence))).extracting(BatchReport::outcome)
                .containsExactly(BatchReport.Outcome.TRANSFORMED);
        return sequence;
    }

    private LocalDateTime since(long sequence) {
        String key = BucketLayout.ingestionManifestKey(sequence);
        return ManifestJson.readIngestion(key, ingestion.readAllBytes(key)).tables().get(0).windowLo();
    }

    private void assertBatchMatchesTheSource(long sequence, Set<String> nonEmpty) {
        for (WarehouseTable table : WarehouseCatalogue.TABLES) {
            List<List<Object>> expected = WarehouseFromSource.changedSince(source, table.name(), since(sequence));
            assertThat(processed.rows(sequence, table.name())).as(table.name())
                    .containsExactlyInAnyOrderElementsOf(expected);
            assertThat(expected.isEmpty()).as(table.name() + " is empty").isEqualTo(!nonEmpty.contains(table.name()));
        }
    }

    private int busiest(String sql) {
        return (Integer) WarehouseFromSource.query(source, sql).get(0).get(0);
    }

    @Test
    void aDepartmentOnlyChangeReEmitsEveryStaffRowOfThatDepartmentWithItsNewName() {
        int department = busiest("SELECT department_id FROM staff GROUP BY department_id "
                + "ORDER BY count(*) DESC, department_id LIMIT 1");
        SmallToteSys.update(source, "UPDATE department SET department_name = ?, last_updated = ? "
                + "WHERE department_id = ?", "Renamed Department", SmallToteSys.nextStamp(source), department);

        long sequence = transformTheEdit();

        assertBatchMatchesTheSource(sequence, Set.of("dim_staff"));
        List<List<Object>> staff = processed.rows(sequence, "dim_staff");
        assertThat(staff).hasSizeGreaterThan(1)
                .allSatisfy(row -> assertThat(row.get(3)).isEqualTo("Renamed Department"));
    }

    @Test
    void anAddressOnlyChangeReEmitsItsLocationAndEveryCounterpartyWhoseLegalAddressItIs() {
        int address = busiest("SELECT legal_address_id FROM counterparty GROUP BY legal_address_id "
                + "ORDER BY count(*) DESC, legal_address_id LIMIT 1");
        SmallToteSys.update(source, "UPDATE address SET phone = ?, last_updated = ? WHERE address_id = ?",
                "0161 496 0000", SmallToteSys.nextStamp(source), address);

        long sequence = transformTheEdit();

        assertBatchMatchesTheSource(sequence, Set.of("dim_location", "dim_counterparty"));
        assertThat(processed.rows(sequence, "dim_location")).extracting(row -> row.get(0)).containsExactly(address);
        assertThat(processed.rows(sequence, "dim_counterparty")).isNotEmpty()
                .allSatisfy(row -> assertThat(row.get(8)).isEqualTo("0161 496 0000"));
    }

    @Test
    void aStaffOnlyChangeStillCarriesTheDepartmentNameAndLocationFromTheState() {
        int staff = busiest("SELECT max(staff_id) FROM staff");
        SmallToteSys.update(source, "UPDATE staff SET email_address = ?, last_updated = ? WHERE staff_id = ?",
                "moved.on@terrifictotes.com", SmallToteSys.nextStamp(source), staff);

        long sequence = transformTheEdit();

        assertBatchMatchesTheSource(sequence, Set.of("dim_staff"));
        List<List<Object>> rows = processed.rows(sequence, "dim_staff");
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get(3)).isNotNull();
        assertThat(rows.get(0).get(5)).isEqualTo("moved.on@terrifictotes.com");
    }

    @Test
    void aCounterpartyOnlyChangeStillCarriesItsLegalAddressFromTheState() {
        int party = busiest("SELECT min(counterparty_id) FROM counterparty");
        SmallToteSys.update(source, "UPDATE counterparty SET counterparty_legal_name = ?, last_updated = ? "
                + "WHERE counterparty_id = ?", "Renamed Ltd", SmallToteSys.nextStamp(source), party);

        long sequence = transformTheEdit();

        assertBatchMatchesTheSource(sequence, Set.of("dim_counterparty"));
        assertThat(processed.rows(sequence, "dim_counterparty")).singleElement()
                .satisfies(row -> assertThat(row.get(2)).isNotNull());
    }
}
