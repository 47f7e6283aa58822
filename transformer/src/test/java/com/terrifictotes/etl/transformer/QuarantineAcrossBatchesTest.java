package com.terrifictotes.etl.transformer;

import static org.assertj.core.api.Assertions.assertThat;

import com.terrifictotes.etl.catalogue.ToteSysCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.lake.AvroSchemas;
import com.terrifictotes.etl.lake.ParquetSettings;
import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.manifest.IngestionManifest;
import com.terrifictotes.etl.manifest.ManifestJson;
import com.terrifictotes.etl.manifest.ProcessedManifest;
import com.terrifictotes.etl.manifest.RejectedValue;
import com.terrifictotes.etl.manifest.TableExtract;
import com.terrifictotes.etl.manifest.TableOutput;
import com.terrifictotes.etl.testbed.expected.WarehouseFromSource;
import com.terrifictotes.etl.testbed.servers.Database;
import com.terrifictotes.etl.testbed.servers.TestBed;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The quarantine over several batches: a fixed version supersedes the rejected one, a rejected version of a join
 * table leaves the state's earlier version in place, the extractor's rejects join the transformer's, and a state
 * written under warehouse schema version 1 is carried on.
 */
class QuarantineAcrossBatchesTest {
    private final TestBed bed = TestBed.shared();
    private final Database source = SmallToteSys.create(67L, 40);
    private final IngestionFixture extractor = new IngestionFixture(source.dataSource(), bed.s3(),
            bed.createBucket("across-ingestion"));
    private final ProcessedZone processed = new ProcessedZone(bed.s3(), bed.createBucket("across-processed"));

    @Test
    void aFixedVersionLoadsAndSupersedesTheRejectedOneWhichStaysOpenUntilThen() {
        int order = firstId("SELECT min(sales_order_id) FROM sales_order");
        update("UPDATE sales_order SET agreed_delivery_date = '2024-02-30' WHERE sales_order_id = ?", order);
        transform();
        update("UPDATE department SET location = 'Hull' WHERE department_id = (SELECT min(department_id)"
                + " FROM department)"); // a batch 2 that does not touch the order
        stamp("department", "department_id", firstId("SELECT min(department_id) FROM department"));
        transform();
        update("UPDATE sales_order SET agreed_delivery_date = '2024-02-28' WHERE sales_order_id = ?", order);
        LocalDateTime fixed = stamp("sales_order", "sales_order_id", order);

        transform();

        assertThat(processed.manifest(1).quarantined()).isEqualTo(Map.of("sales_order", 1L));
        assertThat(openRejections(1)).as("open after batch 1").isEqualTo(1);
        assertThat(openRejections(2)).as("still open after batch 2, which did not touch it").isEqualTo(1);
        assertThat(processed.manifest(3).quarantined()).isEmpty();
        assertThat(processed.rows(3, "etl_rejected_row")).singleElement().satisfies(row -> {
            assertThat(row.subList(0, 4)).containsExactly(1, "sales_order", Integer.toString(order),
                    "agreed_delivery_date");
            assertThat(row.subList(8, 10)).containsExactly(3, fixed);
        });
        assertThat(openRejections(3)).as("open after the fix").isZero();
        assertThat(processed.rows(3, "fact_sales_order")).extracting(r -> r.get(0)).containsExactly(order);
    }

    @Test
    void aRejectedVersionOfAJoinTableLeavesTheStatesEarlierVersionForTheRowsJoinedToIt() {
        int staff = firstId("SELECT min(staff_id) FROM staff");
        int department = firstId("SELECT department_id FROM staff WHERE staff_id = " + staff);
        String name = (String) WarehouseFromSource.query(source.dataSource(), "SELECT department_name FROM department"
                + " WHERE department_id = " + department).get(0).get(0);
        transform();
        update("ALTER TABLE department ALTER COLUMN department_name DROP NOT NULL");
        update("UPDATE department SET department_name = NULL WHERE department_id = ?", department);
        stamp("department", "department_id", department);
        transform();
        update("UPDATE staff SET first_name = 'Renamed' WHERE staff_id = ?", staff);
        stamp("staff", "staff_id", staff);

        transform();

        assertThat(processed.manifest(2).quarantined()).isEqualTo(Map.of("department", 1L));
        assertThat(processed.rows(2, "dim_staff")).as("no staff re-emitted for a rejected department").isEmpty();
        assertThat(processed.rows(3, "dim_staff")).singleElement().satisfies(row ->
                assertThat(row.subList(0, 4)).containsExactly(staff, "Renamed", row.get(2), name));
    }

    @Test
    void theExtractorsRejectsAreQuarantinedWithTheStageThatRejectedThem() {
        int staff = firstId("SELECT min(staff_id) FROM staff");
        transform();
        update("UPDATE staff SET email_address = 'new@terrifictotes.com' WHERE staff_id = ?", staff);
        LocalDateTime stamp = stamp("staff", "staff_id", staff);
        long batch = extractor.extract();
        withRejects(batch, "staff", new RejectedValue(staff + 1000, stamp, "last_name", "not valid UTF-8",
                "M\\xe9ndez"));

        service().transformPending(OptionalLong.empty());

        assertThat(processed.manifest(2).quarantined()).isEqualTo(Map.of("staff", 1L));
        assertThat(processed.rows(2, "etl_rejected_row")).singleElement().satisfies(row -> assertThat(row)
                .containsExactly(2, "staff", Integer.toString(staff + 1000), "last_name", stamp,
                        WarehouseCatalogue.STAGE_EXTRACT, "not valid UTF-8", "M\\xe9ndez", null, null));
        assertThat(openRejections(2)).isEqualTo(1);
    }

    @Test
    void aStateWrittenUnderSchemaVersion1IsReadAndWrittenAnewInTheCurrentForm() {
        transform();
        rewriteAsSchemaVersion1(1);
        int staff = firstId("SELECT min(staff_id) FROM staff");
        update("UPDATE staff SET first_name = 'Again' WHERE staff_id = ?", staff);
        stamp("staff", "staff_id", staff);

        transform();

        ProcessedManifest second = processed.manifest(2);
        assertThat(second.stateFiles()).extracting(TableOutput::table)
                .contains("department", "address", "staff", "counterparty");
        assertThat(second.stateFiles()).filteredOn(f -> !f.files().isEmpty()).allSatisfy(f ->
                assertThat(f.files()).allSatisfy(file -> assertThat(file.key()).contains("batch=000000000002")));
        assertThat(processed.rows(2, "dim_staff")).singleElement().satisfies(row ->
                assertThat(row.get(1)).isEqualTo("Again"));
    }

    /** Batch 1's processed manifest and state files as a version 1 transformer wrote them. */
    private void rewriteAsSchemaVersion1(long sequence) {
        ProcessedManifest manifest = processed.manifest(sequence);
        StagedObjects staged = new StagedObjects();
        var sinks = ParquetParts.factory(processed.bucket, ParquetSettings.DEFAULT, 1_000_000, staged);
        List<TableOutput> stateFiles = new ArrayList<>();
        for (TableOutput state : manifest.stateFiles()) {
            if (state.table().equals(OpenRejections.STATE_NAME)) {
                continue;
            }
            var table = ToteSysCatalogue.table(state.table());
            Snapshot snapshot = new Snapshot(table);
            SnapshotFiles.read(bed.s3(), processed.bucket, state, snapshot, manifest.schemaVersion());
            try (TableSink sink = sinks.open(table.name() + "-v1", AvroSchemas.of(table),
                    part -> "state-v1/" + table.name() + "/part-" + part + ".parquet")) {
                snapshot.rows().forEach(row -> sink.write(com.terrifictotes.etl.lake.TableRow.of(AvroSchemas.of(table),
                        row.values().toArray())));
                TableOutput written = sink.finish();
                stateFiles.add(new TableOutput(table.name(), written.rows(), written.files()));
            }
        }
        staged.publishAll();
        List<TableOutput> tables = manifest.tables().stream()
                .filter(t -> !t.table().equals(WarehouseCatalogue.ETL_REJECTED_ROW.name())).toList();
        ProcessedManifest v1 = new ProcessedManifest(ProcessedManifest.FORMAT_VERSION, sequence,
                manifest.sourceManifestKey(), 1, manifest.createdAt(), tables, stateFiles, Map.of(), null, null);
        String key = BucketLayout.processedManifestKey(sequence);
        bed.s3().putObject(b -> b.bucket(processed.bucket.name()).key(key),
                RequestBody.fromBytes(ManifestJson.write(v1)));
    }

    private void withRejects(long batch, String table, RejectedValue reject) {
        String key = BucketLayout.ingestionManifestKey(batch);
        IngestionManifest manifest = ManifestJson.readIngestion(key, extractor.bucket().readAllBytes(key));
        List<TableExtract> tables = manifest.tables().stream().map(t -> !t.table().equals(table) ? t
                : new TableExtract(t.table(), t.windowLo(), t.windowHi(), t.columns(), t.rows(), t.bytes(),
                        t.files(), t.recentVersions(), t.recentFrom(), List.of(reject))).toList();
        IngestionManifest withRejects = new IngestionManifest(manifest.formatVersion(), manifest.sequence(),
                manifest.runId(), manifest.startedAt(), manifest.finishedAt(), manifest.sourceTimeZone(), tables);
        bed.s3().putObject(b -> b.bucket(extractor.bucket().name()).key(key),
                RequestBody.fromBytes(ManifestJson.write(withRejects)));
    }

    private long openRejections(long sequence) {
        return processed.manifest(sequence).stateFiles().stream()
                .filter(f -> f.table().equals(OpenRejections.STATE_NAME))
                .mapToLong(TableOutput::rows).sum();
    }

    private void transform() {
        extractor.extract();
        service().transformPending(OptionalLong.empty());
    }

    private TransformerService service() {
        return new TransformerService(bed.s3(), TransformerSettings.forBuckets(extractor.bucket().name(),
                processed.bucket.name()));
    }

    private int firstId(String sql) {
        return (Integer) WarehouseFromSource.query(source.dataSource(), sql).get(0).get(0);
    }

    private void update(String sql, Object... parameters) {
        SmallToteSys.update(source.dataSource(), sql, parameters);
    }

    /** Stamps one row with a time later than anything in the database; returns the stamp. */
    private LocalDateTime stamp(String table, String key, int id) {
        LocalDateTime now = SmallToteSys.nextStamp(source.dataSource());
        SmallToteSys.update(source.dataSource(), "UPDATE " + table + " SET last_updated = ? WHERE " + key + " = ?",
                now, id);
        return now;
    }
}
