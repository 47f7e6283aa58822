package com.terrifictotes.etl.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import com.terrifictotes.etl.manifest.Backfill;
import com.terrifictotes.etl.manifest.ContinueAfter;
import com.terrifictotes.etl.manifest.IngestionManifest;
import com.terrifictotes.etl.manifest.RejectedValue;
import com.terrifictotes.etl.manifest.RowVersion;
import com.terrifictotes.etl.manifest.TableExtract;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The places where a chain of bounded batches could lose or repeat a version: a tie of one {@code last_updated}
 * larger than a batch, on the COPY path (old stamps) and on the row path (stamps inside the overlap), and values
 * that must be rejected at the cut or next to it.
 */
class ChainEdgesTest {
    @Test
    void aTieLargerThanABatchIsCutInsideTheTieByKeyAndEveryVersionIsDeliveredOnce() {
        ExtractionBed bed = ExtractionBed.create();
        LocalDateTime old = bed.utcNow().minusDays(3).truncatedTo(ChronoUnit.MILLIS);
        LocalDateTime recent = bed.utcNow().minusMinutes(1).truncatedTo(ChronoUnit.MILLIS);
        insertDepartments(bed, 1_200, old);
        insertDepartments(bed, 1_100, recent);

        List<ExtractionResult> chain = ChainedBatchesTest.runChain(bed, 500);

        ChainedBatchesTest.assertBounded(bed, 500);
        assertThat(chain).extracting(r -> r.rows().get("department")).containsExactly(500L, 500L, 500L, 500L, 300L);
        // the first batch cuts inside the old tie (COPY); from the second on, the old tie's rest is the backfill
        // range, read after the fresh window: the recent tie first (row path, cut inside the overlap), then the rest
        LocalDateTime below = bed.manifest(2).table("department").orElseThrow().windowLo();
        assertThat(cut(bed, 1)).isEqualTo(new ContinueAfter(old, 500));
        assertThat(backfill(bed, 1)).isNull();
        assertThat(cut(bed, 2)).isEqualTo(new ContinueAfter(recent, 1_700));
        assertThat(backfill(bed, 2)).isEqualTo(new Backfill(new ContinueAfter(old, 500), below));
        assertThat(cut(bed, 3)).isEqualTo(new ContinueAfter(recent, 2_200));
        assertThat(backfill(bed, 3)).isEqualTo(new Backfill(new ContinueAfter(old, 500), below));
        assertThat(cut(bed, 4)).isNull();
        assertThat(backfill(bed, 4)).isEqualTo(new Backfill(new ContinueAfter(old, 900), below));
        assertThat(cut(bed, 5)).isNull();
        assertThat(backfill(bed, 5)).isNull();
        assertThat(below).isAfter(old).isBefore(recent);
        assertDeliveredOnce(bed, "department");
    }

    @Test
    void aValueRejectedAtTheCutOrJustAfterItIsRejectedOnceOnEitherPath() {
        for (int limit : new int[] {5, 4}) {
            ExtractionBed bed = ExtractionBed.createSqlAscii();
            LocalDateTime old = bed.utcNow().minusDays(3).truncatedTo(ChronoUnit.MILLIS);
            LocalDateTime recent = bed.utcNow().minusMinutes(1).truncatedTo(ChronoUnit.MILLIS);
            for (int i = 0; i < 20; i++) {
                insertDepartments(bed, 1, (i < 10 ? old : recent).plusNanos(i * 1_000_000L));
            }
            // 5 is read by COPY, 15 by rows; with a limit of 5 each is the last row of its batch, with 4 the first
            for (int id : new int[] {5, 15}) {
                bed.execute("UPDATE department SET location = convert_from(decode('4c69e8676521', 'hex'),"
                        + " 'SQL_ASCII') WHERE department_id = ?", id);
            }

            ChainedBatchesTest.runChain(bed, limit);

            ChainedBatchesTest.assertBounded(bed, limit);
            Map<RowVersion, Integer> rejected = new HashMap<>();
            for (IngestionManifest manifest : bed.manifests()) {
                manifest.table("department").orElseThrow().rejects().stream().map(RejectedValue::version)
                        .forEach(v -> rejected.merge(v, 1, Integer::sum));
            }
            assertThat(rejected).as("limit %d", limit).containsOnly(Map.entry(version(bed, 5), 1),
                    Map.entry(version(bed, 15), 1));
            Map<RowVersion, Integer> delivered = bed.deliveredVersions("department");
            assertThat(delivered).as("limit %d", limit).hasSize(18).doesNotContainKeys(version(bed, 5),
                    version(bed, 15));
            assertThat(delivered.values()).containsOnly(1);
        }
    }

    @Test
    void aLongerOverlapAfterAChainReadsTheChainsBatchesBackFromTheLakeAndDeliversNothingAgain() {
        ExtractionBed bed = ExtractionBed.create();
        LocalDateTime start = bed.utcNow().minusMinutes(30).truncatedTo(ChronoUnit.MILLIS);
        for (int minute = 0; minute < 25; minute++) {
            insertDepartments(bed, 48, start.plusMinutes(minute));
        }
        List<ExtractionResult> chain = ChainedBatchesTest.runChain(bed, 500);

        ExtractionResult longer = bed.service(bed.settings().withOverlap(Duration.ofHours(1))).run();

        assertThat(chain).hasSize(3);
        assertThat(bed.manifest(2).table("department").orElseThrow().isUnfinished()).isTrue();
        assertThat(longer.outcome()).as("every version in the last hour is in the lake already")
                .isEqualTo(ExtractionResult.Outcome.NOTHING_NEW);
        assertDeliveredOnce(bed, "department");
    }

    @Test
    void aLongerOverlapWhileABackfillRangeIsLeftLowersTheRangeAndItsRestComesOnceWithTheFreshWindow() {
        ExtractionBed bed = ExtractionBed.create();
        LocalDateTime start = bed.utcNow().minusMinutes(30).truncatedTo(ChronoUnit.MILLIS);
        for (int minute = 0; minute < 25; minute++) {
            insertDepartments(bed, 48, start.plusMinutes(minute));
        }
        ExtractionService service = bed.service(bed.settings().withMaxBatchRows(500));
        service.run();
        service.run();
        Backfill range = bed.manifest(2).table("department").orElseThrow().backfill();
        assertThat(range).as("the rest of the first window, below the second").isNotNull();

        ExtractionService longer = bed.service(bed.settings().withOverlap(Duration.ofHours(1)).withMaxBatchRows(500));
        ExtractionResult third = longer.run();

        TableExtract department = bed.manifest(3).table("department").orElseThrow();
        assertThat(department.windowLo()).as("an hour back, below the range").isBefore(start);
        assertThat(department.backfill()).as("the range lay above the window's start: gone").isNull();
        assertThat(third.caughtUp()).isTrue();
        ChainedBatchesTest.assertBounded(bed, 500);
        assertDeliveredOnce(bed, "department");
        assertThat(longer.run().outcome()).isEqualTo(ExtractionResult.Outcome.NOTHING_NEW);
    }

    static void insertDepartments(ExtractionBed bed, int count, LocalDateTime stamp) {
        bed.execute("INSERT INTO department (department_name, location, manager, created_at, last_updated)"
                + " SELECT 'Dept ' || g, 'Leeds', 'A Manager', ?, ? FROM generate_series(1, ?) AS g", stamp, stamp,
                count);
    }

    /** Every version the source holds is delivered, once, and nothing else. */
    static void assertDeliveredOnce(ExtractionBed bed, String table) {
        Map<RowVersion, Integer> delivered = bed.deliveredVersions(table);
        assertThat(delivered).as(table).containsOnlyKeys(bed.sourceVersions(table));
        assertThat(delivered.values()).as(table).containsOnly(1);
    }

    private static Backfill backfill(ExtractionBed bed, long sequence) {
        return bed.manifest(sequence).table("department").orElseThrow().backfill();
    }

    private static ContinueAfter cut(ExtractionBed bed, long sequence) {
        return bed.manifest(sequence).table("department").orElseThrow().continueAfter();
    }

    private static RowVersion version(ExtractionBed bed, int id) {
        return bed.sourceVersions("department").stream().filter(v -> v.id() == id).findFirst().orElseThrow();
    }
}
