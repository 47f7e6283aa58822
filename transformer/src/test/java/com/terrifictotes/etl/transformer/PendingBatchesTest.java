package com.terrifictotes.etl.transformer;

import static com.terrifictotes.etl.manifest.BucketLayout.ingestionManifestKey;
import static com.terrifictotes.etl.manifest.BucketLayout.processedManifestKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.terrifictotes.etl.error.StorageException;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PendingBatchesTest {
    private static List<String> ingested(long... sequences) {
        return LongStream.of(sequences).mapToObj(s -> ingestionManifestKey(s)).toList();
    }

    private static List<String> processed(long... sequences) {
        return LongStream.of(sequences).mapToObj(s -> processedManifestKey(s)).toList();
    }

    @Test
    void takesEveryUntransformedBatchUpToTheEventsOwnOldestFirst() {
        PendingBatches plan = PendingBatches.of(ingested(1, 2, 3, 4, 5), processed(1, 2), OptionalLong.of(4));
        assertThat(plan.pending()).containsExactly(3L, 4L);
        assertThat(plan.previous()).hasValue(2);
    }

    @Test
    void takesEverythingPendingForTheCatchUpEvent() {
        PendingBatches plan = PendingBatches.of(ingested(1, 2, 3), List.of(), OptionalLong.empty());
        assertThat(plan.pending()).containsExactly(1L, 2L, 3L);
        assertThat(plan.previous()).isEmpty();
    }

    @Test
    void doesNothingForADuplicateOrLateEvent() {
        PendingBatches plan = PendingBatches.of(ingested(1, 2, 3), processed(1, 2, 3), OptionalLong.of(2));
        assertThat(plan.pending()).isEmpty();
    }

    @Test
    void ignoresKeysThatAreNotManifests() {
        List<String> keys = List.of("manifests/ingestion-1.json", "manifests/other.json", ingestionManifestKey(1));
        assertThat(PendingBatches.of(keys, List.of(), OptionalLong.empty()).pending()).containsExactly(1L);
    }

    @Test
    void refusesToTransformABatchOlderThanOneAlreadyTransformed() {
        assertThatThrownBy(() -> PendingBatches.of(ingested(1, 2, 3), processed(1, 3), OptionalLong.empty()))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("ingestion batch 2 is not transformed but batch 3 is");
    }
}
