package com.terrifictotes.etl.local.e2e;

import static com.terrifictotes.etl.local.e2e.WarehouseAssertions.assertHoldsEveryExtractedVersion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.testbed.expected.WarehouseContents;
import com.terrifictotes.etl.testbed.faults.Failure;
import com.terrifictotes.etl.testbed.faults.FaultyDataSource;
import com.terrifictotes.etl.testbed.faults.FaultyS3;
import com.terrifictotes.etl.testbed.faults.S3Call;
import com.terrifictotes.etl.testbed.faults.SimulatedCrash;
import com.terrifictotes.etl.testbed.servers.TestBed;
import java.util.List;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A fault in the middle of each stage, then a rerun with healthy services (new handler instances, as a new Lambda
 * execution environment; handed the same event again where Lambda retries it). Afterwards the warehouse holds what
 * the source held at each extraction, and hashes equal to the warehouse of a clean deployment that read the same
 * source at the same moments; one more day after that shows nothing the fault left behind disturbs later batches.
 * The faults come from the test bed's fault doubles, installed in this bed's real clients.
 */
public abstract class FaultsAndRerunsBehaviour {
    protected PipelineBed bed;

    /** The bed this run of the suite uses. */
    protected abstract PipelineBed bed();

    @BeforeEach
    void takeTheBed() {
        bed = bed();
    }

    @Test
    void anExtractorDyingHalfwayThroughItsUploadsPublishesNothingAndTheNextRunDeliversEverything() {
        DataSource toteSys = bed.createToteSys(ToteSysFixture.Size.SMALL);
        FaultyS3 cleanCalls = recorder();
        Deployment clean = Deployment.reading(bed, toteSys).through(bed.s3(cleanCalls));
        clean.cycle();
        long uploads = cleanCalls.calls().stream().filter(S3Call.creates(clean.ingestionBucket(), "")).count();

        Deployment deployment = Deployment.reading(bed, toteSys);
        FaultyS3 fault = recorder().failBefore((int) uploads / 2,
                S3Call.creates(deployment.ingestionBucket(), BucketLayout.DATA_PREFIX), Failure.CRASH);
        assertThatThrownBy(() -> deployment.through(bed.s3(fault)).extract())
                .isInstanceOf(SimulatedCrash.class);

        assertThat(fault.allFired()).as("the fault fired").isTrue();
        assertThat(deployment.keys(deployment.ingestionBucket(), BucketLayout.DATA_PREFIX))
                .as("CSV objects written before the crash").isNotEmpty();
        assertThat(deployment.keys(deployment.ingestionBucket(), BucketLayout.MANIFEST_PREFIX))
                .as("manifests published by the crashed run").isEmpty();

        Deployment rerun = deployment.healthy();
        rerun.cycle();

        assertSameWarehouseAsTheCleanRun(rerun, clean);
        assertBothAgreeAfterAnotherDay(toteSys, clean, rerun);
    }

    @Test
    void aParquetUploadThatSucceededButReportedAnErrorIsMetAgainByTheRetryAndTheBatchCompletes() {
        DataSource toteSys = bed.createToteSys(ToteSysFixture.Size.SMALL);
        FaultyS3 cleanCalls = recorder();
        Deployment clean = Deployment.reading(bed, toteSys).through(bed.s3(cleanCalls));
        clean.cycle();
        long parquetFiles = cleanCalls.calls().stream()
                .filter(S3Call.creates(clean.processedBucket(), BucketLayout.TABLES_PREFIX)).count();

        Deployment deployment = Deployment.reading(bed, toteSys);
        deployment.extract();
        S3Event event = single(deployment.ingestionEvents());
        FaultyS3 fault = recorder().failAfter((int) parquetFiles / 2,
                S3Call.creates(deployment.processedBucket(), BucketLayout.TABLES_PREFIX), Failure.ERROR);
        assertThatThrownBy(() -> deployment.through(bed.s3(fault)).transform(event))
                .hasMessageContaining("injected fault");

        assertThat(fault.allFired()).as("the fault fired").isTrue();
        assertThat(deployment.keys(deployment.processedBucket(), BucketLayout.MANIFEST_PREFIX))
                .as("processed manifests of the failed invocation").isEmpty();

        Deployment rerun = deployment.healthy();
        rerun.transform(event);
        rerun.processedEvents().forEach(rerun::load);

        assertSameWarehouseAsTheCleanRun(rerun, clean);
        assertBothAgreeAfterAnotherDay(toteSys, clean, rerun);
    }

    @Test
    void aConnectionLostHalfwayThroughACopyLeavesTheWarehouseUntouchedAndTheRetriedEventLoadsTheBatch() {
        DataSource toteSys = bed.createToteSys(ToteSysFixture.Size.SMALL);
        Deployment clean = Deployment.reading(bed, toteSys);
        clean.cycle();

        Deployment deployment = Deployment.reading(bed, toteSys);
        deployment.extract();
        deployment.ingestionEvents().forEach(deployment::transform);
        S3Event event = single(deployment.processedEvents());
        Predicate<String> salesOrderCopy = sql -> sql.startsWith("COPY")
                && sql.contains(WarehouseCatalogue.FACT_SALES_ORDER.loadColumnList());
        FaultyDataSource fault = new FaultyDataSource(deployment.warehouse())
                .failCopy(1, salesOrderCopy, 4096, Failure.ERROR);
        assertThatThrownBy(() -> deployment.through(fault).load(event))
                .hasMessageContaining("injected fault");

        assertThat(fault.allFired()).as("the fault fired").isTrue();
        assertThat(fault.statements()).as("dimensions copied before the fault").filteredOn(s -> s.startsWith("COPY"))
                .hasSizeGreaterThan(1);
        WarehouseContents afterFault = deployment.contents();
        assertThat(afterFault.ledger()).as("ledger after the fault").isEmpty();
        assertThat(afterFault.tables().values()).as("no half batch").allMatch(List::isEmpty);

        Deployment rerun = deployment.healthy();
        rerun.load(event);

        assertSameWarehouseAsTheCleanRun(rerun, clean);
        assertBothAgreeAfterAnotherDay(toteSys, clean, rerun);
    }

    /** Records every S3 call of the client it is installed in; a fault fires only where a rule says. */
    private static FaultyS3 recorder() {
        return FaultyS3.on(TestBed.shared());
    }

    private static void assertSameWarehouseAsTheCleanRun(Deployment rerun, Deployment clean) {
        assertHoldsEveryExtractedVersion(clean);
        assertHoldsEveryExtractedVersion(rerun);
        assertThat(rerun.contents().tablesSha256()).as("hash of the warehouse against the clean run's")
                .isEqualTo(clean.contents().tablesSha256());
    }

    /** Both deployments extract the same changes at the same moment of the source, and still agree. */
    private static void assertBothAgreeAfterAnotherDay(DataSource toteSys, Deployment clean, Deployment rerun) {
        ToteSysFixture.dayOfChanges(toteSys);
        clean.cycle();
        rerun.cycle();
        assertSameWarehouseAsTheCleanRun(rerun, clean);
    }

    private static S3Event single(List<S3Event> events) {
        assertThat(events).as("notifications").hasSize(1);
        return events.get(0);
    }
}
