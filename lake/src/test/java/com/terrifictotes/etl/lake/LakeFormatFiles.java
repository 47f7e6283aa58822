package com.terrifictotes.etl.lake;

import static com.terrifictotes.etl.catalogue.WarehouseCatalogue.FACT_PAYMENT;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;

/** Files of fact_payment as the transformer wrote them in lake format 1 (times annotated TIME(MILLIS, UTC)). */
final class LakeFormatFiles {
    private LakeFormatFiles() {
    }

    static byte[] v1(List<GenericRecord> rows) throws IOException {
        Schema v1 = LakeFormat.V1.schemaOf(AvroSchemas.of(FACT_PAYMENT));
        Path file = Files.createTempFile("lake-format-1", ".parquet");
        try {
            try (ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(
                            new LocalOutputFile(file))
                    .withSchema(v1).withDataModel(LakeDataModel.get()).withConf(new PlainParquetConfiguration())
                    .withCompressionCodec(CompressionCodecName.ZSTD).withWriteMode(
                            org.apache.parquet.hadoop.ParquetFileWriter.Mode.OVERWRITE).build()) {
                for (GenericRecord row : rows) {
                    writer.write(Records.of(v1, row.getSchema().getFields().stream().map(f -> row.get(f.pos()))
                            .toArray()));
                }
            }
            return Files.readAllBytes(file);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
