package com.terrifictotes.etl.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import com.terrifictotes.etl.error.BadInputException;
import com.terrifictotes.etl.lake.AvroSchemas;
import com.terrifictotes.etl.lake.LakeDataModel;
import com.terrifictotes.etl.lake.LakeFormat;
import com.terrifictotes.etl.lake.ParquetTableReader;
import com.terrifictotes.etl.lake.Records;
import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.manifest.Checksum;
import com.terrifictotes.etl.manifest.DataFile;
import com.terrifictotes.etl.manifest.ManifestJson;
import com.terrifictotes.etl.manifest.ProcessedManifest;
import com.terrifictotes.etl.manifest.TableOutput;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import com.terrifictotes.etl.testbed.expected.WarehouseContents;
import com.terrifictotes.etl.testbed.servers.Database;
import com.terrifictotes.etl.testbed.servers.TestBed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.PrimitiveType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays of an existing lake: a batch written before the lake format was recorded (its manifest has no
 * {@code lakeFormat}; its fact times are Parquet TIME(MILLIS)) loads exactly as a batch of the current format does,
 * and a manifest of a format newer than this loader reads is refused before anything is applied.
 */
class LakeFormatReplayTest {
    private static final TestBed BED = TestBed.shared();

    @TempDir
    Path local;

    private final SourceHistory history = SourceHistory.sampled();
    private final ProcessedBatchWriter batches = new ProcessedBatchWriter(BED.s3(), BED.createBucket("processed"));

    @Test
    void aBatchOfTheFirstLakeFormatLoadsAsTheCurrentFormatWould() throws Exception {
        List<TableOutput> outputs = new ArrayList<>();
        for (TableOutput output : batches.writeFiles(1, history.first)) {
            WarehouseTable table = WarehouseCatalogue.table(output.table());
            outputs.add(table.isFact() ? asFirstFormat(table, output) : output);
        }
        String manifest = new String(ManifestJson.write(new ProcessedManifest(ProcessedManifest.FORMAT_VERSION, 1,
                BucketLayout.ingestionManifestKey(1), WarehouseCatalogue.SCHEMA_VERSION, Instant.EPOCH, outputs,
                List.of(), Map.of(), null, 1)), StandardCharsets.UTF_8).replaceAll(",\\s*\"lakeFormat\"\\s*:\\s*1", "");
        assertThat(manifest).doesNotContain("lakeFormat");
        batches.replace(BucketLayout.processedManifestKey(1), manifest.getBytes(StandardCharsets.UTF_8));
        Database warehouse = BED.createEmptyDatabase();

        LoadReport report = new WarehouseLoader(BED.s3(), batches.bucketName(), warehouse.dataSource()).loadPending();

        assertThat(report.applied()).extracting(AppliedBatch::sequence).containsExactly(1L);
        WarehouseLoaderTest.assertTablesEqual(WarehouseContents.of(warehouse.dataSource()),
                WarehouseContents.expected(List.of(history.first)));
    }

    /**
     * History of the second lake format (decimals as two's-complement BINARY) written by parquet-avro, as the
     * transformer wrote it until its own writer: the money the warehouse gets is the same.
     */
    @Test
    void aBatchOfTheSecondLakeFormatParquetAvroWroteLoadsAsTheCurrentFormatWould() throws Exception {
        List<TableOutput> outputs = new ArrayList<>();
        for (TableOutput output : batches.writeFiles(1, history.first)) {
            Schema current = AvroSchemas.of(WarehouseCatalogue.table(output.table()));
            outputs.add(rewrittenByParquetAvro(output, current, LakeFormat.V2.schemaOf(current)));
        }
        assertThat(outputs.stream().filter(o -> o.table().equals(WarehouseCatalogue.FACT_PAYMENT.name()))
                .flatMap(o -> o.files().stream()).map(f -> moneyType(f.key())))
                .isNotEmpty().containsOnly(PrimitiveType.PrimitiveTypeName.BINARY);
        batches.replace(BucketLayout.processedManifestKey(1), ManifestJson.write(new ProcessedManifest(
                ProcessedManifest.FORMAT_VERSION, 1, BucketLayout.ingestionManifestKey(1),
                WarehouseCatalogue.SCHEMA_VERSION, Instant.EPOCH, outputs, List.of(), Map.of(), null,
                LakeFormat.V2.number())));
        Database warehouse = BED.createEmptyDatabase();

        LoadReport report = new WarehouseLoader(BED.s3(), batches.bucketName(), warehouse.dataSource()).loadPending();

        assertThat(report.applied()).extracting(AppliedBatch::sequence).containsExactly(1L);
        WarehouseLoaderTest.assertTablesEqual(WarehouseContents.of(warehouse.dataSource()),
                WarehouseContents.expected(List.of(history.first)));
    }

    @Test
    void aManifestOfALakeFormatNewerThanThisLoaderIsRefusedBeforeAnythingIsApplied() {
        List<TableOutput> outputs = batches.writeFiles(1, history.first);
        byte[] manifest = ManifestJson.write(new ProcessedManifest(ProcessedManifest.FORMAT_VERSION, 1,
                BucketLayout.ingestionManifestKey(1), WarehouseCatalogue.SCHEMA_VERSION, Instant.EPOCH, outputs,
                List.of(), Map.of(), null, LakeFormat.CURRENT.number() + 1));
        batches.replace(BucketLayout.processedManifestKey(1), manifest);
        Database warehouse = BED.createEmptyDatabase();

        assertThatThrownBy(() -> new WarehouseLoader(BED.s3(), batches.bucketName(), warehouse.dataSource())
                .loadPending())
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("processed-000000000001.json")
                .hasMessageContaining("lake format " + (LakeFormat.CURRENT.number() + 1))
                .hasMessageContaining("deploy the loader");
    }

    /** The table's files rewritten as the first format wrote them; the output then records the new objects. */
    private TableOutput asFirstFormat(WarehouseTable table, TableOutput output) throws IOException {
        Schema current = AvroSchemas.of(table);
        TableOutput rewritten = rewrittenByParquetAvro(output, current, LakeFormat.V1.schemaOf(current));
        for (DataFile file : rewritten.files()) {
            assertThat(new String(batches.read(file.key()), StandardCharsets.ISO_8859_1))
                    .as("a TIME-annotated time column").contains("time-millis");
        }
        return rewritten;
    }

    /**
     * The table's files rewritten by parquet-avro, an Avro record per row, as schema {@code schema}; the output then
     * records the new objects.
     */
    private TableOutput rewrittenByParquetAvro(TableOutput output, Schema current, Schema schema) throws IOException {
        WriteOnceBucket bucket = new WriteOnceBucket(BED.s3(), batches.bucketName());
        List<DataFile> files = new ArrayList<>();
        for (DataFile file : output.files()) {
            Path written = local.resolve(file.key().replace('/', '_'));
            try (ParquetTableReader reader = ParquetTableReader.open(BED.s3(), bucket, file.key(), current);
                 ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(
                                 new LocalOutputFile(written))
                         .withSchema(schema).withDataModel(LakeDataModel.get())
                         .withConf(new PlainParquetConfiguration())
                         .withWriteMode(ParquetFileWriter.Mode.OVERWRITE).build()) {
                for (GenericRecord row = reader.next(); row != null; row = reader.next()) {
                    GenericRecord source = row;
                    writer.write(Records.of(schema, schema.getFields().stream().map(f -> source.get(f.pos()))
                            .toArray()));
                }
            }
            byte[] bytes = Files.readAllBytes(written);
            assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).as("written by parquet-avro")
                    .contains("writer.model.name").doesNotContain("totes-etl");
            batches.replace(file.key(), bytes);
            files.add(new DataFile(file.key(), file.rows(), bytes.length, crc32c(bytes)));
        }
        return new TableOutput(output.table(), output.rows(), files);
    }

    /** The physical type of fact_payment's money column in the stored file {@code key}. */
    private PrimitiveType.PrimitiveTypeName moneyType(String key) {
        try {
            Path file = local.resolve("footer-" + key.replace('/', '_'));
            Files.write(file, batches.read(key));
            try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
                return reader.getFooter().getFileMetaData().getSchema().getType("payment_amount").asPrimitiveType()
                        .getPrimitiveTypeName();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Checksum crc32c(byte[] content) {
        return Checksum.of(Checksum.Algorithm.CRC32C, content);
    }
}
