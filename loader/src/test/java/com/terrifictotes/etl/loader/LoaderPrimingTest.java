package com.terrifictotes.etl.loader;

import static org.assertj.core.api.Assertions.assertThat;

import com.terrifictotes.etl.catalogue.Column;
import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import com.terrifictotes.etl.lake.AvroSchemas;
import com.terrifictotes.etl.lake.ParquetSettings;
import com.terrifictotes.etl.lake.ParquetTableReader;
import com.terrifictotes.etl.lake.ParquetTableWriter;
import com.terrifictotes.etl.runtime.SampleValues;
import com.terrifictotes.etl.s3.S3Priming;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class LoaderPrimingTest {
    private static final Path REGENERATED = Path.of("target", "priming-files");

    @Test
    void primesEveryTableWithoutTouchingANetwork() throws Exception {
        StringWriter sink = new StringWriter();

        int encoded = LoaderPriming.prime(sink);

        assertThat(encoded).isEqualTo(WarehouseCatalogue.TABLES.size());
        assertThat(sink.toString()).contains("COPY \"stage_fact_payment\"").contains("\"prime\"");
    }

    @Test
    void primesTheReadOfEveryTablesParquetFromS3WithoutTouchingANetwork() {
        StringWriter sink = new StringWriter();
        int[] read = new int[1];

        S3Priming.prime(Map.of("AWS_REGION", "eu-west-2"), bucket -> read[0] = LoaderPriming.readFromS3(bucket, sink));

        assertThat(read[0]).as("the row of each warehouse table's file, read back whole and by ranges, and encoded")
                .isEqualTo(2 * WarehouseCatalogue.TABLES.size());
        assertThat(sink.toString().lines()).hasSize(2 * WarehouseCatalogue.TABLES.size());
    }

    /**
     * The jar's priming files must be what the lake's writer writes for today's catalogue; after a change to a table
     * this fails, having written the new files under {@code loader/target/priming-files}: copy them to
     * {@code loader/src/main/resources/priming}.
     */
    @Test
    void thePrimingFilesHoldTheSampleRowOfEveryTableAsTheLakeWriterWritesIt() {
        List<String> stale = new ArrayList<>();
        S3Priming.prime(Map.of("AWS_REGION", "eu-west-2"), bucket -> {
            for (WarehouseTable table : WarehouseCatalogue.TABLES) {
                String fresh = "fresh/" + table.name() + ".parquet";
                try (ParquetTableWriter writer = ParquetTableWriter.open(bucket, fresh, AvroSchemas.of(table),
                        ParquetSettings.DEFAULT)) {
                    writer.write(sampleRecord(table));
                    writer.finish();
                }
                byte[] resource = resource(table);
                if (resource == null || !records(bucket, table, resource).equals(records(bucket, fresh, table))) {
                    stale.add(table.name());
                    regenerate(table, bucket.readAllBytes(fresh));
                }
            }
        });

        assertThat(stale).as("priming files to replace with those written to " + REGENERATED.toAbsolutePath())
                .isEmpty();
    }

    /** The file's rows as the loader would send them to COPY (Avro's own equality knows no java.time values). */
    private static List<String> records(WriteOnceBucket bucket, WarehouseTable table, byte[] file) {
        String key = "committed/" + table.name() + ".parquet";
        bucket.putIfAbsent(key, file, "application/vnd.apache.parquet");
        return records(bucket, key, table);
    }

    private static List<String> records(WriteOnceBucket bucket, String key, WarehouseTable table) {
        CopyRowEncoder encoder = CopyRowEncoder.forBatch(table, 1);
        List<String> records = new ArrayList<>();
        try (ParquetTableReader reader = ParquetTableReader.open(bucket.client(), bucket, key,
                AvroSchemas.of(table))) {
            for (GenericRecord record = reader.next(); record != null; record = reader.next()) {
                records.add(encoder.line(record));
            }
        } catch (RuntimeException unreadable) {
            return List.of(); // a file of an older schema: stale
        }
        return records;
    }

    private static byte[] resource(WarehouseTable table) {
        try (InputStream in = LoaderPriming.class.getResourceAsStream(LoaderPriming.primingFile(table.name()))) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void regenerate(WarehouseTable table, byte[] file) {
        try {
            Files.createDirectories(REGENERATED);
            Files.write(REGENERATED.resolve(table.name() + ".parquet"), file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A record of the table's schema with a plausible non-null value in every field. */
    static GenericRecord sampleRecord(WarehouseTable table) {
        GenericData.Record record = new GenericData.Record(AvroSchemas.of(table));
        List<Column> columns = table.loadColumns();
        for (int i = 0; i < columns.size(); i++) {
            record.put(i, SampleValues.of(columns.get(i)));
        }
        return record;
    }
}
