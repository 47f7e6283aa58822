package com.terrifictotes.etl.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A row handed to the columns by its producer ({@link ColumnarRow}) gives the file that the same row as a
 * {@link TableRow} gives, byte for byte, in every warehouse table; and the writer refuses what the file cannot hold
 * as it does a {@code TableRow}'s, abandoning the file.
 */
class ColumnarRowTest {
    private static final int ROWS = 5_000;
    private static final ParquetSettings SMALL = new ParquetSettings(CompressionCodecName.ZSTD, 4 << 10, 1 << 10);

    @TempDir
    Path directory;

    static Stream<WarehouseTable> everyWarehouseTable() {
        return WarehouseCatalogue.TABLES.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyWarehouseTable")
    void writesTheBytesTheSameTableRowsGive(WarehouseTable table) throws IOException {
        Schema schema = AvroSchemas.of(table);
        List<TableRow> rows = new CatalogueRows(table.name().hashCode()).rows(schema, table.loadColumns(), ROWS);
        for (ParquetSettings settings : List.of(ParquetSettings.DEFAULT, SMALL)) {
            Path asRows = directory.resolve(table.name() + "-rows-" + settings.rowGroupBytes() + ".parquet");
            Path asColumns = directory.resolve(table.name() + "-columns-" + settings.rowGroupBytes() + ".parquet");
            try (TableFileWriter writer = TableFileWriter.open(new LocalOutputFile(asRows), schema, settings)) {
                for (TableRow row : rows) {
                    writer.write(row);
                }
            }
            try (TableFileWriter writer = TableFileWriter.open(new LocalOutputFile(asColumns), schema, settings)) {
                for (TableRow row : rows) {
                    writer.write(columnar(schema, row));
                }
            }
            assertThat(Files.readAllBytes(asColumns)).isEqualTo(Files.readAllBytes(asRows));
        }
    }

    @Test
    void refusesANullInANotNullColumnAndAValueOfAnotherPhysicalTypeAbandoningTheFile() throws IOException {
        Schema schema = AvroSchemas.of(WarehouseCatalogue.DIM_CURRENCY);
        Path path = directory.resolve("refused.parquet");
        try (TableFileWriter writer = TableFileWriter.open(new LocalOutputFile(path), schema,
                ParquetSettings.DEFAULT)) {
            assertThatThrownBy(() -> writer.write(columns -> columns.writeNull(0)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("dim_currency." + schema.getFields().get(0).name() + " is NOT NULL");
            assertThatThrownBy(() -> writer.write(columns -> columns.writeInt(0, 1)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("abandoned");
        }
        assertThatThrownBy(() -> LakeFiles.footer(path)).isInstanceOf(RuntimeException.class);
        try (TableFileWriter writer = TableFileWriter.open(new LocalOutputFile(directory.resolve("typed.parquet")),
                schema, ParquetSettings.DEFAULT)) {
            assertThatThrownBy(() -> writer.write(columns -> columns.writeLong(0, 1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("dim_currency." + schema.getFields().get(0).name() + " is INT32, not INT64");
        }
    }

    /** The row's values handed over as a producer of primitives would, by their Java type. */
    private static ColumnarRow columnar(Schema schema, TableRow row) {
        return columns -> {
            for (int i = 0; i < row.values().length; i++) {
                write(columns, schema, i, row.get(i));
            }
        };
    }

    private static void write(ColumnarRow.RowColumns columns, Schema schema, int i, Object value) {
        if (value == null) {
            columns.writeNull(i);
        } else if (value instanceof Integer number) {
            columns.writeInt(i, number);
        } else if (value instanceof LocalDate date) {
            columns.writeInt(i, (int) date.toEpochDay());
        } else if (value instanceof LocalTime time) {
            columns.writeInt(i, (int) (time.toNanoOfDay() / 1_000_000));
        } else if (value instanceof LocalDateTime timestamp) {
            columns.writeLong(i, timestamp.toEpochSecond(ZoneOffset.UTC) * 1_000_000
                    + timestamp.getNano() / 1_000);
        } else if (value instanceof BigDecimal decimal) {
            columns.writeUnscaled(i, decimal.setScale(scale(schema, i)).unscaledValue().longValueExact());
        } else if (value instanceof Boolean bool) {
            columns.writeBoolean(i, bool);
        } else {
            columns.writeText(i, (String) value);
        }
    }

    private static int scale(Schema schema, int column) {
        Schema type = schema.getFields().get(column).schema();
        if (type.isNullable()) {
            type = type.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).findFirst().orElseThrow();
        }
        return ((LogicalTypes.Decimal) type.getLogicalType()).getScale();
    }
}
