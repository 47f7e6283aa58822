package com.terrifictotes.etl.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import com.terrifictotes.etl.extractor.WindowSegments.Segment;
import java.time.Duration;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class WindowSegmentsTest {
    private static final Duration OVERLAP = Duration.ofMinutes(5);
    private static final LocalDateTime HI = LocalDateTime.of(2025, 3, 30, 1, 30, 15, 123_456_000);

    @Test
    void aFirstWindowIsCopiedUpToTheNextOverlapAndReadRowByRowAfter() {
        WindowSegments plan = WindowSegments.of(new ExtractionWindow(null, HI), OVERLAP);

        assertThat(plan.segments()).containsExactly(
                new Segment(null, HI.minus(OVERLAP), true),
                new Segment(HI.minus(OVERLAP), HI, false));
    }

    @Test
    void aLongWindowReadsItsHeadAndTailRowByRowAndCopiesTheMiddle() {
        LocalDateTime lo = HI.minusHours(1);

        WindowSegments plan = WindowSegments.of(new ExtractionWindow(lo, HI), OVERLAP);

        assertThat(plan.segments()).containsExactly(
                new Segment(lo, lo.plus(OVERLAP), false),
                new Segment(lo.plus(OVERLAP), HI.minus(OVERLAP), true),
                new Segment(HI.minus(OVERLAP), HI, false));
    }

    @Test
    void aVersionRememberedBeyondTheHeadStretchesTheRowByRowHeadPastIt() {
        LocalDateTime lo = HI.minusHours(1);
        // a reconciliation batch delivered a version stamped in the future of its time and remembered it
        LocalDateTime remembered = lo.plusMinutes(20);

        WindowSegments plan = WindowSegments.of(new ExtractionWindow(lo, HI), OVERLAP,
                remembered.plusNanos(1_000));

        assertThat(plan.segments()).containsExactly(
                new Segment(lo, remembered.plusNanos(1_000), false),
                new Segment(remembered.plusNanos(1_000), HI.minus(OVERLAP), true),
                new Segment(HI.minus(OVERLAP), HI, false));
        assertThat(WindowSegments.of(new ExtractionWindow(lo, HI), OVERLAP, lo.plusMinutes(1)))
                .as("remembered versions inside the usual head change nothing")
                .isEqualTo(WindowSegments.of(new ExtractionWindow(lo, HI), OVERLAP));
    }

    @Test
    void aWindowNoLongerThanTwoOverlapsIsReadRowByRowWhole() {
        ExtractionWindow window = new ExtractionWindow(HI.minus(OVERLAP.multipliedBy(2)), HI);

        assertThat(WindowSegments.of(window, OVERLAP).segments()).containsExactly(
                new Segment(window.lo(), HI, false));
    }

    @Test
    void cutPointsBetweenMicrosecondsWidenTheRowByRowEdges() {
        LocalDateTime lo = LocalDateTime.of(2025, 1, 1, 0, 0, 0, 1_500);
        Duration overlap = Duration.ofSeconds(60).plusNanos(250);
        LocalDateTime hi = lo.plusHours(1);

        WindowSegments plan = WindowSegments.of(new ExtractionWindow(lo, hi), overlap);

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

        assertThat(WindowSegments.of(new ExtractionWindow(lo, HI), Duration.ZERO).segments())
                .containsExactly(new Segment(lo, HI, true));
    }

    @Test
    void aBoundOutsideTheYearsASqlLiteralCanStateIsReadRowByRow() {
        LocalDateTime farFuture = LocalDateTime.of(12_000, 1, 1, 0, 0);

        assertThat(WindowSegments.of(new ExtractionWindow(null, farFuture), OVERLAP).segments())
                .containsExactly(new Segment(null, farFuture, false));
    }
}
