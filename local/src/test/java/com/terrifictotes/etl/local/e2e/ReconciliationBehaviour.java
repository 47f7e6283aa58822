package com.terrifictotes.etl.local.e2e;

import static com.terrifictotes.etl.local.e2e.WarehouseAssertions.assertCurrentViewsShowTheLatestExtracted;
import static com.terrifictotes.etl.local.e2e.WarehouseAssertions.assertHoldsEveryExtractedVersion;
import static com.terrifictotes.etl.local.e2e.WarehouseAssertions.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.terrifictotes.etl.local.CycleReport;
import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.manifest.IngestionManifest;
import com.terrifictotes.etl.manifest.RowVersion;
import com.terrifictotes.etl.manifest.TableExtract;
import com.terrifictotes.etl.reconciler.ReconciliationResult;
import com.terrifictotes.etl.reconciler.ReconciliationResult.Outcome;
import com.terrifictotes.etl.testbed.expected.WarehouseContents;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reconciliation pass end to end, written once and run on each {@link PipelineBed}: ToteSys changed in the ways
 * no extraction window sees (deletes, its own foreign keys rewriting rows unstamped, raw SQL that skips
 * {@code last_updated}, parents stamped outside every window), then the reconciler's handler, then an ordinary cycle,
 * which carries its batch through the real transformer and loader. Each time the warehouse must equal the oracle
 * computed from the source with plain SQL (deleted dimension rows flagged, deleted facts out of the current views,
 * corrected versions in place), and a second pass must find nothing.
 */
public abstract class ReconciliationBehaviour {
    protected PipelineBed bed;

    /** The bed this run of the suite uses. */
    protected abstract PipelineBed bed();

    @BeforeEach
    void takeTheBed() {
        bed = bed();
    }

    @Test
    void rowsDeletedAtTheSourceKeepTheirDimensionRowsFlaggedAndLeaveTheCurrentViewsWhileHistoryStays() {
        DataSource toteSys = small();
        int staff = 800_010;
        execute(toteSys, "INSERT INTO staff (staff_id, first_name, last_name, department_id, email_address,"
                + " last_updated) SELECT ?, 'Short', 'Stay', min(department_id), 'short@terrifictotes.com', ?"
                + " FROM department", staff, now());
        Deployment deployment = Deployment.reading(bed, toteSys);
        deployment.cycle();
        int design = integer(toteSys, "SELECT min(design_id) FROM design d WHERE NOT EXISTS"
                + " (SELECT 1 FROM sales_order s WHERE s.design_id = d.design_id)");
        int order = integer(toteSys, "SELECT min(sales_order_id) FROM sales_order");
        int transaction = integer(toteSys, "SELECT transaction_id FROM transaction WHERE sales_order_id = " + order);
        int payment = integer(toteSys, "SELECT max(payment_id) FROM payment");
        execute(toteSys, "DELETE FROM design WHERE design_id = ?", design);
        execute(toteSys, "DELETE FROM staff WHERE staff_id = ?", staff);
        // ON DELETE SET NULL: the order's transaction loses its sales_order_id without a new last_updated
        execute(toteSys, "DELETE FROM sales_order WHERE sales_order_id = ?", order);
        execute(toteSys, "DELETE FROM payment WHERE payment_id = ?", payment);
        assertThat(deployment.cycle().runs()).as("an extraction sees no delete").singleElement()
                .satisfies(run -> assertThat(run.response()).startsWith("NOTHING_NEW"));

        ReconciliationResult found = deployment.reconcile();
        deployment.cycle();

        assertThat(found.outcome()).isEqualTo(Outcome.PUBLISHED);
        assertThat(found.found()).containsEntry("dim_design", counts(0, 0, 1, 0))
                .containsEntry("dim_staff", counts(0, 0, 1, 0))
                .containsEntry("fact_sales_order", counts(0, 0, 1, 0))
                .containsEntry("fact_payment", counts(0, 0, 1, 0))
                .containsEntry("dim_transaction", counts(0, 1, 0, 0));
        assertReconciled(deployment);
        DataSource warehouse = deployment.warehouse();
        assertThat(value(warehouse, "SELECT count(*) FROM dim_design WHERE deleted_at IS NOT NULL AND design_id = "
                + design)).isEqualTo("1");
        assertThat(value(warehouse, "SELECT count(*) FROM fact_sales_order WHERE deleted_at IS NOT NULL"
                + " AND sales_order_id = " + order)).as("the order's history stays").isNotEqualTo("0");
        assertThat(value(warehouse, "SELECT count(*) FROM fact_sales_order_current WHERE sales_order_id = " + order))
                .isEqualTo("0");
        assertThat(value(warehouse, "SELECT coalesce(sales_order_id::text, 'none') FROM dim_transaction"
                + " WHERE transaction_id = " + transaction)).isEqualTo("none");
    }

    @Test
    void aPrimaryKeyChangedWithOnUpdateCascadeMovesTheFactsToTheNewKeyAndFlagsTheOldOne() {
        DataSource toteSys = small();
        Deployment deployment = Deployment.reading(bed, toteSys);
        deployment.cycle();
        int staff = integer(toteSys, "SELECT staff_id FROM sales_order GROUP BY staff_id ORDER BY count(*) DESC,"
                + " staff_id LIMIT 1");
        int orders = integer(toteSys, "SELECT count(*) FROM sales_order WHERE staff_id = " + staff);
        // raw SQL: the key changes, its orders follow by ON UPDATE CASCADE, and nothing is stamped
        execute(toteSys, "UPDATE staff SET staff_id = 900001 WHERE staff_id = ?", staff);
        deployment.cycle();

        ReconciliationResult found = deployment.reconcile();
        deployment.cycle();

        assertThat(found.found().get("dim_staff")).isEqualTo(counts(1, 0, 1, 0));
        assertThat(found.found().get("fact_sales_order").get("changed")).isEqualTo(orders);
        assertReconciled(deployment);
        assertThat(value(deployment.warehouse(), "SELECT count(*) FROM fact_sales_order_current"
                + " WHERE sales_staff_id = 900001")).isEqualTo(Integer.toString(orders));
        assertThat(value(deployment.warehouse(), "SELECT deleted_at IS NOT NULL FROM dim_staff WHERE staff_id = "
                + staff)).isEqualTo("t");
    }

    @Test
    void changesThatSkipLastUpdatedAreDeliveredAsCorrectionsAndAFactVersionIsCorrectedInPlace() {
        DataSource toteSys = small();
        Deployment deployment = Deployment.reading(bed, toteSys);
        deployment.cycle();
        int design = integer(toteSys, "SELECT min(design_id) FROM design");
        int department = integer(toteSys, "SELECT min(department_id) FROM staff");
        int staffOfDepartment = integer(toteSys, "SELECT count(*) FROM staff WHERE department_id = " + department);
        int order = integer(toteSys, "SELECT min(sales_order_id) FROM sales_order");
        execute(toteSys, "UPDATE design SET design_name = 'renamed by hand' WHERE design_id = ?", design);
        execute(toteSys, "UPDATE department SET department_name = 'Renamed by hand' WHERE department_id = ?",
                department);
        execute(toteSys, "UPDATE sales_order SET units_sold = units_sold + 1000 WHERE sales_order_id = ?", order);
        String versions = value(deployment.warehouse(), "SELECT count(*) FROM fact_sales_order WHERE sales_order_id = "
                + order);
        deployment.cycle();

        ReconciliationResult found = deployment.reconcile();
        deployment.cycle();

        assertThat(found.found().get("dim_design")).isEqualTo(counts(0, 1, 0, 0));
        assertThat(found.found().get("dim_staff")).as("every staff row of the department")
                .isEqualTo(counts(0, staffOfDepartment, 0, 0));
        assertThat(found.found().get("fact_sales_order")).isEqualTo(counts(0, 1, 0, 0));
        assertThat(found.delivered()).containsEntry("department", 1L).containsEntry("design", 1L)
                .containsEntry("sales_order", 1L).containsEntry("staff", (long) staffOfDepartment);
        assertReconciled(deployment);
        assertThat(value(deployment.warehouse(), "SELECT count(*) FROM fact_sales_order WHERE sales_order_id = "
                + order)).as("the version corrected in place, not added").isEqualTo(versions);
        assertThat(value(deployment.warehouse(), "SELECT etl_batch FROM fact_sales_order_current"
                + " WHERE sales_order_id = " + order)).as("marked with the correcting batch")
                .isEqualTo(Long.toString(found.sequence()));
    }

    @Test
    void parentsStampedInThePastOrCommittedTooLateLoadAsInferredRowsThatTheReconciliationCompletes() {
        DataSource toteSys = small();
        Deployment deployment = Deployment.reading(bed, toteSys);
        deployment.cycle();
        LocalDateTime firstBound = deployment.ingestionManifest(1).table("staff").orElseThrow().windowHi();
        // a data migration copying a legacy stamp; a session that committed well after its stamp
        addStaffWithAnOrder(toteSys, 800_001, LocalDateTime.of(2019, 3, 1, 9, 0));
        addStaffWithAnOrder(toteSys, 800_002, firstBound.minusMinutes(10));
        deployment.cycle();
        assertThat(value(deployment.warehouse(), "SELECT count(*) FROM dim_staff WHERE is_inferred"
                + " AND staff_id IN (800001, 800002)")).as("inferred for the orders that came first").isEqualTo("2");

        ReconciliationResult found = deployment.reconcile();
        deployment.cycle();

        assertThat(found.found().get("dim_staff")).isEqualTo(counts(0, 0, 0, 2));
        assertReconciled(deployment);
        assertThat(value(deployment.warehouse(), "SELECT count(*) FROM dim_staff WHERE is_inferred")).isEqualTo("0");
    }

    @Test
    void aParentStampedInTheFutureIsDeliveredNowAndTheWindowThatReachesItsStampDropsIt() throws InterruptedException {
        DataSource toteSys = small();
        Deployment deployment = Deployment.reading(bed, toteSys);
        deployment.cycle();
        // a hand insert from a session whose clock runs ahead
        LocalDateTime ahead = now().plusSeconds(15);
        addStaffWithAnOrder(toteSys, 800_003, ahead);
        deployment.cycle();

        ReconciliationResult found = deployment.reconcile();
        deployment.cycle();

        assertThat(found.found().get("dim_staff")).as("found before the source's clock reached its stamp")
                .isEqualTo(counts(0, 0, 0, 1));
        IngestionManifest batch = deployment.ingestionManifest(found.sequence());
        assertThat(batch.table("staff").orElseThrow().recentVersions()).as("remembered for the window to come")
                .contains(new RowVersion(800_003, ahead));
        assertReconciled(deployment);
        waitForTheSourceClockToPass(toteSys, ahead);

        CycleReport reached = deployment.cycle();

        assertThat(reached.runs()).as("the window that reads the stamp drops the version delivered").singleElement()
                .satisfies(run -> assertThat(run.response()).startsWith("NOTHING_NEW"));
        assertHoldsEveryExtractedVersion(deployment);
    }

    @Test
    void aKeyDeletedThenInsertedAgainIsLiveAgainAndItsFactHistoryKeepsTheDeletion() {
        DataSource toteSys = small();
        Deployment deployment = Deployment.reading(bed, toteSys);
        deployment.cycle();
        int design = integer(toteSys, "SELECT min(design_id) FROM design d WHERE NOT EXISTS"
                + " (SELECT 1 FROM sales_order s WHERE s.design_id = d.design_id)");
        int payment = integer(toteSys, "SELECT max(payment_id) FROM payment");
        // kept aside (in a table outside the catalogue, which nothing reads) to be inserted again later
        execute(toteSys, "CREATE TABLE kept_payment AS SELECT * FROM payment WHERE payment_id = ?", payment);
        execute(toteSys, "DELETE FROM design WHERE design_id = ?", design);
        execute(toteSys, "DELETE FROM payment WHERE payment_id = ?", payment);
        deployment.reconcile();
        deployment.cycle();
        assertReconciled(deployment);

        execute(toteSys, "INSERT INTO design (design_id, created_at, design_name, file_location, file_name,"
                + " last_updated) VALUES (?, ?, 'back again', '/designs', 'back.jpg', ?)", design, now(), now());
        execute(toteSys, "INSERT INTO payment SELECT * FROM kept_payment");
        execute(toteSys, "UPDATE payment SET last_updated = ? WHERE payment_id = ?", now(), payment);
        deployment.cycle();

        assertReconciled(deployment);
        assertThat(value(deployment.warehouse(), "SELECT deleted_at IS NULL FROM dim_design WHERE design_id = "
                + design)).isEqualTo("t");
        assertThat(value(deployment.warehouse(), "SELECT count(*) FILTER (WHERE deleted_at IS NULL) || ' '"
                + " || count(*) FILTER (WHERE deleted_at IS NOT NULL) FROM fact_payment WHERE payment_id = "
                + payment)).as("the new version live, the old one flagged").isEqualTo("1 1");
    }

    @Test
    void aChunkedComparisonWithTinyChunksDrillsDownAndFindsExactlyWhatTheDefaultsFind() {
        DataSource toteSys = small();
        Deployment deployment = Deployment.reading(bed, toteSys);
        deployment.cycle();
        execute(toteSys, "UPDATE sales_order SET units_sold = units_sold + 1 WHERE sales_order_id IN"
                + " (SELECT sales_order_id FROM sales_order ORDER BY sales_order_id LIMIT 3)");
        execute(toteSys, "UPDATE address SET phone = phone || ' ext. 9' WHERE address_id = (SELECT max(address_id)"
                + " FROM address WHERE address_id NOT IN (SELECT legal_address_id FROM counterparty))");
        execute(toteSys, "DELETE FROM payment WHERE payment_id = (SELECT min(payment_id) FROM payment)");
        ReconciliationResult defaults = deployment.dryRun();

        ReconciliationResult tiny = deployment.reconcile(deployment.reconciliationSettings().withChunks(7, 2, 4));
        deployment.cycle();

        assertThat(tiny.found()).isEqualTo(defaults.found());
        assertThat(tiny.delivered()).isEqualTo(defaults.delivered());
        assertThat(tiny.reconciledRows()).as("three orders, a location, a payment").isEqualTo(5);
        assertThat(tiny.summaries()).as("range summaries: at least one per chunk of 7 rows")
                .isGreaterThanOrEqualTo(tiny.sourceRows() / 7).isGreaterThan(defaults.summaries());
        assertThat(tiny.warehouseRows()).as("warehouse rows fetched: the few rows of the differing ranges")
                .isPositive().isLessThan(5 * 2 * 4);
        assertThat(defaults.warehouseRows()).as("the defaults fetch whole small tables where they differ")
                .isGreaterThan(tiny.warehouseRows());
        assertReconciled(deployment);
    }

    @Test
    void aPassBetweenTwoBatchesOfAChainKeepsWhereTheChainWasCutAndTheChainGoesOnToTheSameWarehouse() {
        DataSource toteSys = small();
        Deployment deployment = Deployment.reading(bed, toteSys, settings -> settings.withMaxBatchRows(500));
        deployment.cycleOneBatch();
        IngestionManifest cut = deployment.ingestionManifest(1);
        assertThat(cut.tables()).as("the first batch of a chain").anyMatch(TableExtract::isCut);
        // a change no window sees, to a row the first batch delivered: the pass has something to publish
        execute(toteSys, "UPDATE address SET phone = phone || ' ext. 7' WHERE address_id = (SELECT max(address_id)"
                + " FROM address WHERE address_id NOT IN (SELECT legal_address_id FROM counterparty))");

        ReconciliationResult found = deployment.reconcile();

        assertThat(found.outcome()).isEqualTo(Outcome.PUBLISHED);
        assertThat(found.reconciledRows()).as("the address only: what lies after the cut is in flight").isEqualTo(1);
        IngestionManifest between = deployment.ingestionManifest(found.sequence());
        assertThat(between.tables()).extracting(TableExtract::continueAfter)
                .containsExactlyElementsOf(cut.tables().stream().map(TableExtract::continueAfter).toList());
        assertThat(deployment.cycleUntilCaughtUp()).as("a chain of several batches").isGreaterThan(2);
        assertReconciled(deployment);
    }

    @Test
    void aPassWhileBackfillRangesAreLeftCarriesThemAndTheChainGoesOnToTheSameWarehouse() {
        DataSource toteSys = small();
        Deployment deployment = Deployment.reading(bed, toteSys, settings -> settings.withMaxBatchRows(500));
        deployment.cycleOneBatch();
        deployment.cycleOneBatch();
        IngestionManifest ranged = deployment.ingestionManifest(2);
        assertThat(ranged.tables()).as("the second batch of a chain").anyMatch(t -> t.backfill() != null);
        execute(toteSys, "UPDATE address SET phone = phone || ' ext. 7' WHERE address_id = (SELECT max(address_id)"
                + " FROM address WHERE address_id NOT IN (SELECT legal_address_id FROM counterparty))");

        ReconciliationResult found = deployment.reconcile();

        assertThat(found.outcome()).isEqualTo(Outcome.PUBLISHED);
        assertThat(found.reconciledRows()).as("the address only: what lies in the ranges is in flight").isEqualTo(1);
        IngestionManifest between = deployment.ingestionManifest(found.sequence());
        assertThat(between.tables()).extracting(TableExtract::backfill)
                .containsExactlyElementsOf(ranged.tables().stream().map(TableExtract::backfill).toList());
        assertThat(between.tables()).extracting(TableExtract::continueAfter)
                .containsExactlyElementsOf(ranged.tables().stream().map(TableExtract::continueAfter).toList());
        assertThat(deployment.cycleUntilCaughtUp()).as("the rest of the chain").isGreaterThan(1);
        assertReconciled(deployment);
    }

    @Test
    void aSourceThatLostMoreThanTheDeleteRatioIsRefusedUntilTheOperatorRaisesIt() {
        DataSource toteSys = small();
        Deployment deployment = Deployment.reading(bed, toteSys);
        deployment.cycle();
        int designs = integer(toteSys, "SELECT count(*) FROM design");
        int deleted = execute(toteSys, "DELETE FROM design d WHERE NOT EXISTS"
                + " (SELECT 1 FROM sales_order s WHERE s.design_id = d.design_id)");
        assertThat(deleted).as("designs no order uses").isGreaterThan(10).isGreaterThan(designs / 10);
        List<String> manifests = deployment.keys(deployment.ingestionBucket(), BucketLayout.MANIFEST_PREFIX);

        assertThatThrownBy(deployment::reconcile).hasMessageContaining("reconciliation refused, nothing published")
                .hasMessageContaining("dim_design: " + deleted + " of its " + designs + " live rows gone")
                .hasMessageContaining("RECONCILE_MAX_DELETE_RATIO");
        assertThat(deployment.keys(deployment.ingestionBucket(), BucketLayout.MANIFEST_PREFIX)).isEqualTo(manifests);

        ReconciliationResult allowed = deployment.reconcile(deployment.reconciliationSettings()
                .withMaxDeleteRatio(1.0));
        deployment.cycle();

        assertThat(allowed.found().get("dim_design").get("deleted")).isEqualTo(deleted);
        assertReconciled(deployment);
    }

    /** The warehouse equals the oracle, current views included, and a second pass finds nothing at all. */
    private static void assertReconciled(Deployment deployment) {
        assertHoldsEveryExtractedVersion(deployment);
        assertCurrentViewsShowTheLatestExtracted(deployment);
        WarehouseContents before = deployment.contents();

        ReconciliationResult again = deployment.reconcile();

        assertThat(again.outcome()).as("a second pass").isEqualTo(Outcome.NOTHING_TO_RECONCILE);
        assertThat(again.found().values()).as("what the second pass found")
                .allSatisfy(kinds -> assertThat(kinds.values()).containsOnly(0L));
        assertThat(deployment.contents()).isEqualTo(before);
    }

    /** A staff member stamped {@code stamp} (in the first department) and a new order of theirs, stamped now. */
    private static void addStaffWithAnOrder(DataSource toteSys, int staff, LocalDateTime stamp) {
        execute(toteSys, "INSERT INTO staff (staff_id, first_name, last_name, department_id, email_address,"
                + " created_at, last_updated) SELECT ?, 'Late', 'Arrival', min(department_id), 'late@terrifictotes.com',"
                + " ?, ? FROM department", staff, stamp, stamp);
        execute(toteSys, "INSERT INTO sales_order (sales_order_id, created_at, last_updated, design_id, staff_id,"
                + " counterparty_id, units_sold, unit_price, currency_id, agreed_delivery_date, agreed_payment_date,"
                + " agreed_delivery_location_id) SELECT ?, ?, ?, design_id, ?, counterparty_id, units_sold, unit_price,"
                + " currency_id, agreed_delivery_date, agreed_payment_date, agreed_delivery_location_id FROM sales_order"
                + " WHERE sales_order_id = (SELECT min(sales_order_id) FROM sales_order)", staff, now(), now(), staff);
    }

    private static void waitForTheSourceClockToPass(DataSource toteSys, LocalDateTime stamp)
            throws InterruptedException {
        while (!"t".equals(value(toteSys, "SELECT localtimestamp > '" + stamp + "'::timestamp"))) {
            Thread.sleep(250);
        }
    }

    private static Map<String, Long> counts(long missing, long changed, long deleted, long parents) {
        return Map.of("missing", missing, "changed", changed, "deleted", deleted, "parents", parents,
                "skippedInFlight", 0L, "quarantined", 0L);
    }

    private DataSource small() {
        return bed.createToteSys(ToteSysFixture.Size.SMALL);
    }

    private static int integer(DataSource dataSource, String sql) {
        return Integer.parseInt(value(dataSource, sql));
    }

    private static int execute(DataSource dataSource, String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot change the source: " + e.getMessage(), e);
        }
    }

    private static LocalDateTime now() {
        return LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
    }
}
