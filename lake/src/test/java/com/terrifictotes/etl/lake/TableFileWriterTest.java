package com.terrifictotes.etl.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.terrifictotes.etl.catalogue.Column;
import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.catalogue.ToteSysCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The column-by-column writer against parquet-java's {@code ParquetWriter} with parquet-avro's write support over the
 * same lake-format schema ({@link ParquetAvroWriterOfTheLakeFormat}), on the same generated rows of every table the
 * lake holds (the warehouse tables, the source tables' snapshots in both state forms, and lake format 1's time
 * columns): the same Parquet schema, the same footer metadata but the writer model's name, the same bytes from the
 * magic number to the footer (pages, dictionaries, statistics), and the same rows decoded.
 */
class TableFileWriterTest {
    private static final int ROWS = 5_000;
    /** Small row groups and pages, so a file has several of each. */
    private static final ParquetSettings SMALL = new ParquetSettings(CompressionCodecName.ZSTD, 4 << 10, 1 << 10);

    @TempDir
    Path directory;

    static Stream<Arguments> everyTableOfTheLake() {
        List<Arguments> tables = new ArrayList<>();
        for (WarehouseTable table : WarehouseCatalogue.TABLES) {
            tables.add(Arguments.of(table.name(), AvroSchemas.of(table), table.loadColumns()));
            tables.add(Arguments.of(table.name() + " (lake format 1)", LakeFormat.V1.schemaOf(AvroSchemas.of(table)),
                    table.loadColumns()));
        }
        for (SourceTable table : ToteSysCatalogue.TABLES) {
            tables.add(Arguments.of(table.name() + " (state)", AvroSchemas.ofState(table), table.columns()));
            tables.add(Arguments.of(table.name() + " (state, version 1)", AvroSchemas.of(table), table.columns()));
        }
        return tables.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyTableOfTheLake")
    void writesTheFileParquetAvroWroteForTheSameRows(String name, Schema schema, List<Column> columns)
            throws IOException {
        List<TableRow> rows = new CatalogueRows(name.hashCode()).rows(schema, columns, ROWS);
        for (ParquetSettings settings : List.of(ParquetSettings.DEFAULT, SMALL)) {
            Path before = directory.resolve(name + "-avro-" + settings.rowGroupBytes() + ".parquet");
            Path after = directory.resolve(name + "-columns-" + settings.rowGroupBytes() + ".parquet");
            try (ParquetWriter<GenericRecord> writer = ParquetAvroWriterOfTheLakeFormat.open(
                    new LocalOutputFile(before), schema, settings)) {
                for (TableRow row : rows) {
                    writer.write(ParquetAvroWriterOfTheLakeFormat.record(schema, row));
                }
            }
            try (TableFileWriter writer = ParquetTableWriter.parquetWriter(new LocalOutputFile(after), schema,
                    settings)) {
                for (TableRow row : rows) {
                    writer.write(row);
                }
            }
            ParquetMetadata avro = LakeFiles.footer(before);
            ParquetMetadata columnar = LakeFiles.footer(after);
            assertThat(columnar.getFileMetaData().getSchema()).isEqualTo(avro.getFileMetaData().getSchema());
            assertThat(withoutModelName(columnar)).isEqualTo(withoutModelName(avro)).containsKey("parquet.avro.schema");
            assertThat(columnar.getFileMetaData().getKeyValueMetaData())
                    .containsEntry("writer.model.name", TableFileWriter.MODEL_NAME);
            assertThat(chunks(columnar)).isEqualTo(chunks(avro));
            if (settings == SMALL) {
                assertThat(columnar.getBlocks()).hasSizeGreaterThan(1);
            }
            assertThat(dataBytes(after)).isEqualTo(dataBytes(before));
            List<TableRow> decoded = decoded(after, schema);
            assertThat(decoded).isEqualTo(decoded(before, schema));
            assertThat(decoded).isEqualTo(rows);
        }
    }

    @Test
    void storesMoneyAsTheUnscaledLongOfAnInt64DecimalAsTheParquetFormatAsksOfEighteenDigitsOrFewer()
            throws IOException {
        Schema schema = AvroSchemas.of(WarehouseCatalogue.FACT_PAYMENT);
        String money = schema.getFields().stream()
                .filter(f -> f.schema().getLogicalType() instanceof org.apache.avro.LogicalTypes.Decimal)
                .findFirst().orElseThrow().name();
        TableRow row = new CatalogueRows(4).rows(schema, WarehouseCatalogue.FACT_PAYMENT.loadColumns(), 1).get(0)
                .with(money, new BigDecimal("-12345678.90"));
        Path path = directory.resolve("money.parquet");
        try (TableFileWriter writer = ParquetTableWriter.parquetWriter(new LocalOutputFile(path), schema,
                ParquetSettings.DEFAULT)) {
            writer.write(row);
        }
        PrimitiveType column = LakeFiles.footer(path).getFileMetaData().getSchema().getType(money).asPrimitiveType();
        assertThat(column.getPrimitiveTypeName()).isEqualTo(PrimitiveType.PrimitiveTypeName.INT64);
        assertThat(column.getLogicalTypeAnnotation()).isEqualTo(LogicalTypeAnnotation.decimalType(2, 10));
        assertThat(LakeFiles.rawRecords(path)).singleElement()
                .satisfies(record -> assertThat(record.get(money)).isEqualTo(new BigDecimal("-12345678.90")));
        assertThat(decoded(path, schema)).containsExactly(row);
    }

    @Test
    void refusesANullInANotNullColumnNamingTheColumn() throws IOException {
        Schema schema = AvroSchemas.of(WarehouseCatalogue.DIM_CURRENCY);
        Object[] values = new Object[schema.getFields().size()];
        try (TableFileWriter writer = ParquetTableWriter.parquetWriter(
                new LocalOutputFile(directory.resolve("null.parquet")), schema, ParquetSettings.DEFAULT)) {
            assertThatThrownBy(() -> writer.write(TableRow.of(schema, values)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("dim_currency." + schema.getFields().get(0).name()
                            + " is NOT NULL but the row holds null");
        }
    }

    @Test
    void refusesAValueOfTheWrongTypeNamingTheColumn() throws IOException {
        Schema schema = AvroSchemas.of(WarehouseCatalogue.FACT_PAYMENT);
        List<TableRow> rows = new CatalogueRows(1).rows(schema, WarehouseCatalogue.FACT_PAYMENT.loadColumns(), 1);
        String time = schema.getFields().stream().filter(f -> f.schema().getLogicalType() instanceof TimeOfDayMillis)
                .findFirst().orElseThrow().name();
        assertThatThrownBy(() -> writeOne(schema, rows.get(0).with(time, "12:00")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fact_payment." + time + " cannot hold a String (12:00)");
        assertThatThrownBy(() -> writeOne(schema, rows.get(0).with(time, LocalTime.of(12, 0, 0, 1_000))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has digits below the millisecond");
    }

    @Test
    void takesNoRowAfterOneItCouldNotHoldAndWritesNoFooter() throws IOException {
        Schema schema = AvroSchemas.of(WarehouseCatalogue.FACT_PAYMENT);
        List<TableRow> rows = new CatalogueRows(3).rows(schema, WarehouseCatalogue.FACT_PAYMENT.loadColumns(), 2);
        String time = schema.getFields().stream().filter(f -> f.schema().getLogicalType() instanceof TimeOfDayMillis)
                .findFirst().orElseThrow().name();
        Path path = directory.resolve("abandoned.parquet");
        try (TableFileWriter writer = ParquetTableWriter.parquetWriter(new LocalOutputFile(path), schema,
                ParquetSettings.DEFAULT)) {
            writer.write(rows.get(0));
            assertThatThrownBy(() -> writer.write(rows.get(1).with(time, "12:00")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fact_payment." + time);
            assertThatThrownBy(() -> writer.write(rows.get(1))).isInstanceOf(IllegalStateException.class)
                    .hasMessage("the Parquet file of fact_payment is abandoned after a row it could not hold");
        }
        assertThatThrownBy(() -> LakeFiles.footer(path)).isInstanceOf(RuntimeException.class);
    }

    private void writeOne(Schema schema, TableRow row) throws IOException {
        try (TableFileWriter writer = ParquetTableWriter.parquetWriter(
                new LocalOutputFile(directory.resolve(java.util.UUID.randomUUID() + ".parquet")), schema,
                ParquetSettings.DEFAULT)) {
            writer.write(row);
        }
    }

    @Test
    void refusesARowOfAnotherTable() throws IOException {
        Schema payment = AvroSchemas.of(WarehouseCatalogue.FACT_PAYMENT);
        Schema currency = AvroSchemas.of(WarehouseCatalogue.DIM_CURRENCY);
        List<TableRow> rows = new CatalogueRows(2).rows(currency, WarehouseCatalogue.DIM_CURRENCY.loadColumns(), 1);
        try (TableFileWriter writer = ParquetTableWriter.parquetWriter(
                new LocalOutputFile(directory.resolve("other.parquet")), payment, ParquetSettings.DEFAULT)) {
            assertThatThrownBy(() -> writer.write(rows.get(0)))
                    .hasMessage("a row of " + currency.getFullName() + " cannot go into a file of "
                            + payment.getFullName());
        }
    }

    private static Map<String, String> withoutModelName(ParquetMetadata footer) {
        Map<String, String> metadata = new HashMap<>(footer.getFileMetaData().getKeyValueMetaData());
        metadata.remove("writer.model.name");
        return metadata;
    }

    /** What the footer says of every column chunk: where it lies, how it is encoded, its statistics. */
    private static List<String> chunks(ParquetMetadata footer) {
        List<String> chunks = new ArrayList<>();
        for (BlockMetaData block : footer.getBlocks()) {
            chunks.add("row group of " + block.getRowCount() + " rows, " + block.getTotalByteSize() + " bytes");
            for (ColumnChunkMetaData chunk : block.getColumns()) {
                chunks.add(chunk.getPath() + " " + chunk.getPrimitiveType() + " " + chunk.getCodec() + " "
                        + chunk.getEncodings() + " values " + chunk.getValueCount() + " at " + chunk.getStartingPos()
                        + " size " + chunk.getTotalSize() + "/" + chunk.getTotalUncompressedSize() + " "
                        + chunk.getStatistics());
            }
        }
        return chunks;
    }

    /** The file's bytes before its footer: magic number, then every row group's pages. */
    private static byte[] dataBytes(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int footerLength = ByteBuffer.wrap(bytes, bytes.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        return java.util.Arrays.copyOf(bytes, bytes.length - 8 - footerLength);
    }

    /** The rows as the lake's readers materialise them: in the table's schema, with the catalogue's Java types. */
    private static List<TableRow> decoded(Path file, Schema schema) throws IOException {
        PlainParquetConfiguration conf = new PlainParquetConfiguration();
        conf.set(ParquetTableReader.AVRO_READ_SCHEMA, LakeFormat.CURRENT.readSchemaOf(schema).toString());
        List<TableRow> rows = new ArrayList<>();
        try (var reader = AvroParquetReader.<GenericRecord>builder(new LocalInputFile(file), conf)
                .withDataModel(LakeDataModel.get()).build()) {
            for (GenericRecord record = reader.read(); record != null; record = reader.read()) {
                Object[] values = new Object[schema.getFields().size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = record.get(i);
                }
                rows.add(TableRow.of(schema, values));
            }
        }
        return rows;
    }
}
