package com.terrifictotes.etl.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class SkippedBatchRowsTest {
    private static final Instant DECIDED = Instant.parse("2026-12-06T06:00:00Z");
    private static final OperatorDecision AT_TRANSFORM = OperatorDecision.quarantine(OperatorDecision.STAGE_TRANSFORM,
            7, "part lost", "ana", DECIDED);
    private static final OperatorDecision AT_LOAD = OperatorDecision.quarantine(OperatorDecision.STAGE_LOAD, 7,
            "part corrupted", "ana", DECIDED);

    @Test
    void eachTableWithRowsIsOneRowNamingTheDecisionTheCountAndTheObjects() {
        SkippedBatchRows rows = new SkippedBatchRows(AT_TRANSFORM, "ingestion_manifest", "s3://in/m7.json");
        rows.table("staff", 3, List.of("s3://in/a.csv", "s3://in/b.csv"));
        rows.table("design", 0, List.of());

        assertThat(rows.rows()).containsExactly(new SkippedBatchRows.Row("staff", AT_TRANSFORM.describe()
                + "; 3 rows of this table not transformed", "s3://in/a.csv s3://in/b.csv", 3));
    }

    @Test
    void theLoadStageSaysNotLoadedAndABatchWithoutRowsIsOneRowNamingTheManifest() {
        SkippedBatchRows loaded = new SkippedBatchRows(AT_LOAD, "processed_manifest", "s3://out/m7.json");
        loaded.table("dim_staff", 2, List.of("s3://out/p.parquet"));
        SkippedBatchRows empty = new SkippedBatchRows(AT_LOAD, "processed_manifest", "s3://out/m7.json");
        SkippedBatchRows emptyIngestion = new SkippedBatchRows(AT_TRANSFORM, "ingestion_manifest", "s3://in/m7.json");

        assertThat(loaded.rows()).singleElement().extracting(SkippedBatchRows.Row::reason).asString()
                .endsWith("; 2 rows of this table not loaded");
        assertThat(empty.rows()).containsExactly(new SkippedBatchRows.Row("processed_manifest",
                AT_LOAD.describe() + "; the batch held no rows", "s3://out/m7.json", 0));
        assertThat(emptyIngestion.rows()).singleElement().extracting(SkippedBatchRows.Row::reason).asString()
                .endsWith("; the batch delivered no rows");
    }

    @Test
    void anUnreadableManifestIsOneRowSayingWhyAndALongValueIsCut() {
        SkippedBatchRows rows = new SkippedBatchRows(AT_TRANSFORM, "ingestion_manifest", "s3://in/m7.json");
        rows.unreadable("NoSuchKey");
        SkippedBatchRows many = new SkippedBatchRows(AT_TRANSFORM, "ingestion_manifest", "s3://in/m7.json");
        many.table("sales_order", 9, Collections.nCopies(30, "s3://in/part.csv"));

        assertThat(rows.rows()).containsExactly(new SkippedBatchRows.Row("ingestion_manifest",
                AT_TRANSFORM.describe() + "; the manifest cannot be read: NoSuchKey", "s3://in/m7.json", 0));
        assertThat(many.rows().get(0).value()).hasSize(SkippedBatchRows.VALUE_LENGTH).endsWith("...");
    }
}
