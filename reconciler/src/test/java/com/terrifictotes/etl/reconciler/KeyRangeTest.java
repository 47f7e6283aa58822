package com.terrifictotes.etl.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class KeyRangeTest {
    @Test
    void aSplitCoversTheRangeInConsecutiveNonEmptyParts() {
        for (KeyRange range : List.of(KeyRange.EVERY, new KeyRange(-5, 5), new KeyRange(0, 3), new KeyRange(7, 8))) {
            List<KeyRange> parts = range.split(32);

            assertThat(parts.get(0).lo()).isEqualTo(range.lo());
            assertThat(parts.get(parts.size() - 1).hi()).isEqualTo(range.hi());
            for (int i = 1; i < parts.size(); i++) {
                assertThat(parts.get(i).lo()).isEqualTo(parts.get(i - 1).hi());
            }
            assertThat(parts).hasSize((int) Math.min(32, range.width()));
        }
    }
}
