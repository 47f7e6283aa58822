package com.terrifictotes.etl.extractor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.terrifictotes.etl.error.BadInputException;
import com.terrifictotes.etl.manifest.TableExtract;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExtractionWindowTest {
    private static final Duration OVERLAP = Duration.ofMinutes(5);
    private static final LocalDateTime HI = LocalDateTime.of(2025, 3, 30, 1, 30, 15, 123_456_000);

    @Test
    void aTablesFirstWindowHasNoLowerBound() {
        ExtractionWindow window = ExtractionWindow.after("staff", Optional.empty(), HI, OVERLAP);

        assertThat(window.isFirst()).isTrue();
        assertThat(window.lo()).isNull();
        assertThat(window.hi()).isEqualTo(HI);
    }

    @Test
    void theNextWindowStartsTheOverlapBehindThePreviousBoundToTheMicrosecond() {
        LocalDateTime previousHi = LocalDateTime.of(2025, 3, 30, 1, 10, 0, 999_999_000);

        ExtractionWindow window = ExtractionWindow.after("staff", Optional.of(previous(previousHi)), HI, OVERLAP);

        assertThat(window.lo()).isEqualTo(LocalDateTime.of(2025, 3, 30, 1, 5, 0, 999_999_000));
        assertThat(window.hi()).isEqualTo(HI);
    }

    @Test
    void consecutiveWindowsLeaveNoGapAndOverlapByExactlyTheOverlap() {
        LocalDateTime hi1 = LocalDateTime.of(2025, 1, 1, 0, 0, 0, 1_000);
        LocalDateTime hi2 = hi1.plusSeconds(1200).plusNanos(7_000);
        LocalDateTime hi3 = hi2.plusSeconds(1);

        ExtractionWindow first = ExtractionWindow.after("t", Optional.empty(), hi1, OVERLAP);
        ExtractionWindow second = ExtractionWindow.after("t", Optional.of(previous(first.hi())), hi2, OVERLAP);
        ExtractionWindow third = ExtractionWindow.after("t", Optional.of(previous(second.hi())), hi3, OVERLAP);

        assertThat(second.lo()).isBefore(first.hi());
        assertThat(Duration.between(second.lo(), first.hi())).isEqualTo(OVERLAP);
        assertThat(third.lo()).isBefore(second.hi());
        assertThat(Duration.between(third.lo(), second.hi())).isEqualTo(OVERLAP);
        // a run only a second after the previous one re-reads the whole overlap again: still no gap
        assertThat(third.lo()).isEqualTo(second.hi().minus(OVERLAP));
    }

    @Test
    void aZeroOverlapChainsWindowsExactlyAtThePreviousBound() {
        ExtractionWindow window = ExtractionWindow.after("t", Optional.of(previous(HI.minusMinutes(20))), HI,
                Duration.ZERO);

        assertThat(window.lo()).isEqualTo(HI.minusMinutes(20));
    }

    @Test
    void aSourceClockThatWentBackByMoreThanTheOverlapFailsNamingTheTable() {
        Optional<TableExtract> previous = Optional.of(previous(HI.plus(OVERLAP)));

        assertThatThrownBy(() -> ExtractionWindow.after("sales_order", previous, HI, OVERLAP))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("sales_order")
                .hasMessageContaining("went back");
    }

    @Test
    void aSourceClockThatWentBackByLessThanTheOverlapStillGivesAWindowFromThePreviousOverlapStart() {
        LocalDateTime previousHi = HI.plusMinutes(1);

        ExtractionWindow window = ExtractionWindow.after("t", Optional.of(previous(previousHi)), HI, OVERLAP);

        assertThat(window.lo()).isEqualTo(previousHi.minus(OVERLAP));
    }

    @Test
    void theNextOverlapStartsTheOverlapBeforeThisBound() {
        ExtractionWindow window = new ExtractionWindow(null, HI);

        assertThat(window.nextOverlapStart(OVERLAP)).isEqualTo(HI.minusMinutes(5));
    }

    @Test
    void rejectsAnEmptyOrInvertedWindow() {
        assertThatThrownBy(() -> new ExtractionWindow(HI, HI)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExtractionWindow(HI.plusNanos(1_000), HI))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static TableExtract previous(LocalDateTime hi) {
        return new TableExtract("t", null, hi, List.of("t_id"), 0, 0, List.of(), List.of());
    }
}
