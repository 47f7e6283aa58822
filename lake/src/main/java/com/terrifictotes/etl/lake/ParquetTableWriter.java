package com.terrifictotes.etl.lake;

import com.terrifictotes.etl.error.StorageException;
import com.terrifictotes.etl.manifest.DataFile;
import com.terrifictotes.etl.s3.StoredObject;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import com.terrifictotes.etl.s3.WriteOnceUpload;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.io.OutputFile;

/**
 * Writes one Parquet object of the processed zone, streaming into a write-once upload, rows handed to Parquet's
 * column writers value by value ({@link TableFileWriter}). {@link #finish()} writes the
 * footer and publishes the object; {@link #stage()} writes the footer and uploads everything but leaves publishing to
 * the caller; {@link #close()} without either abandons it and leaves nothing.
 *
 * <p>Publishing is conditional, and a key already taken is compared by content, not bytes: an object stored under the
 * key by an earlier, interrupted run counts as this one if its decoded rows, written again by this writer, give
 * exactly this writer's bytes, whatever library version encoded them first ({@link StoredRows}). This costs nothing
 * unless a key is found taken. What is published then describes the stored object, which a manifest must record.
 */
public final class ParquetTableWriter implements AutoCloseable {
    private final WriteOnceBucket bucket;
    private final WriteOnceUpload upload;
    private final TableFileWriter writer;
    private long rows;
    private DataFile result;
    private boolean handedOver;

    /**
     * A Parquet object uploaded but not published: {@code upload} is to be completed ({@link #publish()}) or aborted
     * by its holder. {@code file} describes the bytes uploaded.
     */
    public record Staged(DataFile file, WriteOnceUpload upload) {
        /** Publishes the object; the result describes what is stored under the key (see the class comment). */
        public DataFile publish() {
            StoredObject stored = upload.complete();
            return new DataFile(stored.key(), file.rows(), stored.bytes(), stored.checksum());
        }
    }

    private ParquetTableWriter(WriteOnceBucket bucket, WriteOnceUpload upload, TableFileWriter writer) {
        this.bucket = bucket;
        this.upload = upload;
        this.writer = writer;
    }

    public static ParquetTableWriter open(WriteOnceBucket bucket, String key, Schema schema, ParquetSettings settings) {
        WriteOnceUpload upload = bucket.openUpload(key, "application/vnd.apache.parquet",
                WriteOnceUpload.DEFAULT_PART_SIZE,
                (stored, checksum) -> StoredRows.holdsRows(bucket, stored, schema, settings, checksum));
        try {
            return new ParquetTableWriter(bucket, upload, parquetWriter(new S3OutputFile(upload), schema, settings));
        } catch (IOException | RuntimeException e) {
            upload.abort();
            throw new StorageException("cannot start Parquet file " + bucket.uri(key) + ": " + e.getMessage(), e);
        }
    }

    /** The one way this release encodes a table's rows: same rows and settings, same bytes. */
    public static TableFileWriter parquetWriter(OutputFile file, Schema schema, ParquetSettings settings)
            throws IOException {
        return TableFileWriter.open(file, schema, settings);
    }

    /** Writes a record built by code that builds Avro records (tests, tools); the stages write {@link TableRow}s. */
    public void write(GenericRecord record) {
        write(TableRow.of(record));
    }

    public void write(TableRow row) {
        try {
            writer.write(row);
            rows++;
        } catch (IOException e) {
            throw cannotWrite(e);
        }
    }

    /** Writes a row whose values its producer hands to the columns itself ({@link ColumnarRow}). */
    public void write(ColumnarRow row) {
        try {
            writer.write(row);
            rows++;
        } catch (IOException e) {
            throw cannotWrite(e);
        }
    }

    private StorageException cannotWrite(IOException e) {
        return new StorageException("cannot write to " + bucket.uri(upload.key()) + ": " + e.getMessage(), e);
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
        writeFooter();
        upload.close();
        result = dataFile(upload.result());
        return result;
    }

    /** Writes the footer and uploads the whole object without publishing it (see {@link WriteOnceUpload#stage()}). */
    public Staged stage() {
        if (handedOver) {
            throw new IllegalStateException(bucket.uri(upload.key()) + " is already staged");
        }
        writeFooter();
        DataFile file = dataFile(upload.stage());
        handedOver = true;
        return new Staged(file, upload);
    }

    @Override
    public void close() {
        if (result == null && !handedOver) {
            upload.abort();
        }
    }

    private void writeFooter() {
        try {
            writer.close();
        } catch (IOException e) {
            upload.abort();
            throw new StorageException("cannot finish " + bucket.uri(upload.key()) + ": " + e.getMessage(), e);
        }
    }

    private DataFile dataFile(StoredObject stored) {
        return new DataFile(stored.key(), rows, stored.bytes(), stored.checksum());
    }
}
