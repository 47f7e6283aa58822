package com.terrifictotes.etl.lake;

import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.OutputFile;

/**
 * The writer the transformer used up to lake format 2's first release: parquet-avro building and shredding an Avro
 * record per row. Kept here to write the history the readers must keep reading (lake formats 1 and 2, whose decimals
 * are BINARY).
 */
final class AvroWriterOfEarlierReleases {
    private AvroWriterOfEarlierReleases() {
    }

    static ParquetWriter<GenericRecord> open(OutputFile file, Schema schema, ParquetSettings settings)
            throws IOException {
        return ParquetAvroWriterOfTheLakeFormat.withSettings(AvroParquetWriter.<GenericRecord>builder(file)
                .withSchema(schema)
                .withDataModel(LakeDataModel.get()), settings).build();
    }
}
