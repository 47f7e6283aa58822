package com.terrifictotes.etl.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A cut extract (issue #19): its position, its JSON, and manifests of the formats before it. */
class ContinueAfterTest {
    private static final LocalDateTime T = LocalDateTime.of(2024, 9, 12, 18, 30, 9, 507_000_000);
    private static final LocalDateTime HI = LocalDateTime.of(2026, 12, 6, 11, 0, 0, 123_456_000);

    @Test
    void aVersionIsAfterACutIfItsStampIsLaterOrItsKeyIsGreaterAtTheSameStamp() {
        ContinueAfter cut = new ContinueAfter(T, 439);

        assertThat(cut.precedes(new RowVersion(440, T))).isTrue();
        assertThat(cut.precedes(new RowVersion(1, T.plusNanos(1_000)))).isTrue();
        assertThat(cut.precedes(new RowVersion(439, T))).isFalse();
        assertThat(cut.precedes(new RowVersion(438, T))).isFalse();
        assertThat(cut.precedes(new RowVersion(9_999, T.minusNanos(1_000)))).isFalse();
        assertThat(cut.wholeStampsFrom()).isEqualTo(T.plusNanos(1_000));
    }

    @Test
    void aCutWithoutAKeyComesBeforeEveryRowOfItsStampAndOneWithoutAStampBeforeEveryRow() {
        assertThat(ContinueAfter.from(T).precedes(new RowVersion(1, T))).isTrue();
        assertThat(ContinueAfter.from(T).precedes(new RowVersion(1, T.minusNanos(1_000)))).isFalse();
        assertThat(ContinueAfter.from(T).wholeStampsFrom()).isEqualTo(T);
        assertThat(ContinueAfter.from(null).precedes(new RowVersion(1, LocalDateTime.MIN))).isTrue();
        assertThat(ContinueAfter.from(null).wholeStampsFrom()).isNull();
        assertThatThrownBy(() -> new ContinueAfter(null, 5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("key 5");
    }

    @Test
    void aCutExtractReadsBackEqualAndAnExtractReadToItsEndHasNoContinueAfterField() {
        TableExtract cut = extract("design", new ContinueAfter(T, 439));
        TableExtract unread = extract("staff", ContinueAfter.from(null));
        TableExtract whole = extract("currency", null);
        IngestionManifest manifest = manifest(IngestionManifest.FORMAT_VERSION, List.of(cut, unread, whole));

        byte[] json = ManifestJson.write(manifest);

        assertThat(ManifestJson.readIngestion("test", json)).isEqualTo(manifest);
        String text = new String(json, StandardCharsets.UTF_8);
        assertThat(text).contains("\"formatVersion\" : 4").contains("\"continueAfter\" : {\n"
                + "      \"lastUpdated\" : \"2024-09-12T18:30:09.507\",\n      \"id\" : 439\n    }")
                .contains("\"continueAfter\" : { }");
        assertThat(text.split("continueAfter", -1)).as("two cut extracts, one read to its end").hasSize(3);
        assertThat(cut.isCut()).isTrue();
        assertThat(whole.isCut()).isFalse();
    }

    @Test
    void aFormatTwoManifestReadsAsEveryWindowReadToItsEnd() {
        String json = """
                {"formatVersion": 2, "sequence": 3, "runId": "r", "startedAt": "2026-11-21T06:00:00Z",
                 "finishedAt": "2026-11-21T06:00:01Z", "sourceTimeZone": "UTC",
                 "tables": [{"table": "currency", "windowLo": "2026-11-21T05:40:00.000",
                             "windowHi": "2026-11-21T06:00:00.000", "columns": ["currency_id"], "rows": 0,
                             "bytes": 0, "files": [], "recentVersions": [],
                             "recentFrom": "2026-11-21T05:55:00.000"}]}
                """;

        IngestionManifest read = ManifestJson.readIngestion("old", json.getBytes(StandardCharsets.UTF_8));

        assertThat(read.formatVersion()).isEqualTo(2);
        assertThat(read.tables()).singleElement().satisfies(t -> assertThat(t.continueAfter()).isNull());
    }

    @Test
    void aManifestOfAnEarlierFormatCannotHoldACut() {
        assertThatThrownBy(() -> manifest(2, List.of(extract("design", new ContinueAfter(T, 1)))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs format 3");
    }

    @Test
    void aCutCannotLieAtOrAfterTheWindowsBound() {
        assertThatThrownBy(() -> new TableExtract("design", null, HI, List.of("design_id"), 0, 0, List.of(),
                List.of(), null, List.of(), new ContinueAfter(HI, 1), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("design: a cut at");
    }

    private static TableExtract extract(String table, ContinueAfter cut) {
        return new TableExtract(table, null, HI, List.of(table + "_id"), 0, 0, List.of(),
                List.of(new RowVersion(440, T)), HI.minusMinutes(5), List.of(), cut, null);
    }

    private static IngestionManifest manifest(int format, List<TableExtract> tables) {
        return new IngestionManifest(format, 9, "run-9", Instant.parse("2026-12-06T11:00:00Z"),
                Instant.parse("2026-12-06T11:00:02Z"), "UTC", tables);
    }
}
