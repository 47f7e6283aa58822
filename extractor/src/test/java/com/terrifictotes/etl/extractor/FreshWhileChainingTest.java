package com.terrifictotes.etl.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.catalogue.ToteSysCatalogue;
import com.terrifictotes.etl.manifest.Backfill;
import com.terrifictotes.etl.manifest.IngestionManifest;
import com.terrifictotes.etl.manifest.RowVersion;
import com.terrifictotes.etl.manifest.TableExtract;
import com.terrifictotes.etl.testbed.source.ChangeReport;
import com.terrifictotes.etl.testbed.source.DayOfChanges;
import com.terrifictotes.etl.testbed.source.ToteSysGenerator;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Issue #19's fresh window first: while a chain works through an old window, every run reads each table's fresh
 * window before it spends what is left of its row limit on the backfill ranges, so a change made during the chain
 * reaches the next batch, not the chain's last; and the chain still ends with every version delivered once.
 */
class FreshWhileChainingTest {
    private static final long LIMIT = 5_000;
    private static final long SEED = 1920;

    @Test
    void changesMadeAfterTheFirstBatchArriveWithTheSecondInACutTableATableNotYetReadAndAFinishedOne() {
        ExtractionBed bed = seeded();
        ExtractionService service = bed.service(bed.settings().withMaxBatchRows(LIMIT));
        assertThat(service.run().caughtUp()).isFalse();
        IngestionManifest first = bed.manifest(1);
        TableExtract finished = first.tables().stream().filter(t -> !t.isCut() && t.rows() > 0).findFirst()
                .orElseThrow();
        TableExtract cut = first.tables().stream().filter(t -> t.isCut() && t.rows() > 0).findFirst().orElseThrow();
        TableExtract unread = first.tables().get(first.tables().size() - 1);
        assertThat(unread.rows()).as("the last table is not read in the first batch").isZero();
        Map<String, Set<RowVersion>> before = bed.deliveredByTable();
        SourceTable cutTable = ToteSysCatalogue.table(cut.table());
        RowVersion waiting = bed.sourceVersions(cutTable.name()).stream()
                .filter(v -> !before.get(cutTable.name()).contains(v)).findFirst().orElseThrow();
        LocalDateTime now = bed.utcNow().truncatedTo(ChronoUnit.MILLIS);
        ChangeReport changes = DayOfChanges.apply(bed.database.dataSource(), SEED, now);
        bed.touch(ToteSysCatalogue.table(finished.table()), 1, now);
        bed.touch(cutTable, waiting.id(), now);
        bed.touch(ToteSysCatalogue.table(unread.table()), 1, now);
        assertThat(changes.totalRowsStamped()).as("the changes fit one batch").isLessThan((int) LIMIT);

        assertThat(service.run().caughtUp()).as("the old windows are not read yet").isFalse();

        IngestionManifest second = bed.manifest(2);
        for (SourceTable table : ToteSysCatalogue.TABLES) {
            Set<RowVersion> stampedNow = bed.sourceVersions(table.name()).stream()
                    .filter(v -> v.lastUpdated().equals(now)).collect(Collectors.toSet());
            assertThat(versionsOf(bed, second, table)).as("%s: batch 2 delivers every change", table.name())
                    .containsAll(stampedNow);
        }
        assertThat(stampedNow(bed, finished.table(), now)).isNotEmpty();
        assertThat(second.table(cut.table()).orElseThrow().backfill()).as("the cut table's old window")
                .isNotNull();
        assertThat(second.table(unread.table()).orElseThrow().backfill()).as("the unread table's old window")
                .isNotNull();
        ChainedBatchesTest.runChain(bed, LIMIT);
        ChainedBatchesTest.assertBounded(bed, LIMIT);
        assertEveryVersionOnce(bed, before);
        assertThat(bed.deliveredVersions(cutTable.name())).as("the old version waited, the new one came")
                .containsKey(new RowVersion(waiting.id(), now)).doesNotContainKey(waiting);
    }

    @Test
    void aRowUpdatedWhileItsOldVersionWaitsInTheBackfillRangeIsDeliveredOnceFreshAndItsOldVersionNever() {
        ExtractionBed bed = seeded();
        ExtractionService service = bed.service(bed.settings().withMaxBatchRows(LIMIT));
        service.run();
        service.run();
        TableExtract ranged = bed.manifest(2).tables().stream().filter(t -> t.backfill() != null)
                .reduce((a, b) -> b).orElseThrow();
        Backfill range = ranged.backfill();
        SourceTable table = ToteSysCatalogue.table(ranged.table());
        Map<String, Set<RowVersion>> before = bed.deliveredByTable();
        RowVersion waiting = bed.sourceVersions(table.name()).stream()
                .filter(v -> range.holds(v) && !before.get(table.name()).contains(v))
                .max((a, b) -> a.lastUpdated().compareTo(b.lastUpdated())).orElseThrow();
        LocalDateTime now = bed.utcNow().truncatedTo(ChronoUnit.MILLIS);
        bed.touch(table, waiting.id(), now);

        assertThat(service.run().caughtUp()).isFalse();

        assertThat(versionsOf(bed, bed.manifest(3), table)).as("the new version comes with the next batch")
                .contains(new RowVersion(waiting.id(), now));
        ChainedBatchesTest.runChain(bed, LIMIT);
        ChainedBatchesTest.assertBounded(bed, LIMIT);
        assertEveryVersionOnce(bed, before);
        assertThat(bed.deliveredVersions(table.name())).as("the old version left the range with its row")
                .doesNotContainKey(waiting).containsEntry(new RowVersion(waiting.id(), now), 1);
    }

    @Test
    void aMassUpdateLargerThanABatchDuringAChainCutsTheFreshPhaseAndTheChainStillEndsBoundedWithEveryVersionOnce() {
        ExtractionBed bed = seeded();
        ExtractionService service = bed.service(bed.settings().withMaxBatchRows(LIMIT));
        service.run();
        service.run();
        Map<String, Set<RowVersion>> before = bed.deliveredByTable();
        TableExtract ranged = bed.manifest(2).tables().stream().filter(t -> t.backfill() != null)
                .reduce((a, b) -> b).orElseThrow();
        SourceTable table = ToteSysCatalogue.table(ranged.table());
        LocalDateTime now = bed.utcNow().truncatedTo(ChronoUnit.MILLIS);
        // every row of the table at once: some delivered already, the rest still in the backfill range
        bed.execute("UPDATE " + table.quotedName() + " SET last_updated = ?", now);
        assertThat(bed.sourceVersions(table.name())).as("more than a batch").hasSizeGreaterThan((int) LIMIT);

        service.run();

        TableExtract third = bed.manifest(3).table(table.name()).orElseThrow();
        assertThat(third.isCut()).as("the fresh phase overflowed").isTrue();
        assertThat(third.backfill()).as("the range waits as it was").isEqualTo(ranged.backfill());
        List<ExtractionResult> rest = ChainedBatchesTest.runChain(bed, LIMIT);
        assertThat(rest.get(rest.size() - 1).caughtUp()).isTrue();
        ChainedBatchesTest.assertBounded(bed, LIMIT);
        assertEveryVersionOnce(bed, before);
        assertThat(bed.manifests().get(bed.manifests().size() - 1).tables())
                .allSatisfy(t -> assertThat(t.isUnfinished()).as(t.table()).isFalse());
    }

    private static ExtractionBed seeded() {
        ExtractionBed bed = ExtractionBed.create();
        ToteSysGenerator.seed(bed.database.dataSource(), 1, SEED);
        return bed;
    }

    /**
     * Every version delivered before the changes, and every version the source holds now, was delivered once, and
     * nothing else.
     */
    private static void assertEveryVersionOnce(ExtractionBed bed, Map<String, Set<RowVersion>> before) {
        for (SourceTable table : ToteSysCatalogue.TABLES) {
            Set<RowVersion> expected = new HashSet<>(before.get(table.name()));
            expected.addAll(bed.sourceVersions(table.name()));
            Map<RowVersion, Integer> versions = bed.deliveredVersions(table.name());
            assertThat(versions).as(table.name()).containsOnlyKeys(expected);
            assertThat(versions.values()).as(table.name()).containsOnly(1);
        }
    }

    private static Set<RowVersion> versionsOf(ExtractionBed bed, IngestionManifest manifest, SourceTable table) {
        return manifest.table(table.name()).map(bed::rowsOf).orElse(List.of()).stream()
                .map(row -> ExtractionBed.version(table, row)).collect(Collectors.toSet());
    }

    private static List<RowVersion> stampedNow(ExtractionBed bed, String table, LocalDateTime now) {
        return bed.sourceVersions(table).stream().filter(v -> v.lastUpdated().equals(now)).toList();
    }
}
