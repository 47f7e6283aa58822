package com.terrifictotes.etl.lake;

import com.terrifictotes.etl.error.BadInputException;
import com.terrifictotes.etl.error.StorageException;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Reads one Parquet object of the processed zone, record by record, after checking that its schema is exactly the
 * one the catalogue expects (in any lake format), or that one without nullable columns added to the table later. A
 * truncated, corrupt or foreign file fails with the object's name and the cause.
 */
public final class ParquetTableReader implements AutoCloseable {
    static final String AVRO_READ_SCHEMA = "parquet.avro.read.schema";

    private final String location;
    private final ParquetReader<GenericRecord> reader;
    private final long rowCount;
    private final String createdBy;
    /** The catalogue's schema, when the file was read with another Avro schema of the same values; else null. */
    private final Schema recordsAs;
    private long rowsRead;

    private ParquetTableReader(String location, ParquetReader<GenericRecord> reader, long rowCount,
                               String createdBy, Schema recordsAs) {
        this.location = location;
        this.reader = reader;
        this.rowCount = rowCount;
        this.createdBy = createdBy;
        this.recordsAs = recordsAs;
    }

    /** Opens {@code key}, whose length a HEAD tells, streaming it by ranged GETs whatever its size. */
    public static ParquetTableReader open(S3Client s3, WriteOnceBucket bucket, String key, Schema expected) {
        return open(bucket, key, new S3InputFile(s3, bucket.name(), key, length(s3, bucket, key)), expected);
    }

    /**
     * Opens {@code key}, whose length its manifest records, with no HEAD. An object of up to
     * {@link ObjectBytes#WHOLE_OBJECT_BYTES} (the transformer's state files) is fetched whole in one GET with checksum
     * mode, and both footer reads below are served from memory; a larger one streams by ranged GETs.
     */
    public static ParquetTableReader open(S3Client s3, WriteOnceBucket bucket, String key, long length,
                                          Schema expected) {
        return open(bucket, key, length <= ObjectBytes.WHOLE_OBJECT_BYTES ? ObjectBytes.fetch(s3, bucket, key, length)
                : new S3InputFile(s3, bucket.name(), key, length), expected);
    }

    private static ParquetTableReader open(WriteOnceBucket bucket, String key, InputFile file, Schema expected) {
        String location = bucket.uri(key);
        long rowCount;
        String createdBy;
        LakeFormat format;
        try (ParquetFileReader footer = ParquetFileReader.open(file)) {
            format = requireSchema(location, footer.getFileMetaData().getSchema(), expected);
            rowCount = footer.getRecordCount();
            createdBy = footer.getFileMetaData().getCreatedBy();
        } catch (IOException | RuntimeException e) {
            if (e instanceof BadInputException bad) {
                throw bad;
            }
            throw unreadable(location, " is not a readable Parquet file: ", e);
        }
        try {
            Schema reading = format.readSchemaOf(expected);
            ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(file,
                            readingAs(reading))
                    .withDataModel(LakeDataModel.get())
                    // Ranged GETs carry no object checksum: each page's CRC is what proves its bytes are the ones
                    // written (a page that fails it fails the read, naming the file).
                    .usePageChecksumVerification(true)
                    .build();
            return new ParquetTableReader(location, reader, rowCount, createdBy,
                    reading.equals(expected) ? null : expected);
        } catch (IOException e) {
            throw unreadable(location, " is not a readable Parquet file: ", e);
        }
    }

    /**
     * Materialise records in the expected schema (as its lake format reads, {@link LakeFormat#readSchemaOf}) rather
     * than the one embedded in the file: values then have the catalogue's Java types (String, not Avro's Utf8)
     * whoever wrote the file. The key is parquet-avro's {@code AvroReadSupport.setAvroReadSchema}, which only has a
     * Hadoop-Configuration form.
     */
    private static PlainParquetConfiguration readingAs(Schema reading) {
        PlainParquetConfiguration conf = new PlainParquetConfiguration();
        conf.set(AVRO_READ_SCHEMA, reading.toString());
        return conf;
    }

    /**
     * A storage fault (S3 or the connection failed while bytes were being fetched) is a StorageException, which a
     * retry may get past; anything else means the bytes themselves do not decode: BadInputException.
     */
    static RuntimeException unreadable(String location, String asBadInput, Exception e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ObjectReadException read) {
                return new StorageException("cannot read " + location + ": " + read.getMessage(), e);
            }
        }
        return new BadInputException(location + asBadInput + e.getMessage() + rootCause(e), e);
    }

    /**
     * The innermost cause, when parquet-java's message hides it: "Can not read value at 0 in block -1" wraps what
     * actually failed, such as a page whose CRC does not match its bytes.
     */
    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e || root.getMessage() == null ? "" : " (" + root.getMessage() + ")";
    }

    /** The writer library the footer names ({@code created_by}), or null. */
    public String createdBy() {
        return createdBy;
    }

    /** The row count the file's footer declares. */
    public long rowCount() {
        return rowCount;
    }

    /** The next record, or null at the end. */
    public GenericRecord next() {
        try {
            GenericRecord record = reader.read();
            if (record == null) {
                return null;
            }
            rowsRead++;
            return recordsAs == null ? record : Records.of(recordsAs, values(record));
        } catch (IOException | RuntimeException e) {
            throw unreadable(location, " is corrupt after row " + rowsRead + ": ", e);
        }
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException ignored) {
            // nothing was written; the stream is gone either way
        }
    }

    private static long length(S3Client s3, WriteOnceBucket bucket, String key) {
        try {
            return s3.headObject(b -> b.bucket(bucket.name()).key(key)).contentLength();
        } catch (NoSuchKeyException e) {
            throw new StorageException(bucket.uri(key) + " does not exist", e);
        } catch (SdkException e) {
            throw new StorageException("cannot inspect " + bucket.uri(key) + ": " + e.getMessage(), e);
        }
    }

    private static Object[] values(GenericRecord record) {
        Object[] values = new Object[record.getSchema().getFields().size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = record.get(i);
        }
        return values;
    }

    /**
     * Same column names, in order, with the same physical and logical types as the table's schema in one of the
     * lake formats ({@link LakeFormat}): anything else is bad input.
     *
     * @return the lake format whose schema the file has
     */
    static LakeFormat requireSchema(String location, MessageType actual, Schema expected) {
        MessageType current = LakeFormat.CURRENT.parquetSchemaOf(expected);
        for (LakeFormat format : LakeFormat.values()) {
            if (actual.equals(format == LakeFormat.CURRENT ? current : format.parquetSchemaOf(expected))) {
                return format;
            }
        }
        LakeFormat older = formatLackingOnlyColumnsAddedLater(actual, expected);
        if (older != null) {
            return older;
        }
        List<String> actualNames = names(actual);
        List<String> wantedNames = names(current);
        if (!actualNames.equals(wantedNames)) {
            throw new BadInputException(location + " has columns " + actualNames + " but table " + expected.getName()
                    + " has " + wantedNames);
        }
        for (Type column : current.getFields()) {
            Type found = actual.getType(column.getName());
            if (!found.equals(column)) {
                throw new BadInputException(location + ": column " + column.getName() + " is " + found
                        + " but the catalogue says " + column);
            }
        }
        throw new BadInputException(location + " mixes the column types of different lake formats");
    }

    /**
     * A file written before nullable columns were added at the end of its table (a catalogue column declared added
     * later, {@code ALTER TABLE ... ADD COLUMN}): its columns are the table's first ones, in any lake format, and every
     * column it lacks is nullable with a null default, which the reader then fills in. So a processed zone written
     * before a column was added still loads, replays and verifies, the new column NULL in its rows, as the
     * {@code ALTER TABLE} left the warehouse's existing rows.
     */
    private static LakeFormat formatLackingOnlyColumnsAddedLater(MessageType actual, Schema expected) {
        List<Schema.Field> fields = expected.getFields();
        int present = actual.getFieldCount();
        if (present >= fields.size() || fields.subList(present, fields.size()).stream()
                .anyMatch(f -> !f.hasDefaultValue() || f.defaultVal() != JsonProperties.NULL_VALUE)) {
            return null;
        }
        List<Schema.Field> first = new ArrayList<>();
        for (Schema.Field field : fields.subList(0, present)) {
            first.add(new Schema.Field(field, field.schema()));
        }
        Schema older = Schema.createRecord(expected.getName(), expected.getDoc(), expected.getNamespace(), false,
                first);
        for (LakeFormat format : LakeFormat.values()) {
            if (actual.equals(format.parquetSchemaOf(older))) {
                return format;
            }
        }
        return null;
    }

    private static List<String> names(MessageType type) {
        List<String> names = new ArrayList<>();
        type.getFields().forEach(f -> names.add(f.getName()));
        return names;
    }
}
