package com.terrifictotes.etl.transformer;

import static org.assertj.core.api.Assertions.assertThat;

import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.manifest.IngestionManifest;
import com.terrifictotes.etl.manifest.ManifestJson;
import com.terrifictotes.etl.manifest.TableExtract;
import com.terrifictotes.etl.testbed.expected.WarehouseFromSource;
import com.terrifictotes.etl.testbed.servers.Database;
import com.terrifictotes.etl.testbed.servers.TestBed;
import com.terrifictotes.etl.testbed.source.DayOfChanges;
import com.terrifictotes.etl.transformer.IngestionFixture.Tamper;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Every source row version becomes one fact row, and the same version seen twice becomes one row, not two. */
class FactHistoryTest {
    private final TestBed bed = TestBed.shared();

    private static IngestionManifest ingestionManifest(IngestionFixture extractor, long sequence) {
        String key = BucketLayout.ingestionManifestKey(sequence);
        return ManifestJson.readIngestion(key, extractor.bucket().readAllBytes(key));
    }

    @Test
    void aVersionDeliveredTwiceWithinOneBatchBecomesOneFactRow() {
        Database source = SmallToteSys.create(71L, 40);
        IngestionFixture extractor = new IngestionFixture(source.dataSource(), bed.s3(),
                bed.createBucket("history-ingestion"));
        ProcessedZone processed = new ProcessedZone(bed.s3(), bed.createBucket("history-processed"));
        extractor.extract(Map.of("sales_order", Tamper.content(csv -> csv + csv.split("\r\n")[1] + "\r\n"),
                "transaction", Tamper.content(csv -> csv + csv.split("\r\n")[2] + "\r\n")));
        new TransformerService(bed.s3(), TransformerSettings.forBuckets(extractor.bucket().name(),
                processed.bucket.name())).transformPending(OptionalLong.empty());

        TableExtract delivered = ingestionManifest(extractor, 1).table("sales_order").orElseThrow();
        List<List<Object>> expected = WarehouseFromSource.changedSince(source.dataSource(), "fact_sales_order",
                WarehouseFromSource.BEGINNING);
        assertThat(delivered.rows()).isEqualTo(expected.size() + 1);
        assertThat(processed.rows(1, "fact_sales_order")).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(processed.rows(1, "dim_transaction")).containsExactlyInAnyOrderElementsOf(
                WarehouseFromSource.changedSince(source.dataSource(), "dim_transaction",
                        WarehouseFromSource.BEGINNING));
    }

    @Test
    void versionsReReadInAnOverlappingWindowAreNotFactsAgain() {
        Database source = SmallToteSys.create(73L, 40);
        IngestionFixture extractor = new IngestionFixture(source.dataSource(), bed.s3(),
                bed.createBucket("overlap-ingestion")).withOverlap(Duration.ofDays(1));
        ProcessedZone processed = new ProcessedZone(bed.s3(), bed.createBucket("overlap-processed"));
        TransformerService service = new TransformerService(bed.s3(), TransformerSettings.forBuckets(
                extractor.bucket().name(), processed.bucket.name()));
        LocalDateTime today = LocalDateTime.now(ZoneOffset.UTC);
        extractor.extract();
        DayOfChanges.apply(source.dataSource(), 1L, today);
        extractor.extract();
        DayOfChanges.apply(source.dataSource(), 2L, today.plusMinutes(1));
        extractor.extract();
        service.transformPending(OptionalLong.empty());

        IngestionManifest third = ingestionManifest(extractor, 3);
        LocalDateTime secondBound = ingestionManifest(extractor, 2).tables().get(0).windowHi();
        long reRead = WarehouseFromSource.changedSince(source.dataSource(), "fact_payment", third.tables().get(0)
                .windowLo()).size() - WarehouseFromSource.changedSince(source.dataSource(), "fact_payment",
                secondBound).size();
        assertThat(reRead).as("payment versions of batch 2 that batch 3 re-read").isPositive();
        for (String fact : List.of("fact_sales_order", "fact_purchase_order", "fact_payment", "dim_date")) {
            assertThat(processed.rows(3, fact)).as(fact).containsExactlyInAnyOrderElementsOf(
                    WarehouseFromSource.changedSince(source.dataSource(), fact, secondBound));
        }
    }
}
