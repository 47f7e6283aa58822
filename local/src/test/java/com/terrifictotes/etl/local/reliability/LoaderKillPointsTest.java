package com.terrifictotes.etl.local.reliability;

import static com.terrifictotes.etl.local.reliability.WarehouseVerdict.assertFailsLoudly;
import static com.terrifictotes.etl.local.reliability.WarehouseVerdict.assertHolds;
import static com.terrifictotes.etl.local.reliability.WarehouseVerdict.assertSameAsCleanRun;
import static org.assertj.core.api.Assertions.assertThat;

import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import com.terrifictotes.etl.local.LocalPipeline;
import com.terrifictotes.etl.local.StageRun;
import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.testbed.expected.WarehouseContents;
import com.terrifictotes.etl.testbed.faults.Failure;
import com.terrifictotes.etl.testbed.faults.FaultyDataSource;
import com.terrifictotes.etl.testbed.faults.FaultyS3;
import com.terrifictotes.etl.testbed.faults.S3Call;
import com.terrifictotes.etl.testbed.servers.TestBed;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Kill points inside the loader, reading the clean run's processed bucket into a fresh warehouse: during the Flyway
 * migration, in the middle of the second batch's transaction (a merge, a COPY cut after some bytes, a Parquet read
 * breaking), and after that transaction's commit reached the server. The first batch, committed before, survives
 * every fault whole; the second is in the warehouse completely or not at all; Lambda's retry of the same event then
 * leaves the warehouse equal to the oracle and the clean run, each batch once in the ledger.
 */
class LoaderKillPointsTest {
    private static final TestBed BED = TestBed.shared();
    private static final String MANIFEST_2 = BucketLayout.processedManifestKey(2);

    private final TwoBatchHistory history = TwoBatchHistory.shared();
    private final PipelineRig rig = history.clean.withNewWarehouse();

    @ParameterizedTest
    @EnumSource(Failure.class)
    void aConnectionLostInTheMiddleOfTheBatchTransactionRollsBackTheWholeBatch(Failure failure) {
        FaultyDataSource warehouse = new FaultyDataSource(rig.warehouse.dataSource())
                // batch 1 is copied straight into the empty tables: the first merge is batch 2's
                .failStatement(1, sql -> sql.contains("INSERT INTO \"fact_sales_order\""), failure);

        var thrown = assertFailsLoudly(failure, () -> faulty(warehouse).load(rig.processedEvent(2)));
        if (failure == Failure.ERROR) {
            thrown.hasMessageStartingWith("merging s3://" + rig.processedBucket + "/" + MANIFEST_2
                            + " into table fact_sales_order in the warehouse")
                    .hasMessageContaining("failed: injected fault: the connection to the database was lost");
        }
        assertThat(warehouse.allFired()).isTrue();
        assertHolds(rig.contents(), history.expectedAfterFirst(), 1);

        retryAndCompare("applied 1 manifest(s), sequences 2..2");
    }

    @ParameterizedTest
    @EnumSource(Failure.class)
    void aCopyCutAfterSomeBytesRollsBackTheWholeBatch(Failure failure) {
        FaultyDataSource warehouse = new FaultyDataSource(rig.warehouse.dataSource())
                .failCopy(1, sql -> sql.startsWith("COPY \"stage_fact_payment\""), 1_000, failure);

        var thrown = assertFailsLoudly(failure, () -> faulty(warehouse).load(rig.processedEvent(2)));
        if (failure == Failure.ERROR) {
            thrown.hasMessageStartingWith("copying s3://" + rig.processedBucket
                            + "/tables/fact_payment/batch=000000000002/")
                    .hasMessageContaining("after sending 1000 bytes of COPY");
        }
        assertThat(warehouse.allFired()).isTrue();
        assertHolds(rig.contents(), history.expectedAfterFirst(), 1);

        retryAndCompare("applied 1 manifest(s), sequences 2..2");
    }

    @Test
    void aParquetReadBrokenInsideTheTransactionRollsBackTheWholeBatch() {
        String lastFile = BucketLayout.parquetPartKey("fact_payment", 2, 0);
        // a HEAD checks the file's checksum before the transaction; its one GET (a small file, fetched whole) is inside
        FaultyS3 s3 = FaultyS3.on(BED).breakDownload(1, S3Call.reads(rig.processedBucket, lastFile), 4);
        LocalPipeline faulty = rig.pipeline(history.after.dataSource(), s3.client(), rig.warehouse.dataSource());

        assertFailsLoudly(Failure.ERROR, () -> faulty.load(rig.processedEvent(2)))
                .hasMessageContaining("s3://" + rig.processedBucket + "/" + lastFile);
        assertThat(s3.allFired()).as("fault fired; calls: %s", s3.calls()).isTrue();
        assertHolds(rig.contents(), history.expectedAfterFirst(), 1);

        retryAndCompare("applied 1 manifest(s), sequences 2..2");
    }

    @ParameterizedTest
    @EnumSource(Failure.class)
    void aCommitThatReachedTheServerIsNeverAppliedAgain(Failure failure) {
        FaultyDataSource warehouse = new FaultyDataSource(rig.warehouse.dataSource())
                .failAfterCommit(2, sql -> sql.startsWith("INSERT INTO load_ledger"), failure);

        var thrown = assertFailsLoudly(failure, () -> faulty(warehouse).load(rig.processedEvent(2)));
        if (failure == Failure.ERROR) {
            thrown.hasMessageContaining("after the server committed");
        }
        assertThat(warehouse.allFired()).isTrue();
        assertHolds(rig.contents(), history.expected(), 2);

        retryAndCompare("warehouse up to date at sequence 2");
    }

    @ParameterizedTest
    @EnumSource(Failure.class)
    void aFaultDuringTheMigrationOfAFreshWarehouseLeavesNoHalfSchema(Failure failure) {
        FaultyDataSource warehouse = new FaultyDataSource(rig.warehouse.dataSource())
                .failStatement(1, sql -> sql.contains("CREATE TABLE") && sql.contains("fact_sales_order"), failure);

        var thrown = assertFailsLoudly(failure, () -> faulty(warehouse).load(rig.processedEvent(2)));
        if (failure == Failure.ERROR) {
            thrown.hasMessageStartingWith("cannot migrate the warehouse");
        }
        assertThat(warehouse.allFired()).isTrue();
        assertThat(starTablesIn(rig.warehouse.dataSource())).as("star tables after the failed migration").isEmpty();

        retryAndCompare("applied 2 manifest(s), sequences 1..2");
    }

    private LocalPipeline faulty(DataSource warehouse) {
        return rig.pipeline(history.after.dataSource(), BED.s3(), warehouse);
    }

    /** Lambda's retry of the failed event, in a new execution environment. */
    private void retryAndCompare(String expectedResponse) {
        StageRun retry = history.healthy(rig).load(rig.processedEvent(2));

        assertThat(retry.response()).contains(expectedResponse);
        assertSameAsCleanRun(rig, history);
    }

    private static List<String> starTablesIn(DataSource warehouse) {
        String names = String.join("','", WarehouseCatalogue.TABLES.stream().map(WarehouseTable::name).toList());
        return WarehouseContents.query(warehouse, "SELECT table_name FROM information_schema.tables"
                + " WHERE table_schema = 'public' AND table_name IN ('" + names + "', 'load_ledger')");
    }
}
