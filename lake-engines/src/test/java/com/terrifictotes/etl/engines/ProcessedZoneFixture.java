package com.terrifictotes.etl.engines;

import com.terrifictotes.etl.catalogue.WarehouseTable;
import com.terrifictotes.etl.extractor.ExtractionService;
import com.terrifictotes.etl.extractor.ExtractionSettings;
import com.terrifictotes.etl.lake.AvroSchemas;
import com.terrifictotes.etl.lake.ParquetTableReader;
import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.manifest.DataFile;
import com.terrifictotes.etl.manifest.ManifestJson;
import com.terrifictotes.etl.manifest.ProcessedManifest;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import com.terrifictotes.etl.testbed.Database;
import com.terrifictotes.etl.testbed.DayOfChanges;
import com.terrifictotes.etl.testbed.TestBed;
import com.terrifictotes.etl.testbed.ToteSysGenerator;
import com.terrifictotes.etl.transformer.TransformerService;
import com.terrifictotes.etl.transformer.TransformerSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.apache.avro.generic.GenericRecord;

/**
 * A processed zone written by the pipeline itself: generated ToteSys data (SF1), extracted, a day of changes,
 * extracted again, and both batches transformed by the transformer service. Its objects are then downloaded under the
 * same keys into a local directory, {@code tables/<table>/batch=<12 digits>/part-<n>.parquet}, the layout the Glue
 * tables' partition projection reads.
 */
final class ProcessedZoneFixture {
    static final int BATCHES = 2;

    final TestBed bed = TestBed.shared();
    final WriteOnceBucket processed;
    final Path root;
    final List<ProcessedManifest> manifests = new ArrayList<>();

    private ProcessedZoneFixture(Path root) {
        this.root = root;
        Database toteSys = bed.createToteSysDatabase();
        ToteSysGenerator.seed(toteSys.dataSource(), 1, 20261205L);
        String ingestion = bed.createBucket("engines-ingestion");
        processed = new WriteOnceBucket(bed.s3(), bed.createBucket("engines-processed"));
        ExtractionService extractor = new ExtractionService(bed.s3(), toteSys.dataSource(),
                ExtractionSettings.forBucket(ingestion));
        extractor.run();
        DayOfChanges.apply(toteSys.dataSource(), 7L, LocalDateTime.now(ZoneOffset.UTC));
        extractor.run();
        new TransformerService(bed.s3(), TransformerSettings.forBuckets(ingestion, processed.name()))
                .transformPending(OptionalLong.empty());
        for (long batch = 1; batch <= BATCHES; batch++) {
            String key = BucketLayout.processedManifestKey(batch);
            manifests.add(ManifestJson.readProcessed(processed.uri(key), processed.readAllBytes(key)));
        }
        download();
    }

    static ProcessedZoneFixture create(Path root) {
        return new ProcessedZoneFixture(root);
    }

    /** Every data file of a table, over both batches, in batch order. */
    List<DataFile> files(WarehouseTable table) {
        List<DataFile> files = new ArrayList<>();
        manifests.forEach(m -> m.table(table.name()).ifPresent(output -> files.addAll(output.files())));
        return files;
    }

    long rows(WarehouseTable table, long batch) {
        return manifests.get((int) batch - 1).table(table.name()).map(t -> t.rows()).orElse(0L);
    }

    Path local(DataFile file) {
        return root.resolve(file.key());
    }

    /** The rows of a file as the pipeline's own reader decodes them (the catalogue's Java types). */
    List<GenericRecord> pipelineRows(WarehouseTable table, DataFile file) {
        List<GenericRecord> rows = new ArrayList<>();
        try (ParquetTableReader reader = ParquetTableReader.open(bed.s3(), processed, file.key(),
                AvroSchemas.of(table))) {
            for (GenericRecord row = reader.next(); row != null; row = reader.next()) {
                rows.add(row);
            }
        }
        return rows;
    }

    private void download() {
        try {
            for (String key : processed.listKeys(BucketLayout.TABLES_PREFIX)) {
                Path file = root.resolve(key);
                Files.createDirectories(file.getParent());
                Files.write(file, processed.readAllBytes(key));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
