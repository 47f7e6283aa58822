package com.terrifictotes.etl.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class BucketLayoutTest {
    @Test
    void manifestKeysSortInSequenceOrderAndSitUnderTheirOwnPrefix() {
        List<String> keys = LongStream.of(10, 9, 100, 1).mapToObj(BucketLayout::ingestionManifestKey).sorted().toList();

        assertThat(keys).containsExactly(BucketLayout.ingestionManifestKey(1), BucketLayout.ingestionManifestKey(9),
                BucketLayout.ingestionManifestKey(10), BucketLayout.ingestionManifestKey(100));
        assertThat(keys).allMatch(k -> k.startsWith(BucketLayout.MANIFEST_PREFIX) && k.endsWith(".json"));
    }

    @Test
    void aManifestKeyGivesBackItsSequenceAndOtherKeysGiveNone() {
        assertThat(BucketLayout.ingestionSequence(BucketLayout.ingestionManifestKey(42))).isEqualTo(OptionalLong.of(42));
        assertThat(BucketLayout.processedSequence(BucketLayout.processedManifestKey(7))).isEqualTo(OptionalLong.of(7));
        assertThat(BucketLayout.ingestionSequence(BucketLayout.processedManifestKey(7))).isEmpty();
        assertThat(BucketLayout.ingestionSequence("manifests/ingestion-1.json")).isEmpty();
    }

    @Test
    void dataKeysArePartitionedByTableAndDateAndNeverUnderTheManifestPrefix() {
        String key = BucketLayout.csvPartKey("sales_order", LocalDate.of(2026, 11, 21), 3, "r1", 0);

        assertThat(key).isEqualTo("data/sales_order/extracted=2026-11-21/run-000000000003-r1/part-00000.csv");
        assertThat(BucketLayout.parquetPartKey("fact_payment", 3, 1))
                .isEqualTo("tables/fact_payment/batch=000000000003/part-00001.parquet");
        assertThat(BucketLayout.statePartKey("staff", 3, 0)).startsWith("state/staff/");
    }
}
