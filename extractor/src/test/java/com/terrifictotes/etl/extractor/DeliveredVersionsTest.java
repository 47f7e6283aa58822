package com.terrifictotes.etl.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import com.terrifictotes.etl.manifest.Backfill;
import com.terrifictotes.etl.manifest.ContinueAfter;
import com.terrifictotes.etl.manifest.RowVersion;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveredVersionsTest {
    private static final LocalDateTime T = LocalDateTime.of(2025, 6, 1, 12, 0, 0, 500_000_000);

    @Test
    void dropsAVersionTheLastRunDeliveredButNotAnotherVersionOfTheSameRow() {
        DeliveredVersions delivered = new DeliveredVersions(List.of(new RowVersion(7, T)), T.minusMinutes(1));

        assertThat(delivered.alreadyDelivered(new RowVersion(7, T))).isTrue();
        assertThat(delivered.alreadyDelivered(new RowVersion(7, T.plusNanos(1_000_000)))).isFalse();
        assertThat(delivered.alreadyDelivered(new RowVersion(8, T))).isFalse();
    }

    @Test
    void remembersPreviousAndNewVersionsInsideTheNextOverlapOnly() {
        LocalDateTime keepFrom = T;
        RowVersion tooOld = new RowVersion(1, T.minusNanos(1_000));
        RowVersion onTheEdge = new RowVersion(2, T);
        RowVersion newer = new RowVersion(3, T.plusSeconds(10));
        DeliveredVersions delivered = new DeliveredVersions(List.of(tooOld, onTheEdge), keepFrom);

        delivered.delivered(newer);
        delivered.delivered(new RowVersion(4, T.minusSeconds(30)));

        assertThat(delivered.recentVersions()).containsExactly(onTheEdge, newer);
    }

    @Test
    void isCumulativeSoThatRunsCloserThanTheOverlapKeepDropping() {
        RowVersion fromTwoRunsAgo = new RowVersion(5, T);
        // run k+1 delivered nothing new but carries run k's version forward
        DeliveredVersions runKPlus1 = new DeliveredVersions(List.of(fromTwoRunsAgo), T.minusMinutes(4));
        // run k+2 re-reads from before T again and must still know the version
        DeliveredVersions runKPlus2 = new DeliveredVersions(runKPlus1.recentVersions(), T.minusMinutes(3));

        assertThat(runKPlus2.alreadyDelivered(fromTwoRunsAgo)).isTrue();
    }

    @Test
    void listsVersionsInCursorThenKeyOrder() {
        DeliveredVersions delivered = new DeliveredVersions(List.of(), T);
        delivered.delivered(new RowVersion(9, T.plusSeconds(1)));
        delivered.delivered(new RowVersion(3, T.plusSeconds(1)));
        delivered.delivered(new RowVersion(4, T));

        assertThat(delivered.recentVersions()).containsExactly(
                new RowVersion(4, T), new RowVersion(3, T.plusSeconds(1)), new RowVersion(9, T.plusSeconds(1)));
    }

    @Test
    void aCutTableAlsoRemembersEveryVersionDeliveredBeforeThatLiesAfterTheCutWhateverItsStamp() {
        LocalDateTime keepFrom = T;
        ContinueAfter cut = new ContinueAfter(T.minusDays(2), 10);
        RowVersion atTheCut = new RowVersion(10, T.minusDays(2));
        RowVersion sameStampLaterKey = new RowVersion(11, T.minusDays(2));
        RowVersion betweenCutAndOverlap = new RowVersion(3, T.minusDays(1));
        RowVersion beforeTheCut = new RowVersion(9, T.minusDays(3));
        RowVersion inTheOverlap = new RowVersion(4, T.plusSeconds(1));
        DeliveredVersions delivered = new DeliveredVersions(List.of(atTheCut, sameStampLaterKey, betweenCutAndOverlap,
                beforeTheCut, inTheOverlap), keepFrom);
        delivered.delivered(new RowVersion(8, T.minusDays(2)));

        assertThat(delivered.recentVersions(cut)).containsExactly(sameStampLaterKey, betweenCutAndOverlap,
                inTheOverlap);
        assertThat(delivered.recentVersions()).containsExactly(inTheOverlap);
    }

    @Test
    void aTableCutWhereItsWindowStartsRemembersEverythingDeliveredFromThere() {
        RowVersion atTheStart = new RowVersion(1, T.minusHours(1));
        RowVersion beforeIt = new RowVersion(2, T.minusHours(1).minusNanos(1_000));
        DeliveredVersions delivered = new DeliveredVersions(List.of(atTheStart, beforeIt), T);

        assertThat(delivered.recentVersions(ContinueAfter.from(T.minusHours(1)))).containsExactly(atTheStart);
        assertThat(delivered.recentVersions(ContinueAfter.from(null))).containsExactly(beforeIt, atTheStart);
    }

    @Test
    void aTableWithABackfillRangeLeftAlsoRemembersEveryVersionDeliveredBeforeThatLiesInTheRange() {
        Backfill range = new Backfill(new ContinueAfter(T.minusDays(3), 10), T.minusHours(1));
        RowVersion inTheRange = new RowVersion(11, T.minusDays(3));
        RowVersion readAlready = new RowVersion(10, T.minusDays(3));
        RowVersion betweenRangeAndOverlap = new RowVersion(5, T.minusMinutes(30));
        RowVersion inTheOverlap = new RowVersion(4, T.plusSeconds(1));
        DeliveredVersions delivered = new DeliveredVersions(List.of(inTheRange, readAlready, betweenRangeAndOverlap,
                inTheOverlap), T);

        assertThat(delivered.recentVersions(null, range)).containsExactly(inTheRange, inTheOverlap);
        assertThat(delivered.recentVersions(null, null)).containsExactly(inTheOverlap);
    }
}
