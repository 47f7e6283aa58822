package com.terrifictotes.etl.transformer;

import static org.assertj.core.api.Assertions.assertThat;

import com.terrifictotes.etl.manifest.Reconciliation;
import com.terrifictotes.etl.testbed.expected.WarehouseFromSource;
import com.terrifictotes.etl.testbed.servers.Database;
import com.terrifictotes.etl.testbed.servers.TestBed;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Batches of the reconciliation pass: their rows go through like any batch's, the rows they report gone become
 * etl_deleted_row rows of the warehouse tables those rows made, a joined row found gone leaves the join state for good,
 * and a version they deliver again (a correction that kept its stamp) is never dropped as already delivered.
 */
class ReconciliationBatchTest {
    private static final LocalDateTime FOUND_AT = LocalDateTime.of(2024, 5, 2, 3, 0, 0, 123_456_789);

    private static Database template;

    private final TestBed bed = TestBed.shared();
    private DataSource source;
    private IngestionFixture extractor;
    private ProcessedZone processed;
    private TransformerService service;

    @BeforeAll
    static void generateTheSourceOnce() {
        template = SmallToteSys.create(47L, 60);
    }

    /** A copy of the source, its first batch transformed; windows re-read {@code overlap} behind the last bound. */
    private void start(Duration overlap) {
        source = bed.copyOf(template).dataSource();
        extractor = new IngestionFixture(source, bed.s3(), bed.createBucket("reconciled-ingestion"))
                .withOverlap(overlap);
        processed = new ProcessedZone(bed.s3(), bed.createBucket("reconciled-processed"));
        service = new TransformerService(bed.s3(), TransformerSettings.forBuckets(extractor.bucket().name(),
                processed.bucket.name()));
        extractor.extract();
        service.transformPending(OptionalLong.empty());
    }

    @Test
    void rowsFoundGoneBecomeDeletedRowsOfTheWarehouseTablesTheyMadeAndADepartmentNone() {
        start(Duration.ZERO);
        int staff = first("SELECT min(staff_id) FROM staff");
        int order = first("SELECT min(sales_order_id) FROM sales_order");
        int department = first("SELECT min(department_id) FROM department");

        long batch = extractor.reconcile(Map.of(), reconciliation(Map.of("staff", List.of(staff),
                "sales_order", List.of(order), "department", List.of(department))));
        service.transformPending(OptionalLong.empty());

        assertThat(processed.rows(batch, "etl_deleted_row")).containsExactlyInAnyOrder(
                List.of((int) batch, "dim_staff", "staff", staff, FOUND_AT.withNano(123_000_000)),
                List.of((int) batch, "fact_sales_order", "sales_order", order, FOUND_AT.withNano(123_000_000)));
        assertThat(processed.rows(batch, "dim_staff")).as("nothing delivered, nothing emitted").isEmpty();
        assertThat(processed.manifest(batch).stateFiles()).filteredOn(f -> f.table().equals("staff"))
                .singleElement().satisfies(f -> assertThat(f.files()).as("the state without the staff member")
                        .allMatch(file -> file.key().contains(String.format("batch=%012d", batch))));
    }

    @Test
    void aStaffMemberFoundGoneIsNotWrittenAgainWhenTheirDepartmentChangesLater() {
        start(Duration.ZERO);
        int staff = first("SELECT min(staff_id) FROM staff");
        int department = first("SELECT department_id FROM staff WHERE staff_id = " + staff);
        extractor.reconcile(Map.of(), reconciliation(Map.of("staff", List.of(staff))));
        service.transformPending(OptionalLong.empty());
        SmallToteSys.update(source, "UPDATE department SET location = 'Hull', last_updated = ? WHERE department_id = ?",
                SmallToteSys.nextStamp(source), department);

        long batch = extractor.extract();
        service.transformPending(OptionalLong.empty());

        List<List<Object>> staffRows = processed.rows(batch, "dim_staff");
        assertThat(staffRows).as("the department's other staff are written again").isNotEmpty()
                .allMatch(row -> "Hull".equals(row.get(4)));
        assertThat(staffRows).extracting(row -> row.get(0)).doesNotContain(staff);
    }

    @Test
    void aCorrectionThatKeptItsStampIsWrittenThoughThePreviousBatchRememberedTheVersion() {
        // every version of the first batch lies within the overlap: its manifest remembers them all
        start(Duration.ofDays(365 * 40));
        int order = first("SELECT min(sales_order_id) FROM sales_order");
        SmallToteSys.update(source, "UPDATE sales_order SET units_sold = 4242 WHERE sales_order_id = ?", order);

        long batch = extractor.reconcile(Map.of("sales_order", List.of(order)), reconciliation(Map.of()));
        service.transformPending(OptionalLong.empty());

        assertThat(processed.rows(batch, "fact_sales_order")).singleElement()
                .satisfies(row -> assertThat(row.get(7)).isEqualTo(4242));
        assertThat(processed.rows(batch, "etl_deleted_row")).isEmpty();
    }

    private Reconciliation reconciliation(Map<String, List<Integer>> deleted) {
        return new Reconciliation(FOUND_AT, 1, deleted, Map.of());
    }

    private int first(String sql) {
        return (Integer) WarehouseFromSource.query(source, sql).get(0).get(0);
    }
}
