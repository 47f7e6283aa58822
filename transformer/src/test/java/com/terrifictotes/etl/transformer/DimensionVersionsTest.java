package com.terrifictotes.etl.transformer;

import static com.terrifictotes.etl.catalogue.ToteSysCatalogue.CURRENCY;
import static org.assertj.core.api.Assertions.assertThat;

import com.terrifictotes.etl.testbed.expected.WarehouseFromSource;
import com.terrifictotes.etl.testbed.servers.Database;
import com.terrifictotes.etl.testbed.servers.TestBed;
import com.terrifictotes.etl.transformer.IngestionFixture.Tamper;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * A dimension gets one row per id, of its latest version, even when a batch carries an id more than once: the
 * single pass writes a dimension as it reads it and must notice the repeat and write the table again.
 */
class DimensionVersionsTest {
    private final TestBed bed = TestBed.shared();

    @Test
    void anOlderVersionOfADimensionRowLaterInTheBatchLeavesOnlyTheLatestVersionInTheTable() {
        Database source = SmallToteSys.create(79L, 30);
        IngestionFixture extractor = new IngestionFixture(source.dataSource(), bed.s3(),
                bed.createBucket("versions-ingestion"));
        ProcessedZone processed = new ProcessedZone(bed.s3(), bed.createBucket("versions-processed"));
        extractor.extract(Map.of("currency", Tamper.content(csv -> csv + staleCopyOf(csv.split("\r\n")[1]) + "\r\n")));

        List<BatchReport> reports = new TransformerService(bed.s3(), TransformerSettings.forBuckets(
                extractor.bucket().name(), processed.bucket.name())).transformPending(OptionalLong.empty());

        List<List<Object>> expected = WarehouseFromSource.changedSince(source.dataSource(), "dim_currency",
                WarehouseFromSource.BEGINNING);
        assertThat(processed.rows(1, "dim_currency")).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(reports.get(0).tables()).filteredOn(t -> t.table().equals("dim_currency"))
                .singleElement().satisfies(t -> {
                    assertThat(t.rowsIn()).isEqualTo(expected.size() + 1);
                    assertThat(t.rowsOut()).isEqualTo(expected.size());
                });
        assertThat(processed.keys("tables/dim_currency/")).hasSize(1);
        assertThat(bed.s3().listMultipartUploads(b -> b.bucket(processed.bucket.name())).uploads())
                .as("uploads left pending").isEmpty();
    }

    /** The same currency id with another code and a last_updated long before the real one. */
    private static String staleCopyOf(String line) {
        String[] fields = line.split(",", -1);
        fields[CURRENCY.columnIndex("currency_code")] = "\"XTS\"";
        fields[CURRENCY.columnIndex("last_updated")] = "\"2000-01-01T00:00:00.001\"";
        return String.join(",", fields);
    }
}
