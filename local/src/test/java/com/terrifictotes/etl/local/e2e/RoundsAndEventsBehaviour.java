package com.terrifictotes.etl.local.e2e;

import static com.terrifictotes.etl.local.e2e.WarehouseAssertions.assertCurrentViewsShowTheLatestExtracted;
import static com.terrifictotes.etl.local.e2e.WarehouseAssertions.assertHoldsEveryExtractedVersion;
import static com.terrifictotes.etl.local.e2e.WarehouseAssertions.assertTablesEqual;
import static com.terrifictotes.etl.local.e2e.WarehouseAssertions.value;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.terrifictotes.etl.catalogue.ToteSysCatalogue;
import com.terrifictotes.etl.local.CycleReport;
import com.terrifictotes.etl.local.StageRun;
import com.terrifictotes.etl.manifest.TableExtract;
import com.terrifictotes.etl.testbed.expected.WarehouseContents;
import com.terrifictotes.etl.testbed.lambda.LambdaEvents;
import com.terrifictotes.etl.testbed.source.ChangeReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pipeline's behaviour end to end, written once and run on each {@link PipelineBed}: the real handlers, driven
 * by the local runner with the events AWS would send, from a generated ToteSys to the warehouse. After every
 * scenario the warehouse must hold exactly what the source held at each extraction, computed from the source with
 * plain SQL. Faults in the middle of a stage are {@link FaultsAndRerunsBehaviour}'s.
 */
public abstract class RoundsAndEventsBehaviour {
    protected PipelineBed bed;

    /** The bed this run of the suite uses. */
    protected abstract PipelineBed bed();

    @BeforeEach
    void takeTheBed() {
        bed = bed();
    }

    @Test
    void aFullLoadOfAWholeToteSysMakesEveryStarTableEqualToItsComputationFromTheSource() {
        Deployment deployment = Deployment.reading(bed, bed.createToteSys(ToteSysFixture.Size.SCALE_FACTOR_ONE));

        CycleReport cycle = deployment.cycle();

        assertThat(cycle.runs()).extracting(StageRun::stage)
                .containsExactly(StageRun.Stage.EXTRACT, StageRun.Stage.TRANSFORM, StageRun.Stage.LOAD);
        assertHoldsEveryExtractedVersion(deployment);
    }

    @Test
    void aFirstLoadAsAChainOfBoundedBatchesMakesTheWarehouseOfOneBatchAndADayOfChangesFollowsAsUsual() {
        DataSource toteSys = small();
        Deployment deployment = Deployment.reading(bed, toteSys, settings -> settings.withMaxBatchRows(1_000));

        int batches = deployment.cycleUntilCaughtUp();

        assertThat(batches).as("batches of the first load, in one cycle").isGreaterThanOrEqualTo(3);
        for (long sequence = 1; sequence <= batches; sequence++) {
            assertThat(deployment.ingestionManifest(sequence).tables().stream()
                    .mapToLong(t -> t.rows() + t.rejects().size()).sum()).as("batch %d", sequence)
                    .isBetween(1L, 1_000L);
        }
        assertThat(deployment.ingestionManifest(1).tables()).anyMatch(TableExtract::isCut);
        assertHoldsEveryExtractedVersion(deployment);
        assertCurrentViewsShowTheLatestExtracted(deployment);

        ToteSysFixture.dayOfChanges(toteSys);
        deployment.cycleUntilCaughtUp();

        assertHoldsEveryExtractedVersion(deployment);
        assertCurrentViewsShowTheLatestExtracted(deployment);
    }

    @Test
    void incrementalRoundsKeepEveryVersionOfAnAmendedOrderAndTheCurrentViewsShowTheLatest() {
        DataSource toteSys = small();
        Deployment deployment = Deployment.reading(bed, toteSys);
        deployment.cycle();
        ChangeReport day = ToteSysFixture.dayOfChanges(toteSys);
        deployment.cycle();

        assertThat(day.amendedSalesOrderIds()).as("the day amended an order").hasSize(1);
        int amended = day.amendedSalesOrderIds().get(0);
        assertThat(value(deployment.warehouse(), "SELECT count(*) FROM fact_sales_order WHERE sales_order_id = "
                + amended)).as("versions of sales order %d", amended).isEqualTo("2");
        assertHoldsEveryExtractedVersion(deployment);
        assertCurrentViewsShowTheLatestExtracted(deployment);

        ToteSysFixture.dayOfChanges(toteSys);
        deployment.cycle();

        assertHoldsEveryExtractedVersion(deployment);
        assertCurrentViewsShowTheLatestExtracted(deployment);
    }

    @Test
    void aDepartmentChangedAloneReachesEveryStaffMemberOfItThroughTheJoin() {
        DataSource toteSys = small();
        Deployment deployment = Deployment.reading(bed, toteSys);
        deployment.cycle();
        String department = value(toteSys, "SELECT min(department_id) FROM staff");
        assertThat(ToteSysFixture.update(toteSys, "UPDATE department SET location = 'Hull (moved)', last_updated = ?"
                + " WHERE department_id = ?", Integer.parseInt(department))).isEqualTo(1);

        deployment.cycle();

        assertThat(rowsExtracted(deployment, 2)).as("rows in the second batch").isEqualTo(onlyRowsOf("department"));
        assertHoldsEveryExtractedVersion(deployment);
        assertThat(value(deployment.warehouse(), "SELECT count(*) FROM dim_staff WHERE location = 'Hull (moved)'"))
                .isEqualTo(value(toteSys, "SELECT count(*) FROM staff WHERE department_id = " + department))
                .isNotEqualTo("0");
    }

    @Test
    void anAddressChangedAloneReachesItsLocationAndEveryCounterpartyBasedThere() {
        DataSource toteSys = small();
        Deployment deployment = Deployment.reading(bed, toteSys);
        deployment.cycle();
        String address = value(toteSys, "SELECT min(legal_address_id) FROM counterparty");
        assertThat(ToteSysFixture.update(toteSys, "UPDATE address SET phone = '0113 496 0999', last_updated = ?"
                + " WHERE address_id = ?", Integer.parseInt(address))).isEqualTo(1);

        deployment.cycle();

        assertThat(rowsExtracted(deployment, 2)).as("rows in the second batch").isEqualTo(onlyRowsOf("address"));
        assertHoldsEveryExtractedVersion(deployment);
        assertThat(value(deployment.warehouse(), "SELECT phone FROM dim_location WHERE location_id = " + address))
                .isEqualTo("0113 496 0999");
        assertThat(value(deployment.warehouse(), "SELECT count(*) FROM dim_counterparty"
                + " WHERE counterparty_legal_phone_number = '0113 496 0999'"))
                .isEqualTo(value(toteSys, "SELECT count(*) FROM counterparty WHERE legal_address_id = " + address));
    }

    @Test
    void aRoundWithNothingNewWritesNothingTriggersNothingAndLeavesTheWarehouseAsItWas() {
        Deployment deployment = Deployment.reading(bed, small());
        deployment.cycle();
        WarehouseContents before = deployment.contents();
        List<String> objectsBefore = objects(deployment);

        CycleReport idle = deployment.cycle();

        assertThat(idle.runs()).singleElement().satisfies(run -> assertThat(run.response()).startsWith("NOTHING_NEW"));
        assertThat(objects(deployment)).isEqualTo(objectsBefore);
        assertThat(deployment.contents()).isEqualTo(before);
        assertHoldsEveryExtractedVersion(deployment);
    }

    @Test
    void everyEventDeliveredTwiceStillAppliesEachBatchExactlyOnce() {
        DataSource toteSys = small();
        Deployment deployment = Deployment.reading(bed, toteSys);
        List<StageRun> repeats = new ArrayList<>(roundDeliveringEveryEventTwice(deployment));
        ToteSysFixture.dayOfChanges(toteSys);
        repeats.addAll(roundDeliveringEveryEventTwice(deployment));

        assertThat(repeats).hasSize(4).allSatisfy(repeat -> assertThat(repeat.response())
                .as("%s of %s delivered again", repeat.stage(), repeat.trigger())
                .matches(".*ALREADY_DONE.*|nothing pending|applied no manifest;.*"));
        assertHoldsEveryExtractedVersion(deployment);
    }

    @Test
    void eventsDeliveredNewestFirstStillApplyTheBatchesOldestFirst() {
        DataSource toteSys = small();
        Deployment deployment = Deployment.reading(bed, toteSys);
        deployment.extract();
        ToteSysFixture.dayOfChanges(toteSys);
        deployment.extract();

        List<String> transforms = newestFirst(deployment.ingestionEvents()).stream()
                .map(event -> deployment.transform(event).response()).toList();
        List<String> loads = newestFirst(deployment.processedEvents()).stream()
                .map(event -> deployment.load(event).response()).toList();

        assertThat(transforms).containsExactly("batches [1 TRANSFORMED, 2 TRANSFORMED]", "nothing pending");
        assertThat(loads).hasSize(2).first().asString().startsWith("applied 2 manifest(s), sequences 1..2");
        assertHoldsEveryExtractedVersion(deployment);
    }

    @Test
    void aDroppedTransformEventIsMadeGoodByTheNextRoundsEvent() {
        DataSource toteSys = small();
        Deployment deployment = Deployment.reading(bed, toteSys);
        deployment.cycle();
        ToteSysFixture.dayOfChanges(toteSys);
        deployment.extract();
        assertThat(deployment.ingestionEvents()).as("the dropped event").hasSize(1);
        assertTablesEqual(deployment.contents(), deployment.expectedAfter(1));
        ToteSysFixture.dayOfChanges(toteSys);

        deployment.cycle();

        assertHoldsEveryExtractedVersion(deployment);
    }

    @Test
    void eventsDroppedAtBothStagesAreMadeGoodByTheDailyCatchUp() {
        DataSource toteSys = small();
        Deployment deployment = Deployment.reading(bed, toteSys);
        deployment.cycle();
        ToteSysFixture.dayOfChanges(toteSys);
        deployment.extract();
        assertThat(deployment.ingestionEvents()).as("the dropped transform event").hasSize(1);

        deployment.transform(LambdaEvents.catchUp());
        assertThat(deployment.processedEvents()).as("the dropped load event").hasSize(1);
        deployment.load(LambdaEvents.catchUp());

        assertHoldsEveryExtractedVersion(deployment);
    }

    private DataSource small() {
        return bed.createToteSys(ToteSysFixture.Size.SMALL);
    }

    /** Extracts, then delivers each notification twice; returns the second deliveries. */
    private static List<StageRun> roundDeliveringEveryEventTwice(Deployment deployment) {
        deployment.extract();
        List<StageRun> repeats = new ArrayList<>();
        for (S3Event event : deployment.ingestionEvents()) {
            deployment.transform(event);
            repeats.add(deployment.transform(event));
        }
        for (S3Event event : deployment.processedEvents()) {
            deployment.load(event);
            repeats.add(deployment.load(event));
        }
        return repeats;
    }

    private static List<S3Event> newestFirst(List<S3Event> events) {
        assertThat(events).as("one notification per batch").hasSize(2);
        return List.of(events.get(1), events.get(0));
    }

    private static Map<String, Long> rowsExtracted(Deployment deployment, long sequence) {
        Map<String, Long> rows = new LinkedHashMap<>();
        for (TableExtract table : deployment.ingestionManifest(sequence).tables()) {
            rows.put(table.table(), table.rows());
        }
        return rows;
    }

    private static Map<String, Long> onlyRowsOf(String changedTable) {
        Map<String, Long> rows = new LinkedHashMap<>();
        ToteSysCatalogue.TABLES.forEach(t -> rows.put(t.name(), t.name().equals(changedTable) ? 1L : 0L));
        return rows;
    }

    private static List<String> objects(Deployment deployment) {
        List<String> objects = new ArrayList<>(deployment.keys(deployment.ingestionBucket(), ""));
        objects.addAll(deployment.keys(deployment.processedBucket(), ""));
        return objects;
    }
}
