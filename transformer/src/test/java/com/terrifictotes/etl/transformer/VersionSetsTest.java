package com.terrifictotes.etl.transformer;

import static org.assertj.core.api.Assertions.assertThat;

import com.terrifictotes.etl.manifest.RowVersion;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VersionSetsTest {
    private static final LocalDateTime T = LocalDateTime.of(2024, 5, 1, 9, 30, 0, 123_000_000);

    @Test
    void admitsEachFactVersionOnceWhateverTheOrderAndSize() {
        DistinctVersions versions = new DistinctVersions();
        Set<RowVersion> reference = new HashSet<>();
        Random random = new Random(42);
        for (int i = 0; i < 50_000; i++) {
            RowVersion version = new RowVersion(random.nextInt(2_000), T.plusNanos(random.nextInt(20) * 1_000_000L));
            assertThat(versions.add(version.id(), version.lastUpdated())).isEqualTo(reference.add(version));
        }
        assertThat(versions.size()).isEqualTo(reference.size());
    }

    @Test
    void dropsVersionsAnEarlierBatchAlreadyDelivered() {
        DistinctVersions versions = DistinctVersions.alreadyDelivered(List.of(new RowVersion(7, T)));
        assertThat(versions.add(7, T)).isFalse();
        assertThat(versions.add(7, T.plusNanos(1_000_000))).isTrue();
        assertThat(versions.add(8, T)).isTrue();
    }

    @Test
    void admitsOnlyTheLatestVersionOfADimensionIdAndOnlyOnce() {
        LatestVersions latest = new LatestVersions();
        for (int id = 0; id < 5_000; id++) {
            latest.record(id, T.plusSeconds(id % 3));
            latest.record(id, T);
        }
        for (int id = 0; id < 5_000; id++) {
            assertThat(latest.admit(id, T.minusSeconds(1))).isFalse();
            if (id % 3 != 0) {
                assertThat(latest.admit(id, T)).isFalse();
            }
            assertThat(latest.admit(id, T.plusSeconds(id % 3))).isTrue();
            assertThat(latest.admit(id, T.plusSeconds(id % 3))).isFalse();
        }
        assertThat(latest.admit(99_999, T)).isFalse();
    }
}
