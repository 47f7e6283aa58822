package com.terrifictotes.etl.engines;

import static io.trino.memory.context.AggregatedMemoryContext.newSimpleAggregatedMemoryContext;

import io.airlift.slice.Slice;
import io.trino.parquet.AbstractParquetDataSource;
import io.trino.parquet.Column;
import io.trino.parquet.ParquetDataSource;
import io.trino.parquet.ParquetDataSourceId;
import io.trino.parquet.ParquetReaderOptions;
import io.trino.parquet.ParquetTypeUtils;
import io.trino.parquet.metadata.ParquetMetadata;
import io.trino.parquet.predicate.PredicateUtils;
import io.trino.parquet.predicate.TupleDomainParquetPredicate;
import io.trino.parquet.reader.MetadataReader;
import io.trino.parquet.reader.ParquetReader;
import io.trino.parquet.reader.RowGroupInfo;
import io.trino.spi.block.Block;
import io.trino.spi.connector.SourcePage;
import io.trino.spi.predicate.TupleDomain;
import io.trino.spi.type.BigintType;
import io.trino.spi.type.BooleanType;
import io.trino.spi.type.DateType;
import io.trino.spi.type.DecimalType;
import io.trino.spi.type.Decimals;
import io.trino.spi.type.IntegerType;
import io.trino.spi.type.TimestampType;
import io.trino.spi.type.Type;
import io.trino.spi.type.TypeUtils;
import io.trino.spi.type.VarcharType;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.schema.MessageType;
import org.joda.time.DateTimeZone;

/**
 * Trino's own Parquet reader (the engine behind Athena), driven as its Hive connector drives it: each column read as
 * the type the table declares, not as the file describes it. A file whose column cannot be read as the declared type
 * fails here exactly as the query would ("Unsupported Trino column type ... for Parquet column ...").
 */
final class TrinoParquet {
    private static final Pattern DECIMAL = Pattern.compile("decimal\\((\\d+),(\\d+)\\)");

    private TrinoParquet() {
    }

    /** The Trino type of a Hive/Glue column type, as the Hive connector maps it (timestamps at its default, millis). */
    static Type ofGlueType(String glueType) {
        Matcher decimal = DECIMAL.matcher(glueType);
        if (decimal.matches()) {
            return DecimalType.createDecimalType(Integer.parseInt(decimal.group(1)), Integer.parseInt(decimal.group(2)));
        }
        return switch (glueType) {
            case "int" -> IntegerType.INTEGER;
            case "bigint" -> BigintType.BIGINT;
            case "string" -> VarcharType.VARCHAR;
            case "date" -> DateType.DATE;
            case "boolean" -> BooleanType.BOOLEAN;
            case "timestamp" -> TimestampType.TIMESTAMP_MILLIS;
            default -> throw new IllegalArgumentException("no Trino type known for Glue type " + glueType);
        };
    }

    /**
     * Every row of the file, each value as Trino hands it over, decoded to plain Java: Integer, Long (days since the
     * epoch for a date), String, Boolean, BigDecimal; null for SQL NULL.
     */
    static List<List<Object>> read(Path file, List<String> columns, List<Type> types) throws IOException {
        try (ParquetDataSource source = new LocalFile(file)) {
            ParquetMetadata metadata = MetadataReader.readFooter(source, Optional.empty());
            MessageType schema = metadata.getFileMetaData().getSchema();
            MessageColumnIO columnIo = ParquetTypeUtils.getColumnIO(schema, schema);
            List<Column> fields = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                String name = columns.get(i);
                fields.add(new Column(name, ParquetTypeUtils.constructField(types.get(i),
                                ParquetTypeUtils.lookupColumnByName(columnIo, name))
                        .orElseThrow(() -> new IllegalStateException(file + " has no column " + name))));
            }
            Map<List<String>, ColumnDescriptor> descriptors =
                    ParquetTypeUtils.getDescriptors(schema, schema);
            TupleDomain<ColumnDescriptor> all = TupleDomain.all();
            TupleDomainParquetPredicate predicate = PredicateUtils.buildPredicate(schema, all, descriptors,
                    DateTimeZone.UTC);
            List<RowGroupInfo> rowGroups = PredicateUtils.getFilteredRowGroups(0, source.getEstimatedSize(), source,
                    metadata, List.of(all), List.of(predicate), descriptors, DateTimeZone.UTC, 1000,
                    ParquetReaderOptions.defaultOptions());
            List<List<Object>> rows = new ArrayList<>();
            try (ParquetReader reader = new ParquetReader(
                    Optional.ofNullable(metadata.getFileMetaData().getCreatedBy()), fields, false, rowGroups, source,
                    DateTimeZone.UTC, newSimpleAggregatedMemoryContext(), ParquetReaderOptions.defaultOptions(),
                    e -> e instanceof RuntimeException runtime ? runtime : new RuntimeException(e),
                    Optional.of(predicate), Optional.empty())) {
                for (SourcePage page = reader.nextPage(); page != null; page = reader.nextPage()) {
                    for (int position = 0; position < page.getPositionCount(); position++) {
                        List<Object> row = new ArrayList<>();
                        for (int channel = 0; channel < types.size(); channel++) {
                            row.add(value(types.get(channel), page.getBlock(channel), position));
                        }
                        rows.add(row);
                    }
                }
            }
            return rows;
        }
    }

    private static Object value(Type type, Block block, int position) {
        if (block.isNull(position)) {
            return null;
        }
        if (type instanceof DecimalType decimal) {
            return Decimals.readBigDecimal(decimal, block, position);
        }
        Object nativeValue = TypeUtils.readNativeValue(type, block, position);
        if (type instanceof IntegerType) {
            return Math.toIntExact((Long) nativeValue);
        }
        return nativeValue instanceof Slice slice ? slice.toStringUtf8() : nativeValue;
    }

    /** A local file as Trino's data source (its own file source is test code of trino-parquet). */
    private static final class LocalFile extends AbstractParquetDataSource {
        private final RandomAccessFile file;

        LocalFile(Path path) throws IOException {
            this(path, new RandomAccessFile(path.toFile(), "r"));
        }

        private LocalFile(Path path, RandomAccessFile file) throws IOException {
            super(new ParquetDataSourceId(path.toString()), file.length(), ParquetReaderOptions.defaultOptions());
            this.file = file;
        }

        @Override
        protected void readInternal(long position, byte[] buffer, int offset, int length) throws IOException {
            file.seek(position);
            file.readFully(buffer, offset, length);
        }

        @Override
        public void close() throws IOException {
            file.close();
        }
    }
}
