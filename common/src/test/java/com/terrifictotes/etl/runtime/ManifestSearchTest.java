package com.terrifictotes.etl.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.Test;

/** The search's arithmetic; the search against a real S3 server is tested in testbed ({@code ManifestSearchIT}). */
class ManifestSearchTest {
    @Test
    void theSearchEndsOnAnExistingSequenceWhoseSuccessorIsMissingInLogarithmicallyManyProbes() {
        for (long latest : List.of(1L, 999L, 1_000L, 1_001L, 5_000L, 123_457L, 10_000_000L)) {
            AtomicInteger probes = new AtomicInteger();
            LongPredicate exists = sequence -> {
                probes.incrementAndGet();
                return sequence >= 1 && sequence <= latest;
            };

            assertThat(ManifestSearch.lastOfRun(1, exists)).isEqualTo(latest);
            // the first step is a listing page long, so the search spans at least that much
            assertThat(probes.get()).isLessThanOrEqualTo(2 * (64 - Long.numberOfLeadingZeros(latest + 1_000)) + 2);
        }
    }
}
