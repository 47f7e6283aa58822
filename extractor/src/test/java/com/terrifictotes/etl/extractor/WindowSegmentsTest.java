package com.terrifictotes.etl.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import com.terrifictotes.etl.extractor.WindowSegments.Segment;
import com.terrifictotes.etl.manifest.ContinueAfter;
import java.time.Duration;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class WindowSegmentsTest {
    private static final Duration OVERLAP = Duration.ofMinutes(5);
    private static final LocalDateTime HI = LocalDateTime.of(2025, 3, 30, 1, 30, 15, 123_456_000);

    @Test
    void aFirstWindowIsCopiedUpToWhatItMustRememberAndReadRowByRowAfter() {
        WindowSegments plan = WindowSegments.of(new ExtractionWindow(null, HI), null, HI.minus(OVERLAP));

        assertThat(plan.segments()).containsExactly(
                new Segment(null, HI.minus(OVERLAP), true),
                new Segment(HI.minus(OVERLAP), HI, false));
    }

    @Test
    void aLongWindowReadsItsHeadAndTailRowByRowAndCopiesTheMiddle() {
        LocalDateTime lo = HI.minusHours(1);

        WindowSegments plan = WindowSegments.of(new ExtractionWindow(lo, HI), lo.plus(OVERLAP), HI.minus(OVERLAP));

        assertThat(plan.segments()).containsExactly(
                new Segment(lo, lo.plus(OVERLAP), false),
                new Segment(lo.plus(OVERLAP), HI.minus(OVERLAP), true),
                new Segment(HI.minus(OVERLAP), HI, false));
    }

    @Test
    void withNothingDeliveredInTheWindowTheCopyStartsAtTheWindowsStart() {
        LocalDateTime lo = HI.minusHours(1);

        WindowSegments plan = WindowSegments.of(new ExtractionWindow(lo, HI), null, HI.minus(OVERLAP));

        assertThat(plan.segments()).containsExactly(
                new Segment(lo, HI.minus(OVERLAP), true),
                new Segment(HI.minus(OVERLAP), HI, false));
    }

    @Test
    void aVersionRememberedBeyondTheHeadStretchesTheRowByRowHeadPastIt() {
        LocalDateTime lo = HI.minusHours(1);
        // a reconciliation batch delivered a version stamped in the future of its time and remembered it
        LocalDateTime remembered = lo.plusMinutes(20);

        WindowSegments plan = WindowSegments.of(new ExtractionWindow(lo, HI), remembered.plusNanos(1_000),
                HI.minus(OVERLAP));

        assertThat(plan.segments()).containsExactly(
                new Segment(lo, remembered.plusNanos(1_000), false),
                new Segment(remembered.plusNanos(1_000), HI.minus(OVERLAP), true),
                new Segment(HI.minus(OVERLAP), HI, false));
    }

    @Test
    void aWindowWhoseHeadAndTailMeetIsReadRowByRowWhole() {
        ExtractionWindow window = new ExtractionWindow(HI.minus(OVERLAP.multipliedBy(2)), HI);

        assertThat(WindowSegments.of(window, window.lo().plus(OVERLAP), HI.minus(OVERLAP)).segments())
                .containsExactly(new Segment(window.lo(), HI, false));
    }

    @Test
    void versionsDeliveredAboveTheBoundAfterTheClocksWentBackMakeTheWholeWindowRows() {
        // second pass of a repeated hour: the first pass delivered versions up to 01:59, the window ends at 01:10
        ExtractionWindow window = new ExtractionWindow(LocalDateTime.of(2024, 10, 27, 1, 0),
                LocalDateTime.of(2024, 10, 27, 1, 10));

        assertThat(WindowSegments.of(window, LocalDateTime.of(2024, 10, 27, 1, 59), window.hi().minus(OVERLAP))
                .segments()).containsExactly(new Segment(window.lo(), window.hi(), false));
    }

    @Test
    void rememberingFromBelowTheWindowsStartMakesTheWholeWindowRows() {
        // shortly before the autumn change: remember from 01:00 while the window starts at 01:40
        ExtractionWindow window = new ExtractionWindow(LocalDateTime.of(2024, 10, 27, 1, 40),
                LocalDateTime.of(2024, 10, 27, 1, 50));

        assertThat(WindowSegments.of(window, window.lo().plus(OVERLAP), LocalDateTime.of(2024, 10, 27, 1, 0))
                .segments()).containsExactly(new Segment(window.lo(), window.hi(), false));
    }

    @Test
    void cutPointsBetweenMicrosecondsWidenTheRowByRowEdges() {
        LocalDateTime lo = LocalDateTime.of(2025, 1, 1, 0, 0, 0, 1_500);
        Duration overlap = Duration.ofSeconds(60).plusNanos(250);
        LocalDateTime hi = lo.plusHours(1);

        WindowSegments plan = WindowSegments.of(new ExtractionWindow(lo, hi), lo.plus(overlap), hi.minus(overlap));

        LocalDateTime middleStart = LocalDateTime.of(2025, 1, 1, 0, 1, 0, 2_000);
        LocalDateTime tailStart = LocalDateTime.of(2025, 1, 1, 0, 59, 0, 1_000);
        assertThat(plan.segments()).containsExactly(
                new Segment(lo, middleStart, false),
                new Segment(middleStart, tailStart, true),
                new Segment(tailStart, hi, false));
        assertThat(middleStart).isAfter(lo.plus(overlap));
        assertThat(tailStart).isBefore(hi.minus(overlap));
    }

    @Test
    void aZeroOverlapCopiesTheWholeWindow() {
        LocalDateTime lo = HI.minusHours(1);

        assertThat(WindowSegments.of(new ExtractionWindow(lo, HI), lo, HI).segments())
                .containsExactly(new Segment(lo, HI, true));
    }

    @Test
    void aBoundOutsideTheYearsASqlLiteralCanStateIsReadRowByRow() {
        LocalDateTime farFuture = LocalDateTime.of(12_000, 1, 1, 0, 0);

        assertThat(WindowSegments.of(new ExtractionWindow(null, farFuture), null, farFuture.minus(OVERLAP))
                .segments()).containsExactly(new Segment(null, farFuture, false));
    }

    @Test
    void aWindowGoingOnAfterACutLeavesOutTheRowsUpToItInItsFirstSegmentOnly() {
        LocalDateTime lo = HI.minusHours(1);
        ContinueAfter cut = new ContinueAfter(lo, 42);

        WindowSegments copied = WindowSegments.of(new ExtractionWindow(lo, HI), null, HI.minus(OVERLAP), cut);
        WindowSegments withHead = WindowSegments.of(new ExtractionWindow(lo, HI), lo.plus(OVERLAP), HI.minus(OVERLAP),
                cut);

        assertThat(copied.segments()).containsExactly(
                new Segment(lo, HI.minus(OVERLAP), true, cut),
                new Segment(HI.minus(OVERLAP), HI, false));
        assertThat(withHead.segments()).containsExactly(
                new Segment(lo, lo.plus(OVERLAP), false, cut),
                new Segment(lo.plus(OVERLAP), HI.minus(OVERLAP), true),
                new Segment(HI.minus(OVERLAP), HI, false));
    }

    @Test
    void aCutThatNoLiteralCanStateIsReadRowByRowAndStillLeftOut() {
        LocalDateTime lo = HI.minusHours(1).withNano(1);
        ContinueAfter cut = new ContinueAfter(lo, 42);

        WindowSegments plan = WindowSegments.of(new ExtractionWindow(lo, HI), null, HI.minus(OVERLAP), cut);

        assertThat(plan.segments()).containsExactly(new Segment(lo, HI, false, cut));
    }

    @Test
    void aFirstWindowThatAlreadyHoldsADeliveredVersionReadsUpToItRowByRow() {
        // a reconciliation batch delivered a version of a table the chain had not reached yet
        LocalDateTime delivered = HI.minusHours(2);

        WindowSegments plan = WindowSegments.of(new ExtractionWindow(null, HI), delivered, HI.minus(OVERLAP));

        assertThat(plan.segments()).containsExactly(
                new Segment(null, delivered, false),
                new Segment(delivered, HI.minus(OVERLAP), true),
                new Segment(HI.minus(OVERLAP), HI, false));
    }
}
