package com.terrifictotes.etl.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A backfill range (issue #19, format 4): what it holds, its JSON, and manifests of the formats before it. */
class BackfillTest {
    private static final LocalDateTime T = LocalDateTime.of(2024, 9, 12, 18, 30, 9, 507_000_000);
    private static final LocalDateTime LO = LocalDateTime.of(2026, 12, 6, 10, 55, 0, 123_456_000);
    private static final LocalDateTime HI = LocalDateTime.of(2026, 12, 6, 11, 0, 0, 123_456_000);

    @Test
    void aRangeHoldsTheVersionsAfterItsPositionAndBelowItsBound() {
        Backfill range = new Backfill(new ContinueAfter(T, 439), LO);

        assertThat(range.holds(new RowVersion(440, T))).isTrue();
        assertThat(range.holds(new RowVersion(1, LO.minusNanos(1_000)))).isTrue();
        assertThat(range.holds(new RowVersion(439, T))).as("read already").isFalse();
        assertThat(range.holds(new RowVersion(1, LO))).as("the fresh window's").isFalse();
        assertThat(new Backfill(ContinueAfter.from(null), LO).holds(new RowVersion(1, LocalDateTime.MIN))).isTrue();
        assertThat(range.from()).isEqualTo(T);
    }

    @Test
    void aRangeLoweredBelowItsPositionIsGoneAndAnEmptyRangeCannotBeMade() {
        Backfill range = new Backfill(new ContinueAfter(T, 439), LO);

        assertThat(range.below(HI)).as("a higher bound changes nothing").isEqualTo(range);
        assertThat(range.below(T.plusDays(1))).isEqualTo(new Backfill(new ContinueAfter(T, 439), T.plusDays(1)));
        assertThat(range.below(T)).isNull();
        assertThat(Backfill.ofRange(ContinueAfter.from(LO), LO)).isNull();
        assertThatThrownBy(() -> new Backfill(ContinueAfter.from(LO), LO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is empty");
    }

    @Test
    void anExtractWithARangeReadsBackEqualInFormatFourAndOneWithoutHasNoBackfillField() {
        TableExtract ranged = extract("payment", new Backfill(new ContinueAfter(T, 439), LO));
        TableExtract fromTheBeginning = extract("staff", new Backfill(ContinueAfter.from(null), LO));
        TableExtract without = extract("currency", null);
        IngestionManifest manifest = manifest(IngestionManifest.FORMAT_VERSION,
                List.of(ranged, fromTheBeginning, without));

        byte[] json = ManifestJson.write(manifest);

        assertThat(ManifestJson.readIngestion("test", json)).isEqualTo(manifest);
        String text = new String(json, StandardCharsets.UTF_8);
        assertThat(text).contains("\"formatVersion\" : 4").contains("\"backfill\" : {\n"
                + "      \"continueAfter\" : {\n        \"lastUpdated\" : \"2024-09-12T18:30:09.507\",\n"
                + "        \"id\" : 439\n      },\n      \"below\" : \"2026-12-06T10:55:00.123456\"\n    }");
        assertThat(text.split("\"backfill\"", -1)).as("two extracts with a range").hasSize(3);
        assertThat(ranged.isUnfinished()).isTrue();
        assertThat(ranged.isCut()).isFalse();
        assertThat(without.isUnfinished()).isFalse();
    }

    @Test
    void aFormatThreeManifestStillReadsWithItsCutAndNoRange() {
        String json = """
                {"formatVersion": 3, "sequence": 3, "runId": "r", "startedAt": "2026-11-21T06:00:00Z",
                 "finishedAt": "2026-11-21T06:00:01Z", "sourceTimeZone": "UTC",
                 "tables": [{"table": "payment", "windowLo": null, "windowHi": "2026-11-21T06:00:00.000",
                             "columns": ["payment_id"], "rows": 0, "bytes": 0, "files": [],
                             "recentVersions": [], "recentFrom": "2026-11-21T05:55:00.000",
                             "continueAfter": {"lastUpdated": "2024-09-12T18:30:09.507", "id": 439}}]}
                """;

        IngestionManifest read = ManifestJson.readIngestion("old", json.getBytes(StandardCharsets.UTF_8));

        assertThat(read.formatVersion()).isEqualTo(3);
        assertThat(read.tables()).singleElement().satisfies(t -> {
            assertThat(t.continueAfter()).isEqualTo(new ContinueAfter(T, 439));
            assertThat(t.backfill()).isNull();
        });
    }

    @Test
    void aManifestOfAnEarlierFormatCannotHoldARangeNorAnExtractARangeReachingIntoItsWindow() {
        assertThatThrownBy(() -> manifest(3, List.of(extract("payment", new Backfill(ContinueAfter.from(T), LO)))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs format 4");
        assertThatThrownBy(() -> new TableExtract("payment", LO, HI, List.of("payment_id"), 0, 0, List.of(),
                List.of(), null, List.of(), null, new Backfill(ContinueAfter.from(T), LO.plusNanos(1_000))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reaches into the window");
    }

    private static TableExtract extract(String table, Backfill range) {
        return new TableExtract(table, LO, HI, List.of(table + "_id"), 0, 0, List.of(),
                List.of(new RowVersion(440, T)), HI.minusMinutes(5), List.of(), null, range);
    }

    private static IngestionManifest manifest(int format, List<TableExtract> tables) {
        return new IngestionManifest(format, 9, "run-9", Instant.parse("2026-12-06T11:00:00Z"),
                Instant.parse("2026-12-06T11:00:02Z"), "UTC", tables);
    }
}
