package com.terrifictotes.etl.engines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.terrifictotes.etl.catalogue.Column;
import com.terrifictotes.etl.catalogue.GlueTypes;
import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import com.terrifictotes.etl.lake.AvroSchemas;
import com.terrifictotes.etl.lake.LakeDataModel;
import com.terrifictotes.etl.lake.LakeFormat;
import com.terrifictotes.etl.lake.Records;
import com.terrifictotes.etl.manifest.DataFile;
import io.trino.spi.type.Type;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.PrimitiveType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The processed zone as analysts meet it: every table and column read by Trino's own Parquet reader (Athena's engine)
 * declaring exactly the Glue type the stack declares ({@link GlueTypes}, the code behind the stack's LakeCatalog), and
 * by DuckDB (declared types, {@code SELECT *}, and a query filtered on the {@code batch} partition). Both must see
 * exactly the values the pipeline's own reader decodes.
 */
class AthenaEnginesReadTheLakeTest {
    private static final Pattern DECIMAL = Pattern.compile("decimal\\((\\d+),(\\d+)\\)");

    @TempDir
    static Path root;
    private static ProcessedZoneFixture lake;
    private static Connection duckdb;

    @BeforeAll
    static void writeAProcessedZoneWithThePipeline() throws SQLException {
        lake = ProcessedZoneFixture.create(root);
        duckdb = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement settings = duckdb.createStatement()) {
            settings.execute("SET threads = 1");
        }
    }

    @AfterAll
    static void closeDuckDb() throws SQLException {
        if (duckdb != null) {
            duckdb.close();
        }
    }

    static Stream<WarehouseTable> tables() {
        return WarehouseCatalogue.TABLES.stream();
    }

    @ParameterizedTest
    @MethodSource("tables")
    void trinoReadsEveryColumnAsTheTypeTheGlueTableDeclares(WarehouseTable table) throws Exception {
        List<String> names = table.loadColumnNames();
        List<Type> declared = table.loadColumns().stream().map(c -> TrinoParquet.ofGlueType(GlueTypes.of(c.type())))
                .toList();
        List<DataFile> files = lake.files(table);
        assertThat(files).as("the pipeline wrote rows of " + table.name()).isNotEmpty();
        long rows = 0;
        for (DataFile file : files) {
            List<List<Object>> read = TrinoParquet.read(lake.local(file), names, declared);

            assertThat(read).as(file.key()).isEqualTo(expected(table, lake.pipelineRows(table, file)));
            rows += read.size();
        }
        assertThat(rows).isEqualTo(lake.rows(table));
    }

    @Test
    void trinoRefusesTheTimesOfTheFirstLakeFormatAsTheDeclaredIntWhichIsWhyTheFormatChanged() throws Exception {
        WarehouseTable table = WarehouseCatalogue.FACT_SALES_ORDER;
        DataFile current = lake.files(table).get(0);
        Path v1 = writtenByParquetAvro(root.resolve("v1-fact_sales_order.parquet"), LakeFormat.V1, table, current);

        assertThatThrownBy(() -> TrinoParquet.read(v1, List.of("created_time"),
                List.of(TrinoParquet.ofGlueType(GlueTypes.of(table.column("created_time").type())))))
                .hasMessageContaining("Unsupported Trino column type");
        assertThat(TrinoParquet.read(lake.local(current), List.of("created_time"),
                List.of(TrinoParquet.ofGlueType("int")))).isNotEmpty();
    }

    @Test
    void trinoReadsTheBinaryMoneyOfTheSecondLakeFormatAsTheSameDeclaredDecimal() throws Exception {
        WarehouseTable table = WarehouseCatalogue.FACT_PAYMENT;
        DataFile current = lake.files(table).get(0);
        Path v2 = writtenByParquetAvro(root.resolve("v2-fact_payment.parquet"), LakeFormat.V2, table, current);
        List<String> names = table.loadColumnNames();
        List<Type> declared = table.loadColumns().stream().map(c -> TrinoParquet.ofGlueType(GlueTypes.of(c.type())))
                .toList();

        assertThat(moneyType(v2)).isEqualTo(PrimitiveType.PrimitiveTypeName.BINARY);
        assertThat(moneyType(lake.local(current))).isEqualTo(PrimitiveType.PrimitiveTypeName.INT64);
        assertThat(TrinoParquet.read(v2, names, declared)).isNotEmpty()
                .isEqualTo(TrinoParquet.read(lake.local(current), names, declared));
    }

    /** The rows of the pipeline's {@code file} of {@code table} as parquet-avro wrote them in lake format 1 or 2. */
    private static Path writtenByParquetAvro(Path path, LakeFormat format, WarehouseTable table, DataFile file)
            throws IOException {
        Schema schema = format.schemaOf(AvroSchemas.of(table));
        try (ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(path))
                .withSchema(schema).withDataModel(LakeDataModel.get()).withConf(new PlainParquetConfiguration())
                .build()) {
            for (GenericRecord row : lake.pipelineRows(table, file)) {
                writer.write(Records.of(schema, schema.getFields().stream().map(f -> row.get(f.pos())).toArray()));
            }
        }
        return path;
    }

    private static PrimitiveType.PrimitiveTypeName moneyType(Path file) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
            return reader.getFooter().getFileMetaData().getSchema().getType("payment_amount").asPrimitiveType()
                    .getPrimitiveTypeName();
        }
    }

    @ParameterizedTest
    @MethodSource("tables")
    void duckDbSeesTheDeclaredTypesPlusTheBatchPartition(WarehouseTable table) throws SQLException {
        Map<String, String> described = new LinkedHashMap<>();
        try (Statement statement = duckdb.createStatement();
             ResultSet columns = statement.executeQuery("DESCRIBE SELECT * FROM " + allBatches(table))) {
            while (columns.next()) {
                described.put(columns.getString("column_name"), columns.getString("column_type"));
            }
        }

        Map<String, String> declared = new LinkedHashMap<>();
        table.loadColumns().forEach(c -> declared.put(c.name(), duckDbType(GlueTypes.of(c.type()))));
        declared.put("batch", "BIGINT");
        assertThat(described).containsExactlyEntriesOf(declared);
    }

    @ParameterizedTest
    @MethodSource("tables")
    void duckDbSelectsEveryRowAndValueAndFiltersOnTheBatchPartition(WarehouseTable table) throws SQLException {
        List<Object> expectedRows = new ArrayList<>();
        for (DataFile file : lake.files(table)) {
            expectedRows.addAll(expected(table, lake.pipelineRows(table, file)));
        }
        List<Object> selected = new ArrayList<>();
        try (Statement statement = duckdb.createStatement();
             ResultSet rows = statement.executeQuery("SELECT * FROM " + allBatches(table))) {
            while (rows.next()) {
                List<Object> row = new ArrayList<>();
                for (Column column : table.loadColumns()) {
                    row.add(duckDbValue(column, rows));
                }
                selected.add(row);
            }
        }
        assertThat(selected).containsExactlyInAnyOrderElementsOf(expectedRows);

        for (long batch = 1; batch <= ProcessedZoneFixture.BATCHES; batch++) {
            try (Statement statement = duckdb.createStatement();
                 ResultSet count = statement.executeQuery("SELECT count(*) FROM " + allBatches(table)
                         + " WHERE batch = " + batch)) {
                count.next();
                assertThat(count.getLong(1)).as(table.name() + " batch " + batch)
                        .isEqualTo(lake.rows(table, batch));
            }
        }
        assertThat(LongStream.rangeClosed(1, ProcessedZoneFixture.BATCHES).map(b -> lake.rows(table, b)).distinct()
                .count()).as("the filter has something to tell apart").isGreaterThan(1);
    }

    /** What Trino and DuckDB should hand over for the pipeline's row: the stored value, in plain Java. */
    private static List<Object> expected(WarehouseTable table, List<GenericRecord> rows) {
        List<Object> converted = new ArrayList<>();
        for (GenericRecord row : rows) {
            List<Object> values = new ArrayList<>();
            for (Column column : table.loadColumns()) {
                Object value = row.get(column.name());
                values.add(switch (value) {
                    case null -> null;
                    case LocalDate date -> date.toEpochDay();
                    case LocalTime time -> (int) (time.toNanoOfDay() / 1_000_000);
                    case LocalDateTime stamp -> epochMicros(stamp);
                    case CharSequence text -> text.toString();
                    default -> value;
                });
            }
            converted.add(values);
        }
        return converted;
    }

    private static Object duckDbValue(Column column, ResultSet rows) throws SQLException {
        Object value = switch (column.type()) {
            case INTEGER, TIME_MILLIS -> rows.getInt(column.name());
            case TEXT, VARCHAR_3, ENUM -> rows.getString(column.name());
            case DECIMAL_10_2 -> rows.getBigDecimal(column.name());
            case DATE -> rows.getObject(column.name(), LocalDate.class).toEpochDay();
            case BOOLEAN -> rows.getBoolean(column.name());
            case TIMESTAMP_MILLIS -> {
                LocalDateTime stamp = rows.getObject(column.name(), LocalDateTime.class);
                yield stamp == null ? null : epochMicros(stamp);
            }
        };
        return rows.wasNull() ? null : value instanceof BigDecimal decimal ? decimal.setScale(2) : value;
    }

    /** A warehouse timestamp (UTC wall time) as Trino's short timestamp: microseconds since the epoch. */
    private static long epochMicros(LocalDateTime stamp) {
        Instant instant = stamp.toInstant(ZoneOffset.UTC);
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000L);
    }

    private static String allBatches(WarehouseTable table) {
        return "read_parquet('" + root.resolve("tables").resolve(table.name()) + "/batch=*/*.parquet', "
                + "hive_partitioning = true, hive_types = {'batch': BIGINT})";
    }

    private static String duckDbType(String glueType) {
        Matcher decimal = DECIMAL.matcher(glueType);
        if (decimal.matches()) {
            return "DECIMAL(" + decimal.group(1) + "," + decimal.group(2) + ")";
        }
        return switch (glueType) {
            case "int" -> "INTEGER";
            case "string" -> "VARCHAR";
            default -> glueType.toUpperCase(Locale.ROOT);
        };
    }
}
