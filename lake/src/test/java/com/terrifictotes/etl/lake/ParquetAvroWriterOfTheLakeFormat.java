package com.terrifictotes.etl.lake;

import java.io.IOException;
import java.math.BigDecimal;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroWriteSupport;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.schema.MessageType;

/**
 * parquet-java's {@link ParquetWriter} with parquet-avro's write support over the current lake format's Parquet
 * schema ({@link LakeFormat#parquetSchemaOf}) and the Avro schema it is read with ({@link LakeFormat#readSchemaOf}),
 * a decimal going in as its unscaled long: the library's own row-group and page logic, which {@link TableFileWriter}
 * must match byte for byte. parquet-avro alone cannot write lake format 3 (Avro has no decimal on a long).
 */
final class ParquetAvroWriterOfTheLakeFormat {
    private ParquetAvroWriterOfTheLakeFormat() {
    }

    static ParquetWriter<GenericRecord> open(OutputFile file, Schema schema, ParquetSettings settings)
            throws IOException {
        return withSettings(new Builder(file, LakeFormat.CURRENT.parquetSchemaOf(schema),
                LakeFormat.CURRENT.readSchemaOf(schema)), settings).build();
    }

    /** {@code builder} writing as the lake's writer does with {@code settings}, configured without Hadoop. */
    static <B extends ParquetWriter.Builder<GenericRecord, B>> B withSettings(B builder, ParquetSettings settings) {
        return builder.withConf(new PlainParquetConfiguration())
                .withCompressionCodec(settings.codec())
                .withRowGroupSize((long) settings.rowGroupBytes())
                .withPageSize(settings.pageBytes())
                .withDictionaryEncoding(true);
    }

    /** The record this writer takes for {@code row}: its values, each decimal as its unscaled long. */
    static GenericRecord record(Schema schema, TableRow row) {
        Object[] values = row.values();
        for (int i = 0; i < values.length; i++) {
            if (values[i] instanceof BigDecimal decimal) {
                values[i] = decimal.unscaledValue().longValueExact();
            }
        }
        return Records.of(LakeFormat.CURRENT.readSchemaOf(schema), values);
    }

    private static final class Builder extends ParquetWriter.Builder<GenericRecord, Builder> {
        private final MessageType parquet;
        private final Schema avro;

        Builder(OutputFile file, MessageType parquet, Schema avro) {
            super(file);
            this.parquet = parquet;
            this.avro = avro;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<GenericRecord> getWriteSupport(Configuration conf) {
            return new AvroWriteSupport<>(parquet, avro, LakeDataModel.get());
        }

        @Override
        protected WriteSupport<GenericRecord> getWriteSupport(ParquetConfiguration conf) {
            return new AvroWriteSupport<>(parquet, avro, LakeDataModel.get());
        }
    }
}
