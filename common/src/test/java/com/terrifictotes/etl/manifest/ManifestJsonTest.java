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
    void aProcessedManifestReadsBackEqual() {
        ProcessedManifest manifest = new ProcessedManifest(3,
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
    void aProcessedManifestOfFormatOneIsUpcastToAnUnquarantinedBatch() {
        String formatOne = "{\"formatVersion\": 1, \"sequence\": 4, \"sourceManifestKey\": \""
                + BucketLayout.ingestionManifestKey(4) + "\", \"schemaVersion\": 1,"
                + " \"createdAt\": \"2026-11-21T06:00:00Z\", \"tables\": [], \"stateFiles\": []}";

        ProcessedManifest read = ManifestJson.readProcessed("s3://b/old.json", formatOne.getBytes());

        assertThat(read.formatVersion()).isEqualTo(1);
        assertThat(read.quarantinedByOperator()).isFalse();
        assertThat(read.quarantined()).isEmpty();
        assertThat(read.schemaVersion()).isEqualTo(1);
    }

    @Test
    void aFormatThisCodeDoesNotKnowIsRefusedNamingTheObjectItsVersionAndTheVersionsRead() {
        assertThatThrownBy(() -> ManifestJson.readProcessed("s3://b/manifests/processed-000000000007.json",
                "{\"formatVersion\": 9, \"sequence\": 7}".getBytes()))
                .isInstanceOf(BadInputException.class)
                .hasMessage("manifest s3://b/manifests/processed-000000000007.json is a ProcessedManifest of format 9,"
                        + " which this code cannot read: it reads formats 1 to " + ProcessedManifest.FORMAT_VERSION
                        + " (written by a newer version of the pipeline: deploy it)");
        assertThatThrownBy(() -> ManifestJson.readIngestion("s3://b/i.json", "{\"sequence\": 7}".getBytes()))
                .isInstanceOf(BadInputException.class)
                .hasMessage("manifest s3://b/i.json is not a valid IngestionManifest: it has no formatVersion");
    }

    @Test
    void anOperatorDecisionReadsBackEqualAndNamesItsKey() {
        OperatorDecision decision = OperatorDecision.quarantine(OperatorDecision.STAGE_LOAD, 12, "file lost",
                "alice", Instant.parse("2026-11-21T06:00:00Z"));

        assertThat(ManifestJson.readDecision("d", ManifestJson.write(decision))).isEqualTo(decision);
        assertThat(decision.key()).isEqualTo("decisions/load-000000000012.json");
        assertThatThrownBy(() -> OperatorDecision.quarantine("extract", 1, "x", "a", Instant.EPOCH))
                .hasMessageContaining("unknown stage 'extract'");
        assertThatThrownBy(() -> OperatorDecision.quarantine("load", 1, " ", "a", Instant.EPOCH))
                .hasMessageContaining("needs a reason");
    }

    @Test
    void fileRowCountsMustAddUpToTheTableCount() {
        assertThatThrownBy(() -> new TableOutput("dim_date", 5, List.of(new DataFile("k", 4, 1, SHA))))
                .hasMessageContaining("dim_date");
    }
}
