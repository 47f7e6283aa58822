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
    private static final Checksum CRC = Checksum.crc32c(0x1234_5678L);

    @Test
    void anIngestionManifestReadsBackEqualWithWindowBoundsAtFullPrecision() {
        LocalDateTime hi = LocalDateTime.of(2026, 11, 21, 6, 0, 0, 123_456_000);
        TableExtract sales = new TableExtract("sales_order", hi.minusMinutes(20), hi,
                List.of("sales_order_id", "last_updated"), 2, 300,
                List.of(new DataFile("data/sales_order/x/part-00000.csv", 2, 300, CRC)),
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
    void theRecentFromBoundRoundTripsAndAnExtractWithoutItIsWrittenAsBeforeTheFieldExisted() {
        LocalDateTime hi = LocalDateTime.of(2024, 10, 27, 1, 10, 0, 5_000);
        LocalDateTime recentFrom = LocalDateTime.of(2024, 10, 27, 1, 0);
        TableExtract withBound = new TableExtract("currency", hi.minusMinutes(10), hi, List.of("currency_id"), 0, 0,
                List.of(), List.of(new RowVersion(3, recentFrom.plusMinutes(50))), recentFrom, List.of());
        TableExtract without = new TableExtract("staff", null, hi, List.of("staff_id"), 0, 0, List.of(), List.of());
        IngestionManifest manifest = new IngestionManifest(IngestionManifest.FORMAT_VERSION, 7, "run-7",
                Instant.parse("2024-10-27T01:10:00Z"), Instant.parse("2024-10-27T01:10:02Z"), "Europe/London",
                List.of(withBound, without));

        byte[] json = ManifestJson.write(manifest);

        assertThat(ManifestJson.readIngestion("test", json)).isEqualTo(manifest);
        String text = new String(json, StandardCharsets.UTF_8);
        assertThat(text).contains("\"recentFrom\" : \"2024-10-27T01:00:00.000\"");
        assertThat(text.indexOf("recentFrom")).as("only the extract that has the bound").isEqualTo(
                text.lastIndexOf("recentFrom"));
    }

    @Test
    void rejectedVersionsReadBackEqualAndAManifestWithoutRejectsHasNoRejectsField() {
        LocalDateTime hi = LocalDateTime.of(2026, 11, 21, 6, 0);
        RejectedValue reject = RejectedValue.invalidUtf8(7, hi.minusSeconds(1), "first_name",
                new byte[] {'R', 'e', 'n', (byte) 0xe9});
        TableExtract staff = new TableExtract("staff", null, hi, List.of("staff_id"), 0, 0, List.of(),
                List.of(reject.version()), null, List.of(reject));
        TableExtract currency = new TableExtract("currency", null, hi, List.of("currency_id"), 0, 0, List.of(),
                List.of());
        IngestionManifest manifest = new IngestionManifest(IngestionManifest.FORMAT_VERSION, 1, "run-1",
                Instant.parse("2026-11-21T06:00:01Z"), Instant.parse("2026-11-21T06:00:02Z"), "UTC",
                List.of(staff, currency));

        byte[] json = ManifestJson.write(manifest);

        assertThat(ManifestJson.readIngestion("test", json)).isEqualTo(manifest);
        String text = new String(json, StandardCharsets.UTF_8);
        assertThat(text).containsOnlyOnce("\"rejects\"").contains("\"id\" : 7", "\"column\" : \"first_name\"",
                "\"lastUpdated\" : \"2026-11-21T05:59:59.000\"",
                "\"reason\" : \"not valid UTF-8: byte 0xE9 at offset 3 of 4\"", "\"value\" : \"Ren\\\\xE9\"");
    }

    @Test
    void aManifestWrittenBeforeRecentFromExistedStillReads() {
        String json = """
                {"formatVersion": 1, "sequence": 3, "runId": "r", "startedAt": "2026-11-21T06:00:00Z",
                 "finishedAt": "2026-11-21T06:00:01Z", "sourceTimeZone": "UTC",
                 "tables": [{"table": "currency", "windowLo": "2026-11-21T05:40:00.000",
                             "windowHi": "2026-11-21T06:00:00.000", "columns": ["currency_id"], "rows": 0,
                             "bytes": 0, "files": [], "recentVersions": [
                               {"id": 1, "lastUpdated": "2026-11-21T05:58:00.000"}]}]}
                """;

        TableExtract currency = ManifestJson.readIngestion("old", json.getBytes(StandardCharsets.UTF_8))
                .table("currency").orElseThrow();

        assertThat(currency.recentFrom()).isNull();
        assertThat(currency.recentVersions()).containsExactly(
                new RowVersion(1, LocalDateTime.of(2026, 11, 21, 5, 58)));
    }

    @Test
    void recentVersionsCannotBeVouchedForFromAfterTheWindowsBound() {
        LocalDateTime hi = LocalDateTime.of(2026, 1, 1, 0, 0);
        assertThatThrownBy(() -> new TableExtract("currency", null, hi, List.of("currency_id"), 0, 0, List.of(),
                List.of(), hi.plusNanos(1_000), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("currency");
    }

    @Test
    void aManifestWrittenBeforeRejectsExistedReadsWithNoRejects() {
        String json = "{\"formatVersion\":1,\"sequence\":1,\"runId\":\"r\",\"startedAt\":\"2026-11-21T06:00:00Z\","
                + "\"finishedAt\":\"2026-11-21T06:00:01Z\",\"sourceTimeZone\":\"UTC\",\"tables\":[{\"table\":\"currency\","
                + "\"windowLo\":null,\"windowHi\":\"2026-11-21T06:00:00.000\",\"columns\":[\"currency_id\"],\"rows\":0,"
                + "\"bytes\":0,\"files\":[],\"recentVersions\":[]}]}";

        IngestionManifest manifest = ManifestJson.readIngestion("old", json.getBytes(StandardCharsets.UTF_8));

        assertThat(manifest.tables().get(0).rejects()).isEmpty();
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
                List.of(new TableOutput("dim_date", 1, List.of(new DataFile("tables/dim_date/p", 1, 10, CRC)))),
                List.of(), Map.of(), null, 2);

        assertThat(ManifestJson.readProcessed("test", ManifestJson.write(manifest))).isEqualTo(manifest);
    }

    @Test
    void aProcessedManifestWrittenBeforeTheLakeFormatWasRecordedIsOfTheFirstFormat() {
        ProcessedManifest manifest = new ProcessedManifest(ProcessedManifest.FORMAT_VERSION, 3,
                BucketLayout.ingestionManifestKey(3), 1, Instant.parse("2026-11-21T06:00:00Z"), List.of(), List.of(),
                Map.of(), null, 2);
        String withoutLakeFormat = new String(ManifestJson.write(manifest), StandardCharsets.UTF_8)
                .replaceAll(",\\s*\"lakeFormat\"\\s*:\\s*2", "");
        assertThat(withoutLakeFormat).doesNotContain("lakeFormat");

        ProcessedManifest old = ManifestJson.readProcessed("old", withoutLakeFormat.getBytes(StandardCharsets.UTF_8));

        assertThat(old.lakeFormat()).isEqualTo(ProcessedManifest.FIRST_LAKE_FORMAT).isEqualTo(1);
        assertThat(old.tables()).isEqualTo(manifest.tables());
    }

    @Test
    void theExtractorsRejectsAndTheQuarantinedCountsReadBackAndAreOptional() {
        LocalDateTime hi = LocalDateTime.of(2026, 11, 21, 6, 0);
        TableExtract staff = new TableExtract("staff", null, hi, List.of("staff_id"), 0, 0, List.of(), List.of(), null,
                List.of(new RejectedValue(7, hi.minusMinutes(1), "last_name", "not valid UTF-8", "M\\xe9ndez")));
        IngestionManifest ingestion = new IngestionManifest(IngestionManifest.FORMAT_VERSION, 1, "run-1",
                Instant.EPOCH, Instant.EPOCH, "UTC", List.of(staff));
        ProcessedManifest processed = new ProcessedManifest(ProcessedManifest.FORMAT_VERSION, 1,
                BucketLayout.ingestionManifestKey(1), 2, Instant.EPOCH, List.of(), List.of(), Map.of("staff", 1L),
                null, 2);

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
        assertThatThrownBy(() -> new TableOutput("dim_date", 5, List.of(new DataFile("k", 4, 1, CRC))))
                .hasMessageContaining("dim_date");
    }
}
