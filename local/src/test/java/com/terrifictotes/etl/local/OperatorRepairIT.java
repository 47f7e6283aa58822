package com.terrifictotes.etl.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.manifest.DataFile;
import com.terrifictotes.etl.manifest.IngestionManifest;
import com.terrifictotes.etl.manifest.ManifestJson;
import com.terrifictotes.etl.manifest.ProcessedManifest;
import com.terrifictotes.etl.testbed.expected.WarehouseContents;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * {@code verify}, {@code replay}, {@code reprocess} and {@code quarantine-batch} as an operator runs them (a JVM of
 * their own, the environment variables of {@code run}), over histories made by the real handlers.
 */
class OperatorRepairIT {
    @TempDir
    Path home;

    @Test
    void verifyPassesThenNamesARowDeletedARowChangedAndARowAddedByHand() throws Exception {
        Lineage lineage = twoCycles();
        CliProcess.Result clean = lineage.run("verify");
        assertThat(clean.exitCode()).as(clean.toString()).isZero();
        assertThat(clean.stdout()).contains("verified 2 ledger batch(es)").contains("2 batch(es) replayed")
                .contains("consistent");

        String deleted = one(lineage, "SELECT sales_order_id || '|' || last_updated_date || '|' || last_updated_time"
                + " FROM fact_sales_order ORDER BY sales_order_id LIMIT 1");
        String[] key = deleted.split("\\|");
        update(lineage, "DELETE FROM fact_sales_order WHERE sales_order_id = " + key[0] + " AND last_updated_date = '"
                + key[1] + "' AND last_updated_time = '" + key[2] + "'");
        String changed = one(lineage, "SELECT min(currency_id) FROM dim_currency");
        update(lineage, "UPDATE dim_currency SET currency_name = 'Changed by hand' WHERE currency_id = " + changed);
        update(lineage, "INSERT INTO dim_date VALUES ('1999-01-01', 1999, 1, 1, 5, 'Friday', 'January', 1)");

        CliProcess.Result tampered = lineage.run("verify");

        assertThat(tampered.exitCode()).as(tampered.toString()).isEqualTo(4);
        assertThat(tampered.stdout()).contains("0 batch(es) replayed")
                .contains("DIFFERENCE fact_sales_order sales_order_id|last_updated_date|last_updated_time=" + deleted
                        + ": missing (the applied batches imply it; the warehouse lacks it)")
                .contains("DIFFERENCE dim_currency currency_id=" + changed + ": changed (content differs)")
                .contains("DIFFERENCE dim_date date_id=1999-01-01: extra (a row no applied batch implies)")
                .contains("3 difference(s)");
    }

    @Test
    void replayBuildsAWarehouseEqualToTheOriginalAndReprocessThenReplayBuildsAnotherOne() throws Exception {
        Lineage lineage = twoCycles();
        WarehouseContents original = WarehouseContents.of(lineage.warehouse.dataSource());

        Lineage replayed = lineage.withWarehouse(Lineage.BED.createEmptyDatabase(), home);
        CliProcess.Result replay = replayed.run("replay");
        assertThat(replay.exitCode()).as(replay.toString()).isZero();
        assertThat(replay.stdout()).contains("batch 1 applied").contains("batch 2 applied")
                .contains("warehouse up to date at sequence 2");
        WarehouseContents copy = WarehouseContents.of(replayed.warehouse.dataSource());
        assertThat(copy.tablesSha256()).isEqualTo(original.tablesSha256());
        assertThat(copy.ledger()).isEqualTo(original.ledger());

        Lineage green = lineage.withBuckets(lineage.ingestion, Lineage.BED.createBucket("processed-green"), home)
                .withWarehouse(Lineage.BED.createEmptyDatabase(), home);
        CliProcess.Result reprocess = green.run("reprocess");
        assertThat(reprocess.exitCode()).as(reprocess.toString()).isZero();
        assertThat(reprocess.stdout()).contains("batch 1 transformed").contains("batch 2 transformed");
        CliProcess.Result again = green.run("reprocess");
        assertThat(again.stdout()).contains("nothing pending");
        CliProcess.Result greenReplay = green.run("replay");
        assertThat(greenReplay.exitCode()).as(greenReplay.toString()).isZero();
        assertThat(WarehouseContents.of(green.warehouse.dataSource()).tablesSha256())
                .isEqualTo(original.tablesSha256());
    }

    @Test
    void aBatchOfAnOlderFormatAndCatalogueIsReprocessedAndReplayed() throws Exception {
        Lineage lineage = Lineage.fresh(home);
        lineage.cycle();
        String old = Lineage.BED.createBucket("ingestion-old");
        OlderFormats.copyWithOlderAddressColumns(lineage.ingestion, old, 1);
        Lineage rebuilt = lineage.withBuckets(old, Lineage.BED.createBucket("processed-rebuilt"), home)
                .withWarehouse(Lineage.BED.createEmptyDatabase(), home);

        CliProcess.Result reprocess = rebuilt.run("reprocess");
        assertThat(reprocess.exitCode()).as(reprocess.toString()).isZero();
        OlderFormats.rewriteAsFormatOne(rebuilt.processed, 1);
        CliProcess.Result replay = rebuilt.run("replay");
        assertThat(replay.exitCode()).as(replay.toString()).isZero();

        WarehouseContents original = WarehouseContents.of(lineage.warehouse.dataSource());
        WarehouseContents fromOld = WarehouseContents.of(rebuilt.warehouse.dataSource());
        // address_line_2 was not extracted then: dim_location and dim_counterparty (which joins address) lack it
        for (var table : WarehouseCatalogue.TABLES) {
            if (!List.of("dim_location", "dim_counterparty").contains(table.name())) {
                assertThat(fromOld.tables().get(table.name())).as(table.name())
                        .isEqualTo(original.tables().get(table.name()));
            }
        }
        assertThat(WarehouseContents.query(rebuilt.warehouse.dataSource(),
                "SELECT count(*) FROM dim_location WHERE address_line_2 IS NOT NULL")).containsExactly("0");
        assertThat(WarehouseContents.query(rebuilt.warehouse.dataSource(), "SELECT count(*) FROM dim_counterparty"
                + " WHERE counterparty_legal_address_line_2 IS NOT NULL")).containsExactly("0");
        assertThat(WarehouseContents.query(lineage.warehouse.dataSource(), "SELECT count(*) > 0 FROM dim_location"
                + " WHERE address_line_2 IS NOT NULL")).as("the original had them").containsExactly("t");
        assertThat(fromOld.rows(WarehouseCatalogue.DIM_LOCATION)).isEqualTo(original.rows(WarehouseCatalogue.DIM_LOCATION));
        assertThat(fromOld.rows(WarehouseCatalogue.DIM_COUNTERPARTY))
                .isEqualTo(original.rows(WarehouseCatalogue.DIM_COUNTERPARTY));
    }

    @Test
    void aBatchTheLoaderCannotReadIsQuarantinedByOneCommandAndTheChainGoesOnWithNothingDeleted() throws Exception {
        Lineage lineage = Lineage.fresh(home);
        lineage.cycle();
        for (int batch = 2; batch <= 3; batch++) {
            lineage.changes();
            lineage.extract();
            lineage.transform();
        }
        ProcessedManifest second = ManifestJson.readProcessed("2", Lineage.BED.s3().getObjectAsBytes(b -> b
                .bucket(lineage.processed).key(BucketLayout.processedManifestKey(2))).asByteArray());
        String corrupt = second.tables().stream().filter(t -> t.rows() > 0).findFirst().orElseThrow().files().get(0)
                .key();
        Lineage.BED.s3().putObject(b -> b.bucket(lineage.processed).key(corrupt), RequestBody.fromString("garbage"));
        try {
            lineage.load();
        } catch (RuntimeException expected) {
            assertThat(expected).hasMessageContaining(corrupt);
        }
        JsonNode stuck = lineage.status();
        assertThat(stuck.get("healthy").asBoolean()).isFalse();
        assertThat(stuck.get("stuck").get(0).get("stage").asText()).isEqualTo("load");
        assertThat(stuck.get("stuck").get(0).get("batch").asLong()).isEqualTo(2);
        assertThat(stuck.get("stuck").get(0).get("reason").asText()).contains(corrupt).contains("truncated or replaced");

        CliProcess.Result quarantine = lineage.run("quarantine-batch", "2", "--reason", "part corrupted in S3");
        assertThat(quarantine.exitCode()).as(quarantine.toString()).isZero();
        assertThat(quarantine.stdout()).contains("recorded: batch 2 quarantined at the load stage by ops-test")
                .contains("./pipeline reconcile");
        lineage.load();

        JsonNode after = lineage.status();
        assertThat(after.get("warehouse_sequence").asLong()).isEqualTo(3);
        assertThat(after.get("healthy").asBoolean()).isTrue();
        assertThat(after.get("caught_up").asBoolean()).isTrue();
        assertThat(after.get("operator_decisions").asLong()).isEqualTo(1);
        assertThat(after.get("quarantined_rows").asLong()).isPositive();
        assertThat(WarehouseContents.query(lineage.warehouse.dataSource(), "SELECT decided_by, stage, sequence,"
                + " reason FROM etl_operator_decision")).containsExactly(
                row("ops-test", "load", "2", "part corrupted in S3"));
        assertThat(WarehouseContents.query(lineage.warehouse.dataSource(), "SELECT DISTINCT stage FROM"
                + " etl_rejected_row WHERE rejected_in_batch = 2")).containsExactly("load");
        assertThat(Lineage.BED.s3().getObjectAsBytes(b -> b.bucket(lineage.processed).key(corrupt)).asUtf8String())
                .as("nothing deleted").isEqualTo("garbage");
        CliProcess.Result twice = lineage.run("quarantine-batch", "2", "--reason", "again");
        assertThat(twice.exitCode()).isEqualTo(1);
        assertThat(twice.stderr()).contains("batch 2 is already in the warehouse");
    }

    @Test
    void aBatchTheTransformerCannotReadIsQuarantinedAndLaterBatchesAreTransformedAndLoaded() throws Exception {
        Lineage lineage = Lineage.fresh(home);
        lineage.cycle();
        lineage.changes();
        lineage.extract();
        IngestionManifest second = ManifestJson.readIngestion("2", Lineage.BED.s3().getObjectAsBytes(b -> b
                .bucket(lineage.ingestion).key(BucketLayout.ingestionManifestKey(2))).asByteArray());
        var lostTable = second.tables().stream().filter(t -> t.rows() > 0).findFirst().orElseThrow();
        String lost = lostTable.files().get(0).key();
        Lineage.BED.s3().deleteObject(b -> b.bucket(lineage.ingestion).key(lost));
        try {
            lineage.transform();
        } catch (RuntimeException expected) {
            assertThat(expected).hasMessageContaining(lost);
        }
        JsonNode stuck = lineage.status();
        assertThat(stuck.get("stuck").get(0).get("stage").asText()).isEqualTo("transform");
        assertThat(stuck.get("stuck").get(0).get("reason").asText()).contains(lost + " does not exist");

        CliProcess.Result quarantine = lineage.run("quarantine-batch", "2", "--reason", "CSV part lost");
        assertThat(quarantine.exitCode()).as(quarantine.toString()).isZero();
        assertThat(quarantine.stdout()).contains("quarantined at the transform stage");
        lineage.changes();
        lineage.extract();
        lineage.transform();
        lineage.load();

        JsonNode after = lineage.status();
        assertThat(after.get("warehouse_sequence").asLong()).isEqualTo(3);
        assertThat(after.get("healthy").asBoolean()).isTrue();
        ProcessedManifest skipped = ManifestJson.readProcessed("2", Lineage.BED.s3().getObjectAsBytes(b -> b
                .bucket(lineage.processed).key(BucketLayout.processedManifestKey(2))).asByteArray());
        assertThat(skipped.quarantinedBy()).isEqualTo(BucketLayout.decisionKey("transform", 2));
        assertThat(WarehouseContents.query(lineage.warehouse.dataSource(), "SELECT source_table, stage FROM"
                + " etl_rejected_row WHERE rejected_in_batch = 2 AND source_table = '" + lostTable.table() + "'"))
                .containsExactly(row(lostTable.table(), "transform"));
        for (DataFile kept : second.tables().stream().flatMap(t -> t.files().stream()).toList()) {
            if (!kept.key().equals(lost)) {
                assertThat(Lineage.BED.s3().headObject(b -> b.bucket(lineage.ingestion).key(kept.key()))
                        .contentLength()).as("nothing deleted").isEqualTo(kept.bytes());
            }
        }
    }

    private Lineage twoCycles() {
        Lineage lineage = Lineage.fresh(home);
        lineage.cycle();
        lineage.changes();
        lineage.cycle();
        return lineage;
    }

    private static String one(Lineage lineage, String sql) {
        List<String> rows = WarehouseContents.query(lineage.warehouse.dataSource(), sql);
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    private static void update(Lineage lineage, String sql) throws Exception {
        try (var connection = lineage.warehouse.dataSource().getConnection();
             var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String row(String... cells) {
        return com.terrifictotes.etl.testbed.expected.WarehouseFromSource.TableRows.textRow(cells);
    }
}
