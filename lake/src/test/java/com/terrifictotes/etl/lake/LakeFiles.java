package com.terrifictotes.etl.lake;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.LocalInputFile;

/**
 * Reads objects back the way another engine would: the bytes downloaded whole to a local file, opened with
 * parquet-avro's plain generic model (no logical-type conversions, no code of this module), so what the tests see
 * is what the file really holds.
 */
final class LakeFiles {
    private LakeFiles() {
    }

    static Path download(WriteOnceBucket bucket, String key, Path directory) {
        Path file = directory.resolve(key.replace('/', '_'));
        try {
            Files.write(file, bucket.readAllBytes(key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    static List<GenericRecord> rawRecords(Path file) {
        List<GenericRecord> records = new ArrayList<>();
        try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(new LocalInputFile(file),
                new PlainParquetConfiguration()).withDataModel(new GenericData()).build()) {
            for (GenericRecord record = reader.read(); record != null; record = reader.read()) {
                assertThat(record).isNotNull();
                records.add(record);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return records;
    }

    static ParquetMetadata footer(Path file) {
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
            return reader.getFooter();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
