package com.terrifictotes.etl.loader;

import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import com.terrifictotes.etl.error.StorageException;
import com.terrifictotes.etl.lake.AvroSchemas;
import com.terrifictotes.etl.lake.LakeFormat;
import com.terrifictotes.etl.lake.ParquetSettings;
import com.terrifictotes.etl.lake.ParquetTableWriter;
import com.terrifictotes.etl.lake.Records;
import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.manifest.Checksum;
import com.terrifictotes.etl.manifest.DataFile;
import com.terrifictotes.etl.manifest.ManifestJson;
import com.terrifictotes.etl.manifest.ProcessedManifest;
import com.terrifictotes.etl.manifest.TableOutput;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import com.terrifictotes.etl.testbed.expected.WarehouseFromSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.avro.Schema;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;

/**
 * Writes a processed batch exactly as the format says: per warehouse table, Parquet files of
 * {@code AvroSchemas.of(table)} under {@link BucketLayout#parquetPartKey}, then the manifest at
 * {@link BucketLayout#processedManifestKey}. Facts with more than one row are split over two files, so the loader
 * is always exercised with several files per table. Output is deterministic (the manifest's time derives from the
 * sequence), so the same batch written to two buckets has the same manifest checksum.
 */
final class ProcessedBatchWriter {
    private final S3Client s3;
    private final WriteOnceBucket bucket;
    private final Function<WarehouseTable, ParquetSettings> settings;

    ProcessedBatchWriter(S3Client s3, String bucket) {
        this(s3, bucket, table -> ParquetSettings.DEFAULT);
    }

    /** Writes each table's files with the settings given for it, e.g. a different codec per table. */
    ProcessedBatchWriter(S3Client s3, String bucket, Function<WarehouseTable, ParquetSettings> settings) {
        this.s3 = s3;
        this.bucket = new WriteOnceBucket(s3, bucket);
        this.settings = settings;
    }

    String bucketName() {
        return bucket.name();
    }

    /** Files and manifest: the whole batch. */
    String write(long sequence, WarehouseFromSource.SourceSnapshot snapshot) {
        return writeManifest(sequence, writeFiles(sequence, snapshot));
    }

    List<TableOutput> writeFiles(long sequence, WarehouseFromSource.SourceSnapshot snapshot) {
        List<TableOutput> outputs = new ArrayList<>();
        for (WarehouseTable table : WarehouseCatalogue.TABLES) {
            List<Object[]> rows = snapshot.rows(table).values();
            if (rows.isEmpty()) {
                continue;
            }
            int parts = table.isFact() && rows.size() > 1 ? 2 : 1;
            List<DataFile> files = new ArrayList<>();
            for (int part = 0; part < parts; part++) {
                List<Object[]> slice = rows.subList(part * rows.size() / parts, (part + 1) * rows.size() / parts);
                files.add(writeParquet(BucketLayout.parquetPartKey(table.name(), sequence, part),
                        AvroSchemas.of(table), slice, settings.apply(table)));
            }
            outputs.add(new TableOutput(table.name(), rows.size(), files));
        }
        return outputs;
    }

    DataFile writeParquet(String key, Schema schema, List<Object[]> rows) {
        return writeParquet(key, schema, rows, ParquetSettings.DEFAULT);
    }

    /**
     * Seen sporadically against the in-process S3 server on a loaded machine: a PUT fails on every SDK attempt with
     * "Error writing request body to server". The bytes are deterministic, so the write is retried, and an object
     * already there with exactly these bytes counts as written.
     */
    private DataFile writeParquet(String key, Schema schema, List<Object[]> rows, ParquetSettings settings) {
        for (int attempt = 1; ; attempt++) {
            try {
                return writeParquetOnce(key, schema, rows, settings);
            } catch (StorageException e) {
                DataFile expected = writeParquetOnce(key + ".expected", schema, rows, settings);
                s3.deleteObject(b -> b.bucket(bucket.name()).key(expected.key()));
                if (bucket.exists(key) && crc32c(bucket.readAllBytes(key)).equals(expected.checksum())) {
                    return new DataFile(key, expected.rows(), expected.bytes(), expected.checksum());
                }
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    private DataFile writeParquetOnce(String key, Schema schema, List<Object[]> rows, ParquetSettings settings) {
        try (ParquetTableWriter writer = ParquetTableWriter.open(bucket, key, schema, settings)) {
            for (Object[] row : rows) {
                writer.write(Records.of(schema, row));
            }
            return writer.finish();
        }
    }

    String writeManifest(long sequence, List<TableOutput> outputs) {
        return writeManifest(sequence, WarehouseCatalogue.SCHEMA_VERSION, outputs);
    }

    String writeManifest(long sequence, int schemaVersion, List<TableOutput> outputs) {
        ProcessedManifest manifest = new ProcessedManifest(ProcessedManifest.FORMAT_VERSION, sequence,
                BucketLayout.ingestionManifestKey(sequence), schemaVersion, Instant.EPOCH.plusSeconds(sequence),
                outputs, List.of(), Map.of(), null, LakeFormat.CURRENT.number());
        String key = BucketLayout.processedManifestKey(sequence);
        bucket.putIfAbsent(key, ManifestJson.write(manifest), "application/json");
        return key;
    }

    byte[] read(String key) {
        return bucket.readAllBytes(key);
    }

    /** Replaces an object outright, as an operator repairing (or a fault damaging) the bucket would. */
    void replace(String key, byte[] content) {
        s3.deleteObject(b -> b.bucket(bucket.name()).key(key));
        s3.putObject(b -> b.bucket(bucket.name()).key(key).checksumAlgorithm(ChecksumAlgorithm.CRC32_C),
                RequestBody.fromBytes(content));
    }

    void delete(String key) {
        s3.deleteObject(b -> b.bucket(bucket.name()).key(key));
    }

    private static Checksum crc32c(byte[] content) {
        return Checksum.of(Checksum.Algorithm.CRC32C, content);
    }
}
