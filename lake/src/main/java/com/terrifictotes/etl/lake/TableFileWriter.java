package com.terrifictotes.etl.lake;

import java.io.Closeable;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Writes {@link TableRow}s of one table into a Parquet file by driving parquet-java's column writers directly (one
 * {@link ColumnWriter} per column of the flat schema, as Iceberg's writer does): each value goes to its column's
 * writer by position with its definition level, through a {@link ColumnValueWriter} chosen once per column, with no
 * record consumer's per-field start and end calls and no record object per row.
 *
 * <p>The file is the one {@code ParquetWriter} writes for the same rows and settings, byte for byte up to the footer
 * (TableFileWriterTest): the Parquet schema is the current lake format's for the table's Avro schema
 * ({@link AvroSchemas}, {@link LakeFormat#parquetSchemaOf}), the page store, compressor and file writer are
 * parquet-java's own, and a row group is closed where {@code ParquetWriter} closes it (the same checks of the
 * buffered size, at the same row counts). The footer keeps the Avro schema parquet-avro reads the file with under
 * {@code parquet.avro.schema} ({@link LakeFormat#readSchemaOf}), so an Avro reader materialises the catalogue's
 * values without being told the schema; {@code writer.model.name} names this code.
 *
 * <p>A row the file cannot hold (a null in a NOT NULL column, a value of another type, a row of another table) is an
 * {@link IllegalArgumentException} naming the column; the file is then abandoned: the writer takes no more rows, and
 * {@link #close()} leaves no file.
 */
public final class TableFileWriter implements Closeable {
    /** The footer key parquet-avro reads a file's Avro schema from ({@code AvroReadSupport}'s). */
    static final String AVRO_SCHEMA = "parquet.avro.schema";
    static final String MODEL_NAME = "totes-etl";

    private final Schema schema;
    private final MessageType parquetSchema;
    private final ParquetProperties properties;
    private final ParquetFileWriter file;
    private final CodecFactory codecs;
    private final CompressionCodecFactory.BytesInputCompressor compressor;
    private final long rowGroupBytes;
    private final String[] names;
    private final ColumnDescriptor[] descriptors;
    private final int[] definedLevels;
    private final ColumnValueWriter[] values;
    private final PrimitiveTypeName[] physical;
    private final ColumnarRow.RowColumns columnsOfRow = new RowColumnsOfGroup();
    private ColumnChunkPageWriteStore pages;
    private ColumnWriteStore store;
    private ColumnWriter[] columns;
    private int rowGroups;
    private long rowsInGroup;
    private long nextSizeCheck;
    private long nextRowGroupBytes;
    private boolean abandoned;
    private boolean closed;

    private TableFileWriter(OutputFile out, Schema schema, ParquetSettings settings) throws IOException {
        this.schema = schema;
        this.parquetSchema = LakeFormat.CURRENT.parquetSchemaOf(schema);
        this.properties = ParquetProperties.builder()
                .withPageSize(settings.pageBytes())
                .withDictionaryEncoding(true)
                // A CRC32 of every page (parquet-java's default, made explicit: readers rely on it, see
                // ParquetTableReader): the one check of the bytes a ranged read fetches.
                .withPageWriteChecksumEnabled(true)
                .build();
        this.rowGroupBytes = settings.rowGroupBytes();
        this.nextRowGroupBytes = rowGroupBytes;
        List<Schema.Field> fields = schema.getFields();
        this.names = new String[fields.size()];
        this.descriptors = parquetSchema.getColumns().toArray(ColumnDescriptor[]::new);
        this.physical = parquetSchema.getColumns().stream().map(c -> c.getPrimitiveType().getPrimitiveTypeName())
                .toArray(PrimitiveTypeName[]::new);
        this.definedLevels = new int[fields.size()];
        this.values = new ColumnValueWriter[fields.size()];
        for (Schema.Field field : fields) {
            int i = field.pos();
            names[i] = field.name();
            definedLevels[i] = descriptors[i].getMaxDefinitionLevel();
            Schema type = field.schema();
            if (type.isNullable()) {
                type = type.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).findFirst()
                        .orElseThrow();
            }
            values[i] = ColumnValueWriter.of(schema.getName() + "." + field.name(), type, physical[i]);
        }
        this.file = new ParquetFileWriter(out, parquetSchema, null, rowGroupBytes,
                ParquetWriter.MAX_PADDING_SIZE_DEFAULT, null, properties);
        file.start();
        this.codecs = new CodecFactory(new PlainParquetConfiguration(), properties.getPageSizeThreshold());
        this.compressor = codecs.getCompressor(settings.codec());
        this.nextSizeCheck = properties.getMinRowCountForPageSizeCheck();
        startRowGroup();
    }

    /** A writer of {@code schema}'s rows into {@code out}, configured without Hadoop. */
    public static TableFileWriter open(OutputFile out, Schema schema, ParquetSettings settings) throws IOException {
        return new TableFileWriter(out, schema, settings);
    }

    /** Writes one row. @throws IllegalArgumentException if the file cannot hold it (the file is then abandoned) */
    public void write(TableRow row) throws IOException {
        requireOpen();
        requireHoldable(row);
        try {
            for (int i = 0; i < names.length; i++) {
                Object value = row.get(i);
                if (value == null) {
                    columns[i].writeNull(0, 0);
                } else {
                    writeValue(i, value);
                }
            }
            store.endRecord();
        } catch (RuntimeException e) {
            abandoned = true; // the columns before the fault hold a value of this row: the file is inconsistent
            throw e;
        }
        rowsInGroup++;
        closeRowGroupIfFull();
    }

    /** Writes a row whose producer hands its values to the columns. @throws IllegalArgumentException as above */
    public void write(ColumnarRow row) throws IOException {
        requireOpen();
        try {
            row.writeTo(columnsOfRow);
            store.endRecord();
        } catch (RuntimeException e) {
            abandoned = true;
            throw e;
        }
        rowsInGroup++;
        closeRowGroupIfFull();
    }

    private void writeValue(int i, Object value) {
        try {
            values[i].write(columns[i], definedLevels[i], value);
        } catch (ClassCastException e) {
            throw new IllegalArgumentException(schema.getName() + "." + names[i] + " cannot hold a "
                    + value.getClass().getSimpleName() + " (" + value + ")", e);
        }
    }

    private void requireOpen() {
        if (abandoned || closed) {
            throw new IllegalStateException("the Parquet file of " + schema.getName() + " is "
                    + (closed ? "closed" : "abandoned after a row it could not hold"));
        }
    }

    private void requireHoldable(TableRow row) {
        if (row.schema() != schema && !row.schema().equals(schema)) {
            throw new IllegalArgumentException("a row of " + row.schema().getFullName() + " cannot go into a file of "
                    + schema.getFullName());
        }
        for (int i = 0; i < names.length; i++) {
            if (definedLevels[i] == 0 && row.get(i) == null) {
                throw new IllegalArgumentException(schema.getName() + "." + names[i] + " is NOT NULL but the row "
                        + "holds null");
            }
        }
    }

    /** Writes the last row group and the footer; without a successful close there is no complete file. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (abandoned) {
                file.abort();
                return;
            }
            flushRowGroup();
            Map<String, String> metadata = new HashMap<>();
            metadata.put(AVRO_SCHEMA, LakeFormat.CURRENT.readSchemaOf(schema).toString());
            metadata.put(ParquetWriter.OBJECT_MODEL_NAME_PROP, MODEL_NAME);
            file.end(metadata);
        } catch (IOException | RuntimeException e) {
            file.abort();
            throw e;
        } finally {
            releaseRowGroup();
            codecs.release();
            file.close();
        }
    }

    private void startRowGroup() {
        pages = ColumnChunkPageWriteStore.builder()
                .withCompressorProvider(column -> compressor)
                .withSchema(parquetSchema)
                .withAllocator(properties.getAllocator())
                .withColumnIndexTruncateLength(properties.getColumnIndexTruncateLength())
                .withPageWriteChecksumEnabled(properties.getPageWriteChecksumEnabled())
                .withRowGroupOrdinal(rowGroups)
                .build();
        store = properties.newColumnWriteStore(parquetSchema, pages, pages);
        columns = new ColumnWriter[descriptors.length];
        for (int i = 0; i < descriptors.length; i++) {
            columns[i] = store.getColumnWriter(descriptors[i]);
        }
    }

    /**
     * Closes the row group where {@code ParquetWriter} would: at its row limit, or when the buffered size comes
     * within two rows of the row group's size, checked only now and then (halfway to the size the rows so far
     * predict, between the properties' least and most rows apart), since asking costs a pass over the columns.
     */
    private void closeRowGroupIfFull() throws IOException {
        boolean full = rowsInGroup >= properties.getRowGroupRowCountLimit();
        if (!full && rowsInGroup >= nextSizeCheck) {
            long buffered = store.getBufferedSize();
            long rowBytes = buffered / rowsInGroup;
            full = buffered > nextRowGroupBytes - 2 * rowBytes;
            if (!full) {
                nextSizeCheck = Math.min(Math.max(properties.getMinRowCountForPageSizeCheck(),
                        (rowsInGroup + (long) (nextRowGroupBytes / (float) rowBytes)) / 2),
                        rowsInGroup + properties.getMaxRowCountForPageSizeCheck());
            }
        }
        if (full) {
            flushRowGroup();
            releaseRowGroup();
            startRowGroup();
            // where a row group's first size check comes: ParquetWriter's, as it counts after a flush
            nextSizeCheck = Math.min(properties.getMinRowCountForPageSizeCheck(),
                    properties.getMaxRowCountForPageSizeCheck());
        }
    }

    private void flushRowGroup() throws IOException {
        if (rowsInGroup > 0) {
            rowGroups++;
            file.startBlock(rowsInGroup);
            store.flush();
            pages.flushToFileWriter(file);
            rowsInGroup = 0;
            file.endBlock();
            nextRowGroupBytes = Math.min(file.getNextRowGroupSize(), rowGroupBytes);
        }
    }

    private void releaseRowGroup() {
        if (store != null) {
            store.close();
            pages.close();
            store = null;
        }
    }

    /**
     * The open row group's column writers, for a {@link ColumnarRow}: each value with the column's definition level,
     * a null refused where the column is NOT NULL, a value of the wrong physical type refused by parquet-java.
     */
    private final class RowColumnsOfGroup implements ColumnarRow.RowColumns {
        @Override
        public void writeNull(int column) {
            if (definedLevels[column] == 0) {
                throw new IllegalArgumentException(schema.getName() + "." + names[column] + " is NOT NULL");
            }
            columns[column].writeNull(0, 0);
        }

        @Override
        public void writeInt(int column, int value) {
            requireType(column, PrimitiveTypeName.INT32);
            columns[column].write(value, 0, definedLevels[column]);
        }

        @Override
        public void writeLong(int column, long value) {
            requireType(column, PrimitiveTypeName.INT64);
            columns[column].write(value, 0, definedLevels[column]);
        }

        @Override
        public void writeBoolean(int column, boolean value) {
            requireType(column, PrimitiveTypeName.BOOLEAN);
            columns[column].write(value, 0, definedLevels[column]);
        }

        @Override
        public void writeText(int column, String value) {
            requireType(column, PrimitiveTypeName.BINARY);
            columns[column].write(Binary.fromString(value), 0, definedLevels[column]);
        }

        @Override
        public void writeUnscaled(int column, long unscaled) {
            requireType(column, PrimitiveTypeName.INT64);
            columns[column].write(unscaled, 0, definedLevels[column]);
        }

        private void requireType(int column, PrimitiveTypeName type) { // a plain writer takes an int for a long
            if (physical[column] != type) {
                throw new IllegalArgumentException(schema.getName() + "." + names[column] + " is " + physical[column]
                        + ", not " + type);
            }
        }
    }
}
