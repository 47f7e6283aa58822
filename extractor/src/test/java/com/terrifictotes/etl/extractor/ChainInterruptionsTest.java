package com.terrifictotes.etl.extractor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.terrifictotes.etl.catalogue.Column;
import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.catalogue.ToteSysCatalogue;
import com.terrifictotes.etl.error.EtlException;
import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.manifest.IngestionManifest;
import com.terrifictotes.etl.manifest.RowVersion;
import com.terrifictotes.etl.manifest.TableExtract;
import com.terrifictotes.etl.testbed.faults.Failure;
import com.terrifictotes.etl.testbed.faults.FaultyS3;
import com.terrifictotes.etl.testbed.faults.S3Call;
import com.terrifictotes.etl.testbed.faults.SimulatedCrash;
import com.terrifictotes.etl.testbed.servers.TestBed;
import com.terrifictotes.etl.testbed.source.DayOfChanges;
import com.terrifictotes.etl.testbed.source.ToteSysGenerator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A chain of bounded batches while the source goes on changing, and when a batch fails: what happens between two
 * batches reaches the lake exactly once.
 */
class ChainInterruptionsTest {
    private static final long LIMIT = 5_000;
    private static final long SEED = 1919;

    @Test
    void updatesAndInsertsBetweenTwoBatchesArriveExactlyOnceInTablesCaughtUpAndInTheTableBeingCut() {
        ExtractionBed bed = seeded();
        ExtractionService service = bed.service(bed.settings().withMaxBatchRows(LIMIT));
        service.run();
        assertThat(service.run().caughtUp()).isFalse();
        TableExtract beingCut = cutTable(bed.manifest(2));
        SourceTable cutTable = ToteSysCatalogue.table(beingCut.table());
        Map<String, Set<RowVersion>> before = bed.deliveredByTable();
        RowVersion deliveredRow = before.get(cutTable.name()).iterator().next();
        RowVersion waitingRow = bed.sourceVersions(cutTable.name()).stream()
                .filter(v -> !before.get(cutTable.name()).contains(v)).findFirst().orElseThrow();
        LocalDateTime now = bed.utcNow().truncatedTo(ChronoUnit.MILLIS);
        // a day of the application's writes (every table, all stamped now), and both sides of the cut touched
        DayOfChanges.apply(bed.database.dataSource(), SEED, now);
        bed.touch(cutTable, deliveredRow.id(), now);
        bed.touch(cutTable, waitingRow.id(), now);
        bed.touch(ToteSysCatalogue.table("address"), 1, now);

        ChainedBatchesTest.runChain(bed, LIMIT);

        ChainedBatchesTest.assertBounded(bed, LIMIT);
        for (SourceTable table : ToteSysCatalogue.TABLES) {
            Set<RowVersion> expected = new HashSet<>(before.get(table.name()));
            expected.addAll(bed.sourceVersions(table.name()));
            Map<RowVersion, Integer> versions = bed.deliveredVersions(table.name());
            assertThat(versions).as(table.name()).containsOnlyKeys(expected);
            assertThat(versions.values()).as(table.name()).containsOnly(1);
        }
        assertThat(bed.deliveredVersions(cutTable.name())).containsKeys(deliveredRow,
                new RowVersion(deliveredRow.id(), now), new RowVersion(waitingRow.id(), now))
                .doesNotContainKey(waitingRow);
    }

    @Test
    void aLateCommitStampedBeforeABatchsSnapshotIsDeliveredByALaterBatchOnce() throws SQLException {
        ExtractionBed bed = seeded();
        ExtractionService service = bed.service(bed.settings().withMaxBatchRows(LIMIT));
        service.run();
        SourceTable cutTable = ToteSysCatalogue.table(cutTable(bed.manifest(1)).table());
        RowVersion lateDepartment;
        RowVersion lateCutRow;
        try (Connection application = bed.database.dataSource().getConnection()) {
            application.setAutoCommit(false);
            LocalDateTime stamped = bed.utcNow().truncatedTo(ChronoUnit.MILLIS);
            lateDepartment = copyRow(application, ToteSysCatalogue.table("department"), 1, stamped);
            lateCutRow = copyRow(application, cutTable, 1, stamped);
            assertThat(service.run().caughtUp()).isFalse();
            application.commit();
        }

        ChainedBatchesTest.runChain(bed, LIMIT);

        for (SourceTable table : ToteSysCatalogue.TABLES) {
            ChainEdgesTest.assertDeliveredOnce(bed, table.name());
        }
        assertThat(bed.deliveredVersions("department")).containsEntry(lateDepartment, 1);
        assertThat(bed.deliveredVersions(cutTable.name())).containsEntry(lateCutRow, 1);
    }

    /** Where the third batch of a chain is struck: S3 fails or the process dies there. */
    enum KillPoint { AFTER_SOME_PARTS, BEFORE_THE_MANIFEST, AFTER_THE_MANIFEST_LANDED }

    @ParameterizedTest
    @EnumSource(KillPoint.class)
    void aBatchStruckBetweenItsPartsAndItsCommitLeavesAConsistentChainAndTheNextRunResumesIt(KillPoint point) {
        for (Failure failure : Failure.values()) {
            ExtractionBed bed = seeded();
            // small parts, so that a batch writes several before its manifest
            ExtractionSettings bounded = bed.settings().withMaxBatchRows(LIMIT).withPartRows(1_000);
            bed.service(bounded).run();
            bed.service(bounded).run();
            FaultyS3 s3 = switch (point) {
                case AFTER_SOME_PARTS -> FaultyS3.on(TestBed.shared()).failBefore(3,
                        S3Call.creates(bed.bucket, BucketLayout.DATA_PREFIX), failure);
                case BEFORE_THE_MANIFEST -> FaultyS3.on(TestBed.shared()).failBefore(1,
                        S3Call.creates(bed.bucket, BucketLayout.MANIFEST_PREFIX), failure);
                case AFTER_THE_MANIFEST_LANDED -> FaultyS3.on(TestBed.shared()).failAfter(1,
                        S3Call.creates(bed.bucket, BucketLayout.MANIFEST_PREFIX), failure);
            };

            ExtractionService struck = bed.service(s3.client(), bounded);
            if (point == KillPoint.AFTER_THE_MANIFEST_LANDED && failure == Failure.ERROR) {
                assertThat(struck.run().sequence()).as("the run recognises its own commit").isEqualTo(3);
            } else if (failure == Failure.ERROR) {
                assertThatThrownBy(struck::run).as("%s", point).isInstanceOf(EtlException.class)
                        .hasMessageContaining("injected fault");
            } else {
                assertThatThrownBy(struck::run).as("%s", point).isInstanceOf(SimulatedCrash.class);
            }
            List<ExtractionResult> rest = ChainedBatchesTest.runChain(bed, LIMIT);

            assertThat(s3.allFired()).as("%s, %s: the fault fired", point, failure).isTrue();
            assertThat(rest.get(0).sequence()).as("%s, %s", point, failure)
                    .isEqualTo(point == KillPoint.AFTER_THE_MANIFEST_LANDED ? 4 : 3);
            assertThat(bed.manifests()).extracting(IngestionManifest::sequence)
                    .isEqualTo(LongStream.rangeClosed(1, bed.manifests().size()).boxed().toList());
            ChainedBatchesTest.assertBounded(bed, LIMIT);
            for (SourceTable table : ToteSysCatalogue.TABLES) {
                ChainEdgesTest.assertDeliveredOnce(bed, table.name());
            }
        }
    }

    private static ExtractionBed seeded() {
        ExtractionBed bed = ExtractionBed.create();
        ToteSysGenerator.seed(bed.database.dataSource(), 1, SEED);
        return bed;
    }

    private static TableExtract cutTable(IngestionManifest manifest) {
        return manifest.tables().stream().filter(t -> t.isUnfinished() && t.rows() > 0).findFirst().orElseThrow();
    }

    /** Inserts a copy of row {@code id} stamped {@code stamp}, in the caller's transaction; returns its version. */
    private static RowVersion copyRow(Connection connection, SourceTable table, int id, LocalDateTime stamp)
            throws SQLException {
        String columns = table.columns().stream().filter(c -> !c.name().equals(table.primaryKey()))
                .map(Column::quotedName).collect(Collectors.joining(", "));
        String values = columns.replace("\"" + SourceTable.LAST_UPDATED + "\"", "?::timestamp");
        String key = table.column(table.primaryKey()).quotedName();
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table.quotedName() + " ("
                + columns + ") SELECT " + values + " FROM " + table.quotedName() + " WHERE " + key + " = ?"
                + " RETURNING " + key)) {
            insert.setObject(1, stamp);
            insert.setInt(2, id);
            try (ResultSet result = insert.executeQuery()) {
                result.next();
                return new RowVersion(result.getInt(1), stamp);
            }
        }
    }
}
