package com.terrifictotes.etl.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.terrifictotes.etl.error.BadInputException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestJsonTest {
    private static final String SHA = "a".repeat(64);

    @Test
    void anIngestionManifestReadsBackEqualWithWindowBoundsAtFullPrecision() {
        LocalDateTime hi = LocalDateTime.of(2026, 11, 21, 6, 0, 0, 123_456_000);
        TableExtract sales = new TableExtract("sales_order", hi.minusMinutes(20), hi,
                List.of("sales_order_id", "last_updated"), 2, 300,
                List.of(new DataFile("data/sales_order/x/part-00000.csv", 2, 300, SHA)),
                List.of(new RowVersion(7, LocalDateTime.of(2026, 11, 21, 5, 58, 0))));
        TableExtract empty = new TableExtract("currency", null, hi, List.of("currency_id"), 0, 0, List.of(), List.of());
        IngestionManifest manifest = new IngestionManifest(IngestionManifest.FORMAT_VERSION, 42, "run-1",
                Instant.parse("2026-11-21T06:00:01.5Z"), Instant.parse("2026-11-21T06:00:03Z"), "UTC",
                List.of(sales, empty));

        IngestionManifest back = ManifestJson.readIngestion("test", ManifestJson.write(manifest));

        assertThat(back).isEqualTo(manifest);
        assertThat(new String(ManifestJson.write(manifest), StandardCharsets.UTF_8))
                .contains("\"windowHi\" : \"2026-11-21T06:00:00.123456\"");
    }

    @Test
    void anExtractionManifestSaysNothingOfReconciliation() {
        LocalDateTime hi = LocalDateTime.of(2026, 11, 21, 6, 0);
        IngestionManifest manifest = new IngestionManifest(IngestionManifest.FORMAT_VERSION, 1, "run-1",
                Instant.parse("2026-11-21T06:00:01Z"), Instant.parse("2026-11-21T06:00:03Z"), "UTC",
                List.of(new TableExtract("currency", null, hi, List.of("currency_id"), 0, 0, List.of(), List.of())));

        String json = new String(ManifestJson.write(manifest), StandardCharsets.UTF_8);

        assertThat(json).doesNotContain("reconciliation");
        assertThat(ManifestJson.readIngestion("test", json.getBytes(StandardCharsets.UTF_8)).isReconciliation())
                .isFalse();
    }

    @Test
    void aReconciliationBatchReadsBackEqualWithItsDeletionsAndFindings() {
        LocalDateTime hi = LocalDateTime.of(2026, 11, 21, 6, 0);
        Reconciliation reconciliation = new Reconciliation(LocalDateTime.of(2026, 11, 22, 3, 0, 1, 123_456_789), 17,
                Map.of("staff", List.of(9, 4), "payment", List.of()),
                Map.of("dim_staff", new Reconciliation.Findings(0, 1, 2, 0, 0, 0),
                        "dim_design", Reconciliation.Findings.NONE));
        IngestionManifest manifest = new IngestionManifest(IngestionManifest.FORMAT_VERSION, 18, "run-r",
                Instant.parse("2026-11-22T03:00:00Z"), Instant.parse("2026-11-22T03:00:09Z"), "UTC",
                List.of(new TableExtract("staff", hi.minusMinutes(20), hi, List.of("staff_id"), 0, 0, List.of(),
                        List.of())), reconciliation);

        IngestionManifest back = ManifestJson.readIngestion("test", ManifestJson.write(manifest));

        assertThat(back).isEqualTo(manifest);
        assertThat(back.reconciliation().sourceTime()).as("deleted_at is kept to the millisecond, as the warehouse does")
                .isEqualTo(LocalDateTime.of(2026, 11, 22, 3, 0, 1, 123_000_000));
        assertThat(back.reconciliation().deleted()).as("ascending, tables with none left out")
                .isEqualTo(Map.of("staff", List.of(4, 9)));
        assertThat(back.reconciliation().found()).containsOnlyKeys("dim_staff");
        assertThat(back.reconciliation().total().reconciled()).isEqualTo(3);
    }

    @Test
    void aProcessedManifestReadsBackEqual() {
        ProcessedManifest manifest = new ProcessedManifest(ProcessedManifest.FORMAT_VERSION, 3,
                BucketLayout.ingestionManifestKey(3), 1, Instant.parse("2026-11-21T06:00:00Z"),
                List.of(new TableOutput("dim_date", 1, List.of(new DataFile("tables/dim_date/p", 1, 10, SHA)))),
                List.of());

        assertThat(ManifestJson.readProcessed("test", ManifestJson.write(manifest))).isEqualTo(manifest);
    }

    @Test
    void theExtractorsRejectsAndTheQuarantinedCountsReadBackAndAreOptional() {
        LocalDateTime hi = LocalDateTime.of(2026, 11, 21, 6, 0);
        TableExtract staff = new TableExtract("staff", null, hi, List.of("staff_id"), 0, 0, List.of(), List.of(),
                List.of(new RejectedValue(7, hi.minusMinutes(1), "last_name", "not valid UTF-8", "M\\xe9ndez")));
        IngestionManifest ingestion = new IngestionManifest(IngestionManifest.FORMAT_VERSION, 1, "run-1",
                Instant.EPOCH, Instant.EPOCH, "UTC", List.of(staff));
        ProcessedManifest processed = new ProcessedManifest(ProcessedManifest.FORMAT_VERSION, 1,
                BucketLayout.ingestionManifestKey(1), 2, Instant.EPOCH, List.of(), List.of(), Map.of("staff", 1L));

        assertThat(ManifestJson.readIngestion("test", ManifestJson.write(ingestion))).isEqualTo(ingestion);
        assertThat(ManifestJson.readProcessed("test", ManifestJson.write(processed))).isEqualTo(processed);
        String withoutRejects = new String(ManifestJson.write(ingestion), StandardCharsets.UTF_8)
                .replaceAll("(?s),\\s*\"rejects\" : \\[.*?\\]", "");
        assertThat(withoutRejects).doesNotContain("rejects");
        assertThat(ManifestJson.readIngestion("test", withoutRejects.getBytes(StandardCharsets.UTF_8)).tables()
                .get(0).rejects()).as("a manifest written before rejects existed").isEmpty();
        String version1 = "{\"formatVersion\": 1, \"sequence\": 1, \"sourceManifestKey\": \"k\","
                + " \"schemaVersion\": 1, \"createdAt\": \"2026-11-21T06:00:00Z\", \"tables\": [],"
                + " \"stateFiles\": []}";
        assertThat(ManifestJson.readProcessed("test", version1.getBytes(StandardCharsets.UTF_8)).quarantined())
                .isEmpty();
    }

    @Test
    void textThatIsNotAManifestGivesOneErrorNamingItsLocation() {
        assertThatThrownBy(() -> ManifestJson.readIngestion("s3://b/manifests/x.json", "not json".getBytes()))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("manifest s3://b/manifests/x.json is not a valid IngestionManifest");
        assertThatThrownBy(() -> ManifestJson.readProcessed("s3://b/m.json", "{\"formatVersion\": 99}".getBytes()))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("s3://b/m.json");
    }

    @Test
    void fileRowCountsMustAddUpToTheTableCount() {
        assertThatThrownBy(() -> new TableOutput("dim_date", 5, List.of(new DataFile("k", 4, 1, SHA))))
                .hasMessageContaining("dim_date");
    }
}
