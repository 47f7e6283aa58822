package com.terrifictotes.etl.transformer;

import static com.terrifictotes.etl.manifest.BucketLayout.ingestionManifestKey;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PendingBatchesTest {
    private static List<String> ingested(long... sequences) {
        return LongStream.of(sequences).mapToObj(s -> ingestionManifestKey(s)).toList();
    }

    @Test
    void takesEveryUntransformedBatchUpToTheEventsOwnOldestFirst() {
        PendingBatches plan = PendingBatches.of(OptionalLong.of(2), ingested(5, 3, 4), OptionalLong.of(4));
        assertThat(plan.pending()).containsExactly(3L, 4L);
        assertThat(plan.previous()).hasValue(2);
    }

    @Test
    void takesEverythingPendingForTheCatchUpEvent() {
        PendingBatches plan = PendingBatches.of(OptionalLong.empty(), ingested(1, 2, 3), OptionalLong.empty());
        assertThat(plan.pending()).containsExactly(1L, 2L, 3L);
        assertThat(plan.previous()).isEmpty();
    }

    @Test
    void doesNothingForADuplicateOrLateEvent() {
        PendingBatches plan = PendingBatches.of(OptionalLong.of(3), List.of(), OptionalLong.of(2));
        assertThat(plan.pending()).isEmpty();
        assertThat(plan.previous()).isEmpty();
    }

    @Test
    void neverTakesABatchAtOrBeforeTheNewestTransformedOneEvenIfTheListingHoldsIt() {
        PendingBatches plan = PendingBatches.of(OptionalLong.of(3), ingested(2, 3, 4), OptionalLong.empty());
        assertThat(plan.pending()).containsExactly(4L);
        assertThat(plan.previous()).hasValue(3);
    }

    @Test
    void ignoresKeysThatAreNotManifests() {
        List<String> keys = List.of("manifests/ingestion-1.json", "manifests/other.json", ingestionManifestKey(1));
        assertThat(PendingBatches.of(OptionalLong.empty(), keys, OptionalLong.empty()).pending()).containsExactly(1L);
    }
}
