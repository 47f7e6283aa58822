package com.terrifictotes.etl.lake;

import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/**
 * Writes {@link TableRow}s of one table straight to Parquet's {@link RecordConsumer}: per column, by position, a
 * writer chosen once from the table's schema ({@link ColumnValueWriter}); a null is a column not started. No record
 * object is built per row and no column is looked up by name.
 *
 * <p>The file is the one parquet-avro wrote from the same schema: the Parquet schema is parquet-avro's conversion of
 * the table's Avro schema ({@link AvroSchemas}), the values are those of {@link LakeDataModel}'s conversions, and the
 * footer keeps the Avro schema under {@code parquet.avro.schema}, so an Avro reader materialises the catalogue's
 * types (a time of day as a LocalTime) without being told the schema. The footer's {@code writer.model.name} says
 * which code wrote the records.
 */
final class TableWriteSupport extends WriteSupport<TableRow> {
    /** The footer key parquet-avro reads a file's Avro schema from ({@code AvroReadSupport}'s). */
    static final String AVRO_SCHEMA = "parquet.avro.schema";
    static final String MODEL_NAME = "totes-etl";

    private final Schema schema;
    private final MessageType parquetSchema;
    private final String[] names;
    private final boolean[] nullable;
    private final ColumnValueWriter[] writers;
    private RecordConsumer consumer;

    TableWriteSupport(Schema schema) {
        this.schema = schema;
        this.parquetSchema = new AvroSchemaConverter(new PlainParquetConfiguration()).convert(schema);
        List<Schema.Field> fields = schema.getFields();
        this.names = new String[fields.size()];
        this.nullable = new boolean[fields.size()];
        this.writers = new ColumnValueWriter[fields.size()];
        for (Schema.Field field : fields) {
            int i = field.pos();
            Schema type = field.schema();
            names[i] = field.name();
            if (type.isNullable()) {
                nullable[i] = true;
                type = type.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).findFirst()
                        .orElseThrow();
            }
            writers[i] = ColumnValueWriter.of(schema.getName() + "." + field.name(), type);
        }
    }

    /** A writer of {@code schema}'s rows into {@code file}, configured without Hadoop. */
    static Builder builder(OutputFile file, Schema schema) {
        return new Builder(file, schema).withConf(new PlainParquetConfiguration());
    }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
        return new WriteContext(parquetSchema, Map.of(AVRO_SCHEMA, schema.toString()));
    }

    @Override
    public WriteContext init(Configuration configuration) {
        return init((ParquetConfiguration) null);
    }

    @Override
    public String getName() {
        return MODEL_NAME;
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.consumer = recordConsumer;
    }

    @Override
    public void write(TableRow row) {
        if (row.schema() != schema && !row.schema().equals(schema)) {
            throw new IllegalArgumentException("a row of " + row.schema().getFullName() + " cannot go into a file of "
                    + schema.getFullName());
        }
        for (int i = 0; i < names.length; i++) {
            if (!nullable[i] && row.get(i) == null) {
                throw new IllegalArgumentException(schema.getName() + "." + names[i] + " is NOT NULL but the row "
                        + "holds null");
            }
        }
        consumer.startMessage();
        for (int i = 0; i < names.length; i++) {
            Object value = row.get(i);
            if (value != null) {
                consumer.startField(names[i], i);
                try {
                    writers[i].write(consumer, value);
                } catch (ClassCastException e) {
                    throw new IllegalArgumentException(schema.getName() + "." + names[i] + " cannot hold a "
                            + value.getClass().getSimpleName() + " (" + value + ")", e);
                }
                consumer.endField(names[i], i);
            }
        }
        consumer.endMessage();
    }

    /** Parquet's writer builder for {@link TableRow}s of one table. */
    static final class Builder extends ParquetWriter.Builder<TableRow, Builder> {
        private final Schema schema;

        private Builder(OutputFile file, Schema schema) {
            super(file);
            this.schema = schema;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<TableRow> getWriteSupport(ParquetConfiguration conf) {
            return new TableWriteSupport(schema);
        }

        @Override
        protected WriteSupport<TableRow> getWriteSupport(Configuration conf) {
            return new TableWriteSupport(schema);
        }
    }
}
