package com.terrifictotes.etl.lake;

import com.terrifictotes.etl.error.BadInputException;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import java.io.IOException;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.MessageType;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Reads one Parquet object of the processed zone row group by row group, through parquet-java's own column readers:
 * no record is assembled, a value goes from the page to the caller as the int, long, boolean or bytes stored. The
 * guarantees are {@link ParquetTableReader}'s: the schema is checked against the catalogue's (any lake format, or
 * lacking only nullable columns added later, which then read as null), every page's CRC is verified, and a fault
 * names the object (a {@link com.terrifictotes.etl.error.StorageException} for S3, a {@link BadInputException} for
 * bytes that do not decode). The footer is read once, and memory holds one row group's column chunks (or a small
 * object whole: {@link ObjectBytes#WHOLE_OBJECT_BYTES}).
 *
 * <p>Columns are addressed by their position in the expected schema, which is the table's load columns in order.
 * For the current row a column is null when the file lacks it or its definition level is below the maximum; the
 * caller reads the value, if any, from {@link #column} and then {@link ColumnReader#consume() consumes} it.
 */
public final class ParquetRowGroups implements AutoCloseable {
    /** The column readers read no values into a converter: each value is taken with getInteger() and the like. */
    private static final GroupConverter NO_CONVERTER = new GroupConverter() {
        private final PrimitiveConverter discard = new PrimitiveConverter() {
        };

        @Override
        public Converter getConverter(int fieldIndex) {
            return discard;
        }

        @Override
        public void start() {
            // nothing is assembled
        }

        @Override
        public void end() {
            // nothing is assembled
        }
    };

    private final String location;
    private final ParquetFileReader reader;
    private final MessageType fileSchema;
    private final List<ColumnDescriptor> descriptors;
    private final String createdBy;
    private final ColumnReader[] columns;
    private final int[] maxDefinitions;

    private ParquetRowGroups(String location, ParquetFileReader reader, int expectedColumns) {
        this.location = location;
        this.reader = reader;
        this.fileSchema = reader.getFooter().getFileMetaData().getSchema();
        this.descriptors = fileSchema.getColumns();
        this.createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
        this.columns = new ColumnReader[expectedColumns];
        this.maxDefinitions = new int[expectedColumns];
        for (int i = 0; i < descriptors.size(); i++) {
            maxDefinitions[i] = descriptors.get(i).getMaxDefinitionLevel();
        }
    }

    /**
     * Opens {@code key}, whose length is known (the manifest records it and {@code verify} checked it against S3),
     * reading its footer once and checking its schema against {@code expected}.
     */
    public static ParquetRowGroups open(S3Client s3, WriteOnceBucket bucket, String key, long length,
                                        Schema expected) {
        return open(s3, bucket, key, length, expected, length <= ObjectBytes.WHOLE_OBJECT_BYTES);
    }

    /** {@link #open}, fetching the object whole or by ranged GETs as told: for priming both ways. */
    public static ParquetRowGroups open(S3Client s3, WriteOnceBucket bucket, String key, long length,
                                        Schema expected, boolean fetchWhole) {
        String location = bucket.uri(key);
        InputFile file = fetchWhole ? ObjectBytes.fetch(s3, bucket, key, length)
                : new S3InputFile(s3, bucket.name(), key, length);
        ParquetFileReader reader = null;
        try {
            reader = ParquetFileReader.open(file,
                    ParquetReadOptions.builder(new PlainParquetConfiguration())
                            // Ranged GETs carry no object checksum: each page's CRC is what proves its bytes are
                            // the ones written (a page that fails it fails the read, naming the file).
                            .usePageChecksumVerification(true)
                            .build());
            ParquetTableReader.requireSchema(location, reader.getFooter().getFileMetaData().getSchema(), expected);
            return new ParquetRowGroups(location, reader, expected.getFields().size());
        } catch (IOException | RuntimeException e) {
            closeQuietly(reader);
            if (e instanceof BadInputException bad) {
                throw bad;
            }
            throw ParquetTableReader.unreadable(location, " is not a readable Parquet file: ", e);
        }
    }

    /** The row count the file's footer declares. */
    public long rowCount() {
        return reader.getRecordCount();
    }

    /** The writer library the footer names ({@code created_by}), or null. */
    public String createdBy() {
        return createdBy;
    }

    /**
     * Moves to the next row group, whose columns {@link #column} then reads from the first row.
     *
     * @return its row count, or -1 after the last one
     */
    public long nextRowGroup(long rowsRead) {
        try {
            PageReadStore rowGroup = reader.readNextRowGroup();
            if (rowGroup == null) {
                return -1;
            }
            ColumnReadStoreImpl store = new ColumnReadStoreImpl(rowGroup, NO_CONVERTER, fileSchema, createdBy);
            for (int i = 0; i < descriptors.size(); i++) {
                columns[i] = store.getColumnReader(descriptors.get(i));
            }
            return rowGroup.getRowCount();
        } catch (IOException | RuntimeException e) {
            throw corrupt(rowsRead, e);
        }
    }

    /** The reader of the column at {@code position} in the expected schema, or null if the file lacks it. */
    public ColumnReader column(int position) {
        return columns[position];
    }

    /** Whether the current value of the column at {@code position} is null (or the file lacks the column). */
    public boolean isNull(int position) {
        ColumnReader column = columns[position];
        return column == null || column.getCurrentDefinitionLevel() < maxDefinitions[position];
    }

    /**
     * What a failure while decoding the values after {@code rowsRead} rows means: a StorageException if S3 failed
     * (a retry may get past it), a BadInputException naming the file otherwise (a page whose CRC does not match).
     */
    public RuntimeException corrupt(long rowsRead, Exception e) {
        return ParquetTableReader.unreadable(location, " is corrupt after row " + rowsRead + ": ", e);
    }

    @Override
    public void close() {
        closeQuietly(reader);
    }

    private static void closeQuietly(ParquetFileReader reader) {
        if (reader == null) {
            return;
        }
        try {
            reader.close();
        } catch (IOException ignored) {
            // nothing was written; the stream is gone either way
        }
    }
}
