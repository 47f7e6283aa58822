package com.terrifictotes.etl.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SnapStartPrimingTest {
    @Test
    void primesTheCsvAndManifestPathsWithoutAnyConnection() throws Exception {
        // SnapStartPriming holds no client, data source or secret: there is nothing it could connect with
        assertThat(SnapStartPriming.class.getDeclaredFields()).isEmpty();

        long csvBytes = SnapStartPriming.prime();

        assertThat(csvBytes).isGreaterThan(100);
    }
}
