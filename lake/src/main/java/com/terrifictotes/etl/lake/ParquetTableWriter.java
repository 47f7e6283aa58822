package com.terrifictotes.etl.lake;

import com.terrifictotes.etl.error.StorageException;
import com.terrifictotes.etl.manifest.DataFile;
import com.terrifictotes.etl.s3.StoredObject;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import com.terrifictotes.etl.s3.WriteOnceUpload;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;

/**
 * Writes one Parquet object of the processed zone, streaming into a write-once upload. {@link #finish()} writes the
 * footer and publishes the object; {@link #close()} without {@code finish()} abandons it and leaves nothing.
 */
public final class ParquetTableWriter implements AutoCloseable {
    private final WriteOnceBucket bucket;
    private final WriteOnceUpload upload;
    private final ParquetWriter<GenericRecord> writer;
    private long rows;
    private DataFile result;

    private ParquetTableWriter(WriteOnceBucket bucket, WriteOnceUpload upload, ParquetWriter<GenericRecord> writer) {
        this.bucket = bucket;
        this.upload = upload;
        this.writer = writer;
    }

    public static ParquetTableWriter open(WriteOnceBucket bucket, String key, Schema schema, ParquetSettings settings) {
        WriteOnceUpload upload = bucket.openUpload(key, "application/vnd.apache.parquet");
        try {
            ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(new S3OutputFile(upload))
                    .withSchema(schema)
                    .withDataModel(LakeDataModel.get())
                    .withConf(new PlainParquetConfiguration())
                    .withCompressionCodec(settings.codec())
                    .withRowGroupSize((long) settings.rowGroupBytes())
                    .withPageSize(settings.pageBytes())
                    .withDictionaryEncoding(true)
                    .build();
            return new ParquetTableWriter(bucket, upload, writer);
        } catch (IOException | RuntimeException e) {
            upload.abort();
            throw new StorageException("cannot start Parquet file " + bucket.uri(key) + ": " + e.getMessage(), e);
        }
    }

    public void write(GenericRecord record) {
        try {
            writer.write(record);
            rows++;
        } catch (IOException e) {
            throw new StorageException("cannot write to " + bucket.uri(upload.key()) + ": " + e.getMessage(), e);
        }
    }

    public long rows() {
        return rows;
    }

    /** Bytes written so far: a little behind the final size while a row group is buffered. */
    public long bytesWritten() {
        return upload.size();
    }

    public DataFile finish() {
        if (result != null) {
            return result;
        }
        try {
            writer.close();
        } catch (IOException e) {
            upload.abort();
            throw new StorageException("cannot finish " + bucket.uri(upload.key()) + ": " + e.getMessage(), e);
        }
        upload.close();
        StoredObject stored = upload.result();
        result = new DataFile(stored.key(), rows, stored.bytes(), stored.sha256());
        return result;
    }

    @Override
    public void close() {
        if (result == null) {
            upload.abort();
        }
    }
}
