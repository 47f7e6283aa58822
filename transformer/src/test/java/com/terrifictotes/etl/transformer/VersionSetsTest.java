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
    void versionsInExtractionOrderAreAllAdmittedWithoutAHashSetAndARepeatAfterThemIsStillDropped() {
        DistinctVersions versions = new DistinctVersions();
        for (int second = 0; second < 1_000; second++) {
            for (int id = 5; id > 0; id--) {
                // (last_updated, id) order, as the extractor writes a table: ids ascend within a stamp
                assertThat(versions.add(6 - id + second % 7, T.plusSeconds(second))).isTrue();
            }
        }
        assertThat(versions.unordered()).isFalse();
        assertThat(versions.size()).isEqualTo(5_000);

        assertThat(versions.add(1, T)).as("the very first version, offered again after all of them").isFalse();
        assertThat(versions.unordered()).isTrue();
        assertThat(versions.add(5 + 999 % 7, T.plusSeconds(999))).as("the last one again").isFalse();
        assertThat(versions.add(6, T)).as("a new version among the old stamps").isTrue();
        assertThat(versions.add(6, T)).isFalse();
        assertThat(versions.size()).isEqualTo(5_001);
    }

    @Test
    void aRepeatRightAfterItsVersionIsNotTakenForTheNextInOrder() {
        DistinctVersions versions = new DistinctVersions();
        assertThat(versions.add(3, T)).isTrue();
        assertThat(versions.add(3, T)).isFalse();
        assertThat(versions.add(2, T.plusSeconds(1))).isTrue();
        assertThat(versions.add(2, T.plusSeconds(1))).isFalse();
        assertThat(versions.size()).isEqualTo(2);
    }

    @Test
    void severalOrderedWindowsInOneBatchAdmitEachVersionOnce() {
        DistinctVersions versions = new DistinctVersions();
        Set<RowVersion> reference = new HashSet<>();
        // a chain's batch: a fresh window first, then the rest of an older one that overlaps it
        for (int[] window : new int[][] {{500, 1_000}, {0, 700}}) {
            for (int i = window[0]; i < window[1]; i++) {
                RowVersion version = new RowVersion(i % 97, T.plusSeconds(i));
                assertThat(versions.add(version.id(), version.lastUpdated())).isEqualTo(reference.add(version));
            }
        }
        assertThat(versions.size()).isEqualTo(reference.size()).isEqualTo(1_000);
    }

    @Test
    void dropsVersionsAnEarlierBatchAlreadyDelivered() {
        DistinctVersions versions = DistinctVersions.alreadyDelivered(List.of(new RowVersion(7, T)));
        assertThat(versions.add(7, T)).isFalse();
        assertThat(versions.add(7, T.plusNanos(1_000_000))).isTrue();
        assertThat(versions.add(8, T)).isTrue();
        assertThat(versions.add(8, T.plusNanos(1_000_000))).isTrue();
        assertThat(versions.add(7, T)).as("still delivered, in order or not").isFalse();
        assertThat(versions.unordered()).isTrue();
        assertThat(versions.add(8, T)).isFalse();
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
