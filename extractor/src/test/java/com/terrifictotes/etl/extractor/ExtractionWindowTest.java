package com.terrifictotes.etl.extractor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class ExtractionWindowTest {
    private static final LocalDateTime HI = LocalDateTime.of(2025, 3, 30, 1, 30, 15, 123_456_000);

    @Test
    void aWindowWithoutLowerBoundIsATablesFirst() {
        assertThat(new ExtractionWindow(null, HI).isFirst()).isTrue();
        assertThat(new ExtractionWindow(HI.minusMinutes(5), HI).isFirst()).isFalse();
    }

    @Test
    void rejectsAnEmptyOrInvertedWindow() {
        assertThatThrownBy(() -> new ExtractionWindow(HI, HI)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExtractionWindow(HI.plusNanos(1_000), HI))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
