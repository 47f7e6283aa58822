package com.terrifictotes.etl.lake;

import static com.terrifictotes.etl.catalogue.ToteSysCatalogue.TRANSACTION;
import static com.terrifictotes.etl.catalogue.WarehouseCatalogue.DIM_STAFF;
import static com.terrifictotes.etl.catalogue.WarehouseCatalogue.FACT_PAYMENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.terrifictotes.etl.error.BadInputException;
import com.terrifictotes.etl.manifest.Checksum;
import com.terrifictotes.etl.manifest.DataFile;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import com.terrifictotes.etl.testbed.servers.TestBed;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetTableRoundTripTest {
    private final TestBed bed = TestBed.shared();
    private final WriteOnceBucket bucket = new WriteOnceBucket(bed.s3(), bed.createBucket("lake-roundtrip"));

    @TempDir
    Path local;

    private static List<GenericRecord> payments(int count) {
        Schema schema = AvroSchemas.of(FACT_PAYMENT);
        List<GenericRecord> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(Records.of(schema, i, LocalDate.of(2022, 11, 3).plusDays(i % 400),
                    LocalTime.of(14, 20, 52, 186_000_000).plusSeconds(i), LocalDate.of(2023, 1, 5),
                    LocalTime.MIDNIGHT.plus(i, ChronoUnit.MILLIS), i + 1, 15, amount(i), 2, 3, i % 2 == 0,
                    LocalDate.of(1999, 12, 31).plusDays(i)));
        }
        return rows;
    }

    /** Up to ten digits (the column's full precision), every fifth negative, as refunds are. */
    private static BigDecimal amount(int i) {
        BigDecimal amount = BigDecimal.valueOf(i * 7_919_993L % 9_999_999_999L, 2);
        return i % 5 == 0 ? amount.negate() : amount;
    }

    private DataFile write(String key, Schema schema, List<GenericRecord> rows, ParquetSettings settings) {
        try (ParquetTableWriter writer = ParquetTableWriter.open(bucket, key, schema, settings)) {
            rows.forEach(writer::write);
            return writer.finish();
        }
    }

    private List<GenericRecord> readBack(String key, Schema schema) {
        List<GenericRecord> rows = new ArrayList<>();
        try (ParquetTableReader reader = ParquetTableReader.open(bed.s3(), bucket, key, schema)) {
            for (GenericRecord row = reader.next(); row != null; row = reader.next()) {
                rows.add(row);
            }
        }
        return rows;
    }

    @Test
    void readsBackEveryValueAsTheCatalogueJavaType() {
        List<GenericRecord> rows = payments(500);
        DataFile file = write("tables/fact_payment/part-0.parquet", AvroSchemas.of(FACT_PAYMENT), rows,
                ParquetSettings.DEFAULT);

        assertThat(file.rows()).isEqualTo(500);
        assertThat(file.checksum()).isEqualTo(Checksum.of(Checksum.Algorithm.CRC32C, bucket.readAllBytes(file.key())));
        assertThat(readBack(file.key(), AvroSchemas.of(FACT_PAYMENT))).isEqualTo(rows);
    }

    @Test
    void storesDecimalsDatesAndTimesAsTheirLogicalTypesForOtherReaders() {
        List<GenericRecord> rows = payments(50);
        DataFile file = write("tables/fact_payment/part-0.parquet", AvroSchemas.of(FACT_PAYMENT), rows,
                ParquetSettings.DEFAULT);
        Path downloaded = LakeFiles.download(bucket, file.key(), local);

        List<GenericRecord> raw = LakeFiles.rawRecords(downloaded);
        assertThat(raw).hasSize(50);
        for (int i = 0; i < 50; i++) {
            GenericRecord expected = rows.get(i);
            GenericRecord actual = raw.get(i);
            // parquet-avro's plain model reads an INT64 decimal as a BigDecimal of the column's scale
            assertThat(actual.get("payment_amount")).isEqualTo(expected.get("payment_amount"));
            assertThat(actual.get("payment_date"))
                    .isEqualTo((int) ((LocalDate) expected.get("payment_date")).toEpochDay());
            assertThat(actual.get("created_time"))
                    .isEqualTo(((LocalTime) expected.get("created_time")).toSecondOfDay() * 1000
                            + ((LocalTime) expected.get("created_time")).getNano() / 1_000_000);
            assertThat(actual.get("paid")).isEqualTo(expected.get("paid"));
        }
        MessageType schema = LakeFiles.footer(downloaded).getFileMetaData().getSchema();
        assertThat(schema.getType("payment_amount").getLogicalTypeAnnotation())
                .isEqualTo(LogicalTypeAnnotation.decimalType(2, 10));
        // lake format 3: money is the unscaled INT64 the Parquet format asks of a decimal of up to 18 digits
        assertThat(schema.getType("payment_amount").asPrimitiveType().getPrimitiveTypeName())
                .isEqualTo(PrimitiveType.PrimitiveTypeName.INT64);
        assertThat(schema.getType("payment_date").getLogicalTypeAnnotation())
                .isEqualTo(LogicalTypeAnnotation.dateType());
        // lake format 2: a local time of day is a plain INT32 of milliseconds after midnight, which Athena reads as
        // the int the Glue table declares (a TIME annotation makes Trino refuse it, and would call it UTC)
        assertThat(schema.getType("created_time").asPrimitiveType().getPrimitiveTypeName())
                .isEqualTo(PrimitiveType.PrimitiveTypeName.INT32);
        assertThat(schema.getType("created_time").getLogicalTypeAnnotation()).isNull();
        assertThat(schema.getType("last_updated_time").getLogicalTypeAnnotation()).isNull();
    }

    @Test
    void readsFilesOfTheFirstLakeFormatWhoseTimesAreAnnotatedAsTheSameValues() throws Exception {
        Schema current = AvroSchemas.of(FACT_PAYMENT);
        Schema v1 = LakeFormat.V1.schemaOf(current);
        List<GenericRecord> rows = payments(300);
        Path file = local.resolve("v1.parquet");
        try (ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
                .withSchema(v1).withDataModel(LakeDataModel.get()).withConf(new PlainParquetConfiguration())
                .withCompressionCodec(CompressionCodecName.ZSTD).build()) {
            for (GenericRecord row : rows) {
                writer.write(Records.of(v1, row.getSchema().getFields().stream().map(f -> row.get(f.pos())).toArray()));
            }
        }
        MessageType written = LakeFiles.footer(file).getFileMetaData().getSchema();
        assertThat(written.getType("created_time").getLogicalTypeAnnotation())
                .isEqualTo(LogicalTypeAnnotation.timeType(true, LogicalTypeAnnotation.TimeUnit.MILLIS));
        bucket.putIfAbsent("tables/fact_payment/batch=000000000001/part-00000.parquet", Files.readAllBytes(file),
                "application/vnd.apache.parquet");

        List<GenericRecord> back = readBack("tables/fact_payment/batch=000000000001/part-00000.parquet", current);

        assertThat(back).isEqualTo(rows);
        assertThat(back.get(7).get("created_time")).isInstanceOf(LocalTime.class);
    }

    @Test
    void readsFilesOfTheSecondLakeFormatWhoseDecimalsAreBinaryAsTheSameValues() throws Exception {
        Schema current = AvroSchemas.of(FACT_PAYMENT);
        List<GenericRecord> rows = payments(300);
        Path file = local.resolve("v2.parquet");
        try (ParquetWriter<GenericRecord> writer = AvroWriterOfEarlierReleases.open(new LocalOutputFile(file),
                LakeFormat.V2.schemaOf(current), ParquetSettings.DEFAULT)) {
            for (GenericRecord row : rows) {
                writer.write(row);
            }
        }
        PrimitiveType money = LakeFiles.footer(file).getFileMetaData().getSchema().getType("payment_amount")
                .asPrimitiveType();
        assertThat(money.getPrimitiveTypeName()).isEqualTo(PrimitiveType.PrimitiveTypeName.BINARY);
        String key = "tables/fact_payment/batch=000000000002/part-00000.parquet";
        bucket.putIfAbsent(key, Files.readAllBytes(file), "application/vnd.apache.parquet");

        List<GenericRecord> back = readBack(key, current);

        assertThat(back).isEqualTo(rows);
        assertThat(back.get(0).getSchema()).isEqualTo(current);
        assertThat(back.get(5).get("payment_amount")).isEqualTo(amount(5)).isInstanceOf(BigDecimal.class);
    }

    @Test
    void refusesAFileThatMixesTheTimeRepresentationsOfTwoLakeFormats() throws Exception {
        Schema current = AvroSchemas.of(FACT_PAYMENT);
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field field : current.getFields()) {
            Schema type = field.name().equals("created_time")
                    ? LakeFormat.V1.schemaOf(current).getField("created_time").schema() : field.schema();
            fields.add(new Schema.Field(field.name(), type, field.doc(), field.defaultVal()));
        }
        Schema mixed = Schema.createRecord(current.getName(), null, current.getNamespace(), false, fields);
        Path file = local.resolve("mixed.parquet");
        try (ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
                .withSchema(mixed).withDataModel(LakeDataModel.get()).withConf(new PlainParquetConfiguration())
                .build()) {
            GenericRecord row = payments(1).get(0);
            writer.write(Records.of(mixed, row.getSchema().getFields().stream().map(f -> row.get(f.pos())).toArray()));
        }
        bucket.putIfAbsent("mixed.parquet", Files.readAllBytes(file), "application/vnd.apache.parquet");

        assertThatThrownBy(() -> readBack("mixed.parquet", current))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining(bucket.uri("mixed.parquet"))
                .hasMessageContaining("created_time");
    }

    @Test
    void refusesToWriteATimeWithDigitsBelowTheMillisecond() {
        Schema schema = AvroSchemas.of(FACT_PAYMENT);
        GenericRecord row = payments(1).get(0);
        row.put("created_time", LocalTime.of(10, 0, 0, 1_000));
        try (ParquetTableWriter writer = ParquetTableWriter.open(bucket, "sub-milli.parquet", schema,
                ParquetSettings.DEFAULT)) {
            assertThatThrownBy(() -> writer.write(row)).hasMessageContaining("below the millisecond");
        }
        assertThat(bucket.exists("sub-milli.parquet")).isFalse();
    }

    @Test
    void compressesEveryColumnWithTheConfiguredStandardCodec() {
        DataFile file = write("tables/fact_payment/part-0.parquet", AvroSchemas.of(FACT_PAYMENT), payments(10),
                ParquetSettings.DEFAULT);
        ParquetMetadata footer = LakeFiles.footer(LakeFiles.download(bucket, file.key(), local));
        assertThat(footer.getBlocks()).allSatisfy(block -> assertThat(block.getColumns())
                .extracting(ColumnChunkMetaData::getCodec).containsOnly(ParquetSettings.DEFAULT.codec()));
        assertThat(ParquetSettings.DEFAULT.codec()).isIn(CompressionCodecName.ZSTD, CompressionCodecName.SNAPPY);
    }

    @Test
    void keepsNullsOfOptionalColumnsAndStringsAsJavaStrings() {
        Schema schema = AvroSchemas.of(DIM_STAFF);
        List<GenericRecord> rows = List.of(
                Records.of(schema, 1, "Jeremie", "Franey", "Purchasing", null, "jeremie.franey@terrifictotes.com"),
                Records.of(schema, 2, "Deron", "Beier", "Facilities", "", "deron.beier@terrifictotes.com"));
        DataFile file = write("tables/dim_staff/part-0.parquet", schema, rows, ParquetSettings.DEFAULT);

        List<GenericRecord> back = readBack(file.key(), schema);
        assertThat(back).isEqualTo(rows);
        assertThat(back.get(0).get("first_name")).isInstanceOf(String.class);
        assertThat(back.get(0).get("location")).isNull();
        assertThat(back.get(1).get("location")).isEqualTo("");
    }

    @Test
    void roundTripsZoneLessSourceTimestampsToTheMicrosecond() {
        Schema schema = AvroSchemas.of(TRANSACTION);
        LocalDateTime created = LocalDateTime.of(2022, 11, 3, 14, 20, 52, 186_000_000);
        LocalDateTime updated = LocalDateTime.of(2024, 3, 31, 1, 30, 0, 123_456_000);
        List<GenericRecord> rows = List.of(Records.of(schema, 1, "SALE", 1, null, created, updated),
                Records.of(schema, 2, "PURCHASE", null, 2, created, updated));
        DataFile file = write("state/transaction/part-0.parquet", schema, rows, ParquetSettings.DEFAULT);

        assertThat(readBack(file.key(), schema)).isEqualTo(rows);
        GenericRecord raw = LakeFiles.rawRecords(LakeFiles.download(bucket, file.key(), local)).get(0);
        assertThat(raw.get("last_updated")).isEqualTo(updated.toEpochSecond(java.time.ZoneOffset.UTC) * 1_000_000L
                + 123_456);
    }

    @Test
    void readsAFileOfManyRowGroupsThroughRangedRequests() {
        ParquetSettings small = new ParquetSettings(ParquetSettings.DEFAULT.codec(), 64 * 1024, 8 * 1024);
        List<GenericRecord> rows = payments(40_000);
        DataFile file = write("tables/fact_payment/part-0.parquet", AvroSchemas.of(FACT_PAYMENT), rows, small);

        assertThat(LakeFiles.footer(LakeFiles.download(bucket, file.key(), local)).getBlocks().size())
                .isGreaterThan(3);
        assertThat(readBack(file.key(), AvroSchemas.of(FACT_PAYMENT))).isEqualTo(rows);
    }

    @Test
    void writesTheSameBytesForTheSameRows() {
        List<GenericRecord> rows = payments(1_000);
        DataFile first = write("a.parquet", AvroSchemas.of(FACT_PAYMENT), rows, ParquetSettings.DEFAULT);
        DataFile second = write("b.parquet", AvroSchemas.of(FACT_PAYMENT), rows, ParquetSettings.DEFAULT);
        DataFile retry = write("a.parquet", AvroSchemas.of(FACT_PAYMENT), rows, ParquetSettings.DEFAULT);

        assertThat(second.checksum()).isEqualTo(first.checksum());
        assertThat(retry).isEqualTo(first);
    }
}
