package com.terrifictotes.etl.transformer;

import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import com.terrifictotes.etl.lake.AvroSchemas;
import com.terrifictotes.etl.lake.ParquetTableReader;
import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.manifest.DataFile;
import com.terrifictotes.etl.manifest.ManifestJson;
import com.terrifictotes.etl.manifest.ProcessedManifest;
import com.terrifictotes.etl.manifest.TableOutput;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;
import software.amazon.awssdk.services.s3.S3Client;

/** Test view of the processed bucket: manifests, and the rows of each table as the loader would see them. */
final class ProcessedZone {
    private final S3Client s3;
    final WriteOnceBucket bucket;

    ProcessedZone(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = new WriteOnceBucket(s3, bucket);
    }

    boolean committed(long sequence) {
        return bucket.exists(BucketLayout.processedManifestKey(sequence));
    }

    ProcessedManifest manifest(long sequence) {
        String key = BucketLayout.processedManifestKey(sequence);
        return ManifestJson.readProcessed(bucket.uri(key), bucket.readAllBytes(key));
    }

    /** Every row of the table in the batch, through the lake reader (which checks the schema), as value lists. */
    List<List<Object>> rows(long sequence, String table) {
        WarehouseTable warehouseTable = WarehouseCatalogue.table(table);
        List<List<Object>> rows = new ArrayList<>();
        for (DataFile file : manifest(sequence).table(table).orElseThrow().files()) {
            try (ParquetTableReader reader = ParquetTableReader.open(s3, bucket, file.key(),
                    AvroSchemas.of(warehouseTable))) {
                for (GenericRecord record = reader.next(); record != null; record = reader.next()) {
                    rows.add(values(record));
                }
            }
        }
        return rows;
    }

    /**
     * Every row of the table in the batch read the way another engine would: bytes downloaded to a local file and
     * opened with parquet-avro's plain generic model, without logical-type conversions or any code of the lake.
     */
    List<GenericRecord> rawRecords(long sequence, String table, Path directory) {
        List<GenericRecord> records = new ArrayList<>();
        TableOutput output = manifest(sequence).table(table).orElseThrow();
        for (DataFile file : output.files()) {
            Path local = directory.resolve(file.key().replace('/', '_'));
            try {
                Files.write(local, bucket.readAllBytes(file.key()));
                try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(
                        new LocalInputFile(local), new PlainParquetConfiguration())
                        .withDataModel(new GenericData()).build()) {
                    for (GenericRecord record = reader.read(); record != null; record = reader.read()) {
                        records.add(record);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return records;
    }

    List<String> keys(String prefix) {
        return bucket.listKeys(prefix);
    }

    static List<Object> values(GenericRecord record) {
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < record.getSchema().getFields().size(); i++) {
            values.add(record.get(i));
        }
        return values;
    }
}
