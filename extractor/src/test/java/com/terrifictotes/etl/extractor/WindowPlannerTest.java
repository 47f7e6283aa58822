package com.terrifictotes.etl.extractor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.terrifictotes.etl.error.BadInputException;
import com.terrifictotes.etl.manifest.Backfill;
import com.terrifictotes.etl.manifest.ContinueAfter;
import com.terrifictotes.etl.manifest.IngestionManifest;
import com.terrifictotes.etl.manifest.TableExtract;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where windows start and what manifests vouch for, as pure arithmetic over instants and wall-clock readings. */
class WindowPlannerTest {
    private static final Duration OVERLAP = Duration.ofMinutes(5);
    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00.123456Z");

    @Test
    void aTablesFirstWindowHasNoLowerBoundAndRemembersTheOverlapBehindItsBound() {
        WindowPlan plan = new WindowPlanner(UTC, OVERLAP).plan("staff", NOW, Optional.empty());

        assertThat(plan.window()).isEqualTo(new ExtractionWindow(null, local(NOW, UTC)));
        assertThat(plan.recentFrom()).isEqualTo(local(NOW, UTC).minus(OVERLAP));
        assertThat(plan.startsBelowWhatIsVouched()).isFalse();
    }

    @Test
    void theNextWindowStartsTheOverlapBehindThePreviousBoundToTheMicrosecond() {
        WindowPlanner planner = new WindowPlanner(UTC, OVERLAP);
        Instant previous = NOW.minusSeconds(1200).minusNanos(7_000);
        Optional<IngestionManifest> latest = Optional.of(after(planner, previous, UTC));

        WindowPlan plan = planner.plan("t", NOW, latest);

        assertThat(plan.window().lo()).isEqualTo(local(previous, UTC).minus(OVERLAP));
        assertThat(plan.window().hi()).isEqualTo(local(NOW, UTC));
        assertThat(plan.startsBelowWhatIsVouched()).isFalse();
        assertThat(plan.recentFrom()).isEqualTo(local(NOW, UTC).minus(OVERLAP));
    }

    @Test
    void runsCloserThanTheOverlapStillLeaveNoGap() {
        WindowPlanner planner = new WindowPlanner(UTC, OVERLAP);
        IngestionManifest first = after(planner, NOW.minusSeconds(1), UTC);

        WindowPlan second = planner.plan("t", NOW, Optional.of(first));

        assertThat(second.window().lo()).isEqualTo(local(NOW.minusSeconds(1), UTC).minus(OVERLAP));
        assertThat(second.startsBelowWhatIsVouched()).isFalse();
    }

    @Test
    void aZeroOverlapChainsWindowsExactlyAtThePreviousBound() {
        WindowPlanner planner = new WindowPlanner(UTC, Duration.ZERO);
        Instant previous = NOW.minusSeconds(1200);

        WindowPlan plan = planner.plan("t", NOW, Optional.of(after(planner, previous, UTC)));

        assertThat(plan.window().lo()).isEqualTo(local(previous, UTC));
        assertThat(plan.recentFrom()).isEqualTo(plan.window().hi());
    }

    @Test
    void shortlyBeforeTheAutumnChangeARunRemembersTheWholeHourItsSuccessorWillReadAgain() {
        WindowPlanner planner = new WindowPlanner(LONDON, OVERLAP);
        Instant firstPass = Instant.parse("2024-10-27T00:50:00Z"); // 01:50 BST, ten minutes before the change

        WindowPlan plan = planner.plan("t", firstPass, Optional.empty());

        assertThat(plan.window().hi()).isEqualTo(LocalDateTime.of(2024, 10, 27, 1, 50));
        assertThat(plan.recentFrom()).isEqualTo(LocalDateTime.of(2024, 10, 27, 1, 0));
    }

    @Test
    void aRunFarFromAnyChangeRemembersOnlyTheOverlap() {
        WindowPlanner planner = new WindowPlanner(LONDON, OVERLAP);
        Instant earlier = Instant.parse("2024-10-26T22:00:00Z"); // 23:00 BST, three hours before the change

        assertThat(planner.plan("t", earlier, Optional.empty()).recentFrom())
                .isEqualTo(LocalDateTime.of(2024, 10, 26, 22, 55));
    }

    @Test
    void inTheSecondPassOfTheRepeatedHourTheWindowReachesBackToWhereTheClockWentBack() {
        WindowPlanner planner = new WindowPlanner(LONDON, OVERLAP);
        IngestionManifest beforeChange = after(planner, Instant.parse("2024-10-27T00:50:00Z"), LONDON);
        Instant secondPass = Instant.parse("2024-10-27T01:10:00Z"); // 01:10 GMT

        WindowPlan plan = planner.plan("t", secondPass, Optional.of(beforeChange));

        assertThat(plan.window()).isEqualTo(new ExtractionWindow(LocalDateTime.of(2024, 10, 27, 1, 0),
                LocalDateTime.of(2024, 10, 27, 1, 10)));
        assertThat(plan.startsBelowWhatIsVouched()).as("the previous run foresaw it").isFalse();
    }

    @Test
    void aRunJustAfterTheAutumnChangeIsReadAsTheSecondPassItWasIn() {
        WindowPlanner planner = new WindowPlanner(LONDON, OVERLAP);
        // 01:02 GMT: its bound 01:02 names two instants; the manifest's start says which
        IngestionManifest justAfter = after(planner, Instant.parse("2024-10-27T01:02:00Z"), LONDON);

        WindowPlan plan = planner.plan("t", Instant.parse("2024-10-27T01:20:00Z"), Optional.of(justAfter));

        // the overlap before 01:02 GMT spans 01:57..02:00 BST and 01:00..01:02 GMT: the lowest is 01:00
        assertThat(plan.window().lo()).isEqualTo(LocalDateTime.of(2024, 10, 27, 1, 0));
        assertThat(plan.startsBelowWhatIsVouched()).isFalse();
    }

    @Test
    void afterTheSpringChangeTheWindowReachesBackBeforeTheGap() {
        WindowPlanner planner = new WindowPlanner(LONDON, OVERLAP);
        IngestionManifest justAfter = after(planner, Instant.parse("2025-03-30T01:02:00Z"), LONDON); // 02:02 BST

        WindowPlan plan = planner.plan("t", Instant.parse("2025-03-30T01:10:00Z"), Optional.of(justAfter));

        // a late commit stamped 00:58 GMT, four minutes before the previous snapshot, is inside the window
        assertThat(plan.window().lo()).isEqualTo(LocalDateTime.of(2025, 3, 30, 0, 57));
        assertThat(plan.startsBelowWhatIsVouched()).isFalse();
    }

    @Test
    void lordHowesHalfHourChangeIsForeseenAndReadBackAlike() {
        ZoneId lordHowe = ZoneId.of("Australia/Lord_Howe");
        WindowPlanner planner = new WindowPlanner(lordHowe, OVERLAP);
        IngestionManifest before = after(planner, Instant.parse("2025-04-05T14:55:00Z"), lordHowe); // 01:55 +11

        WindowPlan plan = planner.plan("t", Instant.parse("2025-04-05T15:05:00Z"), Optional.of(before));

        assertThat(before.table("t").orElseThrow().recentFrom()).isEqualTo(LocalDateTime.of(2025, 4, 6, 1, 30));
        assertThat(plan.window()).isEqualTo(new ExtractionWindow(LocalDateTime.of(2025, 4, 6, 1, 30),
                LocalDateTime.of(2025, 4, 6, 1, 35)));
        assertThat(plan.startsBelowWhatIsVouched()).isFalse();
    }

    @Test
    void aLongerOverlapStartsBelowWhatThePreviousManifestVouchesForAndRemembersItsOwnOverlap() {
        Instant previous = NOW.minusSeconds(600);
        IngestionManifest latest = after(new WindowPlanner(UTC, OVERLAP), previous, UTC);

        WindowPlan plan = new WindowPlanner(UTC, Duration.ofHours(1)).plan("t", NOW, Optional.of(latest));

        assertThat(plan.window().lo()).isEqualTo(local(previous, UTC).minusHours(1));
        assertThat(plan.startsBelowWhatIsVouched()).isTrue();
        assertThat(plan.unvouchedBelow()).isEqualTo(local(previous, UTC).minus(OVERLAP));
        assertThat(plan.recentFrom()).isEqualTo(local(NOW, UTC).minusHours(1));
    }

    @Test
    void aShorterOverlapStartsInsideWhatIsVouchedAndRemembersOnlyItsOwnOverlap() {
        Instant previous = NOW.minusSeconds(600);
        IngestionManifest latest = after(new WindowPlanner(UTC, Duration.ofHours(1)), previous, UTC);

        WindowPlan plan = new WindowPlanner(UTC, OVERLAP).plan("t", NOW, Optional.of(latest));

        assertThat(plan.window().lo()).isEqualTo(local(previous, UTC).minus(OVERLAP));
        assertThat(plan.startsBelowWhatIsVouched()).isFalse();
        assertThat(plan.recentFrom()).isEqualTo(local(NOW, UTC).minus(OVERLAP));
    }

    @Test
    void aManifestFromBeforeRecentFromExistedIsTakenToVouchForTheOverlapAsBefore() {
        Instant previous = NOW.minusSeconds(600);
        TableExtract old = new TableExtract("t", null, local(previous, UTC), List.of("t_id"), 0, 0, List.of(),
                List.of());

        WindowPlan plan = new WindowPlanner(UTC, OVERLAP).plan("t", NOW, Optional.of(manifest(old, UTC, previous)));

        assertThat(plan.window().lo()).isEqualTo(local(previous, UTC).minus(OVERLAP));
        assertThat(plan.vouchedFrom()).isEqualTo(plan.window().lo());
        assertThat(plan.startsBelowWhatIsVouched()).isFalse();
    }

    @Test
    void aZoneFurtherWestStartsAtTheNewZonesReadingOfThePreviousSnapshot() {
        ZoneId west = ZoneId.of("-02:00");
        Instant previous = NOW.minusSeconds(600);
        IngestionManifest latest = after(new WindowPlanner(UTC, OVERLAP), previous, UTC);

        WindowPlan plan = new WindowPlanner(west, OVERLAP).plan("t", NOW, Optional.of(latest));

        assertThat(plan.window()).isEqualTo(new ExtractionWindow(local(previous, west).minus(OVERLAP),
                local(NOW, west)));
        assertThat(plan.startsBelowWhatIsVouched()).as("the lake is asked for what lies between").isTrue();
        assertThat(plan.unvouchedBelow()).isEqualTo(local(previous, UTC).minus(OVERLAP));
    }

    @Test
    void aZoneFurtherEastStartsWhereThePreviousManifestVouches() {
        ZoneId west = ZoneId.of("-02:00");
        Instant previous = NOW.minusSeconds(600);
        IngestionManifest latest = after(new WindowPlanner(west, OVERLAP), previous, west);

        WindowPlan plan = new WindowPlanner(UTC, OVERLAP).plan("t", NOW, Optional.of(latest));

        assertThat(plan.window().lo()).isEqualTo(local(previous, UTC).minus(OVERLAP));
        assertThat(plan.startsBelowWhatIsVouched()).isFalse();
        assertThat(plan.vouchedFrom()).isEqualTo(local(previous, west).minus(OVERLAP));
        assertThat(plan.recentFrom()).isEqualTo(local(NOW, UTC).minus(OVERLAP));
    }

    @Test
    void aBoundAnOlderExtractorReadInAFlippedNumericZoneIsReckonedFromThatRunsStart() {
        // the old extractor handed "-02:00" to PostgreSQL, which read it as UTC+2: the bound is 4 hours ahead
        Instant previous = NOW.minusSeconds(600);
        ZoneId flipped = ZoneId.of("+02:00");
        TableExtract old = new TableExtract("t", null, local(previous, flipped), List.of("t_id"), 0, 0, List.of(),
                List.of());

        WindowPlan plan = new WindowPlanner(ZoneId.of("-02:00"), OVERLAP).plan("t", NOW,
                Optional.of(manifest(old, ZoneId.of("-02:00"), previous.minusSeconds(2))));

        assertThat(plan.window().lo()).isEqualTo(local(previous.minusSeconds(2), ZoneId.of("-02:00"))
                .minus(OVERLAP));
        assertThat(plan.startsBelowWhatIsVouched()).isTrue();
    }

    @Test
    void aSourceClockThatWentBackStartsTheOverlapBeforeItsOwnReadingAndAsksTheLake() {
        WindowPlanner planner = new WindowPlanner(UTC, OVERLAP);
        IngestionManifest latest = after(planner, NOW.plusSeconds(600), UTC, "sales_order");

        WindowPlan plan = planner.plan("sales_order", NOW, Optional.of(latest));

        assertThat(plan.window().lo()).isEqualTo(local(NOW, UTC).minus(OVERLAP));
        assertThat(plan.startsBelowWhatIsVouched()).isTrue();
    }

    @Test
    void withNoOverlapASourceClockThatDidNotAdvanceFailsNamingTheTable() {
        WindowPlanner planner = new WindowPlanner(UTC, Duration.ZERO);
        Optional<IngestionManifest> latest = Optional.of(after(planner, NOW, UTC, "sales_order"));

        assertThatThrownBy(() -> planner.plan("sales_order", NOW, latest))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("sales_order")
                .hasMessageContaining("no window");
    }

    @Test
    void aCutBelowTheOverlapBecomesABackfillRangeFrozenBelowTheFreshWindowWhichIsTheNormalOne() {
        WindowPlanner planner = new WindowPlanner(UTC, OVERLAP);
        Instant previous = NOW.minusSeconds(60);
        LocalDateTime cutAt = local(previous, UTC).minusDays(300);
        ContinueAfter cut = new ContinueAfter(cutAt, 4_711);

        WindowPlan plan = planner.plan("t", NOW, Optional.of(cutAfter(planner, previous, cut)));

        LocalDateTime lo = local(previous, UTC).minus(OVERLAP);
        assertThat(plan.window()).isEqualTo(new ExtractionWindow(lo, local(NOW, UTC)));
        assertThat(plan.after()).isNull();
        assertThat(plan.backfill()).isEqualTo(new Backfill(cut, lo));
        assertThat(plan.startsBelowWhatIsVouched()).as("no lake read-back").isFalse();
        assertThat(plan.recentFrom()).isEqualTo(local(NOW, UTC).minus(OVERLAP));
    }

    @Test
    void aTableTheBatchHadNoRoomForIsCutAtItsWindowStartAndThatBecomesItsBackfillRange() {
        WindowPlanner planner = new WindowPlanner(UTC, OVERLAP);
        Instant previous = NOW.minusSeconds(60);
        LocalDateTime windowStart = local(previous, UTC).minusMinutes(30);

        WindowPlan plan = planner.plan("t", NOW,
                Optional.of(cutAfter(planner, previous, ContinueAfter.from(windowStart))));
        WindowPlan fromTheBeginning = planner.plan("t", NOW,
                Optional.of(cutAfter(planner, previous, ContinueAfter.from(null))));

        LocalDateTime lo = local(previous, UTC).minus(OVERLAP);
        assertThat(plan.window()).isEqualTo(new ExtractionWindow(lo, local(NOW, UTC)));
        assertThat(plan.after()).isNull();
        assertThat(plan.backfill()).isEqualTo(new Backfill(ContinueAfter.from(windowStart), lo));
        assertThat(fromTheBeginning.window()).isEqualTo(new ExtractionWindow(lo, local(NOW, UTC)));
        assertThat(fromTheBeginning.backfill()).isEqualTo(new Backfill(ContinueAfter.from(null), lo));
        assertThat(fromTheBeginning.startsBelowWhatIsVouched()).isFalse();
    }

    @Test
    void aFreshWindowCutBelowTheNextOneWhileABackfillRangeIsLeftGoesOnFromItsCutAndMakesNoSecondRange() {
        WindowPlanner planner = new WindowPlanner(UTC, OVERLAP);
        Instant previous = NOW.minusSeconds(600);
        Backfill range = new Backfill(new ContinueAfter(local(previous, UTC).minusDays(3), 12), local(previous, UTC)
                .minusMinutes(20));
        // a mass update: the previous fresh window was cut 2 minutes into itself, 8 minutes before this window
        ContinueAfter cut = new ContinueAfter(local(previous, UTC).minusMinutes(18), 77);

        WindowPlan plan = planner.plan("t", NOW, Optional.of(withRange(planner, previous, cut, range)));

        assertThat(plan.window()).isEqualTo(new ExtractionWindow(cut.lastUpdated(), local(NOW, UTC)));
        assertThat(plan.after()).isEqualTo(cut);
        assertThat(plan.backfill()).as("the range waits as it was").isEqualTo(range);
    }

    @Test
    void aBackfillRangeBesideAWindowReadToItsEndOrCutInsideTheOverlapStaysAsItWas() {
        WindowPlanner planner = new WindowPlanner(UTC, OVERLAP);
        Instant previous = NOW.minusSeconds(60);
        Backfill range = new Backfill(ContinueAfter.from(null), local(previous, UTC).minusMinutes(20));

        WindowPlan readToItsEnd = planner.plan("t", NOW, Optional.of(withRange(planner, previous, null, range)));
        WindowPlan cutInside = planner.plan("t", NOW, Optional.of(withRange(planner, previous,
                new ContinueAfter(local(previous, UTC).minusMinutes(1), 5), range)));
        WindowPlan finished = planner.plan("t", NOW, Optional.of(withRange(planner, previous, null, null)));

        LocalDateTime lo = local(previous, UTC).minus(OVERLAP);
        assertThat(readToItsEnd.window()).isEqualTo(new ExtractionWindow(lo, local(NOW, UTC)));
        assertThat(readToItsEnd.backfill()).isEqualTo(range);
        assertThat(cutInside.window()).isEqualTo(new ExtractionWindow(lo, local(NOW, UTC)));
        assertThat(cutInside.after()).isNull();
        assertThat(cutInside.backfill()).isEqualTo(range);
        assertThat(finished.backfill()).as("a range read to its end is gone").isNull();
    }

    @Test
    void aFreshWindowThatWouldStartBelowTheBackfillRangesBoundLowersTheRangeSoTheyNeverOverlap() {
        WindowPlanner longer = new WindowPlanner(UTC, Duration.ofHours(1));
        Instant previous = NOW.minusSeconds(60);
        LocalDateTime below = local(previous, UTC).minus(OVERLAP);
        Backfill farBelow = new Backfill(new ContinueAfter(below.minusDays(2), 3), below);
        Backfill nearlyRead = new Backfill(new ContinueAfter(below.minusMinutes(10), 3), below);

        WindowPlan lowered = longer.plan("t", NOW, Optional.of(withRange(longer, previous, null, farBelow)));
        WindowPlan gone = longer.plan("t", NOW, Optional.of(withRange(longer, previous, null, nearlyRead)));

        LocalDateTime lo = local(previous, UTC).minusHours(1);
        assertThat(lowered.window().lo()).isEqualTo(lo);
        assertThat(lowered.backfill()).isEqualTo(new Backfill(farBelow.continueAfter(), lo));
        assertThat(gone.window().lo()).isEqualTo(lo);
        assertThat(gone.backfill()).as("the window reads the rest of the range").isNull();
        assertThat(gone.startsBelowWhatIsVouched()).as("what the range delivered comes from the lake").isTrue();
    }

    @Test
    void aCutInsideTheOverlapIsCoveredByTheNormalWindowWhichDropsWhatIsRemembered() {
        WindowPlanner planner = new WindowPlanner(UTC, OVERLAP);
        Instant previous = NOW.minusSeconds(60);
        // more rows stamped in the last minutes than a batch holds: the cut lies after the normal start
        ContinueAfter cut = new ContinueAfter(local(previous, UTC).minusMinutes(1), 99);

        WindowPlan plan = planner.plan("t", NOW, Optional.of(cutAfter(planner, previous, cut)));

        assertThat(plan.window().lo()).isEqualTo(local(previous, UTC).minus(OVERLAP));
        assertThat(plan.after()).isNull();
        assertThat(plan.startsBelowWhatIsVouched()).isFalse();
    }

    @Test
    void aCutTheSourceClockHasNotPassedFailsNamingTheTable() {
        WindowPlanner planner = new WindowPlanner(UTC, Duration.ZERO);
        Instant previous = NOW.minusSeconds(60);
        ContinueAfter cut = new ContinueAfter(local(previous, UTC).minusDays(1), 1);
        IngestionManifest latest = cutAfter(planner, previous, cut);

        assertThatThrownBy(() -> planner.plan("t", NOW.minus(Duration.ofDays(2)), Optional.of(latest)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("t: the source clock reads");
    }

    /** The manifest of a batch at {@code instant} that cut table t at {@code cut}. */
    private static IngestionManifest cutAfter(WindowPlanner planner, Instant instant, ContinueAfter cut) {
        WindowPlan plan = planner.plan("t", instant, Optional.empty());
        TableExtract extract = new TableExtract("t", null, plan.window().hi(), List.of("t_id"), 0, 0, List.of(),
                List.of(), plan.recentFrom(), List.of(), cut, null);
        return manifest(extract, UTC, instant.minusSeconds(2));
    }

    /**
     * The manifest of a batch at {@code instant} with a 5-minute overlap whose fresh window of table t was cut at
     * {@code cut} (null: read to its end), with {@code range} (or none) left.
     */
    private static IngestionManifest withRange(WindowPlanner planner, Instant instant, ContinueAfter cut,
                                               Backfill range) {
        WindowPlan plan = planner.plan("t", instant, Optional.empty());
        LocalDateTime lo = range != null ? range.below() : plan.window().hi().minus(OVERLAP);
        TableExtract extract = new TableExtract("t", lo, plan.window().hi(), List.of("t_id"), 0, 0, List.of(),
                List.of(), plan.window().hi().minus(OVERLAP), List.of(), cut, range);
        return manifest(extract, UTC, instant.minusSeconds(2));
    }

    /** The manifest a run at {@code instant} planned with {@code planner} would leave (its start 2 s earlier). */
    private static IngestionManifest after(WindowPlanner planner, Instant instant, ZoneId zone) {
        return after(planner, instant, zone, "t");
    }

    private static IngestionManifest after(WindowPlanner planner, Instant instant, ZoneId zone, String table) {
        WindowPlan plan = planner.plan(table, instant, Optional.empty());
        TableExtract extract = new TableExtract(table, null, plan.window().hi(), List.of("t_id"), 0, 0, List.of(),
                List.of(), plan.recentFrom(), List.of());
        return manifest(extract, zone, instant.minusSeconds(2));
    }

    private static IngestionManifest manifest(TableExtract extract, ZoneId zone, Instant startedAt) {
        return new IngestionManifest(IngestionManifest.FORMAT_VERSION, 1, "run", startedAt, startedAt.plusSeconds(5),
                zone.getId(), List.of(extract));
    }

    private static LocalDateTime local(Instant instant, ZoneId zone) {
        return LocalDateTime.ofInstant(instant, zone);
    }
}
