package com.terrifictotes.etl.bench.hotpaths;

import com.terrifictotes.etl.catalogue.ColumnType;
import com.terrifictotes.etl.catalogue.Identifiers;
import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.catalogue.ToteSysCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import com.terrifictotes.etl.loader.BinaryCopyAccess;
import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.manifest.DataFile;
import com.terrifictotes.etl.manifest.IngestionManifest;
import com.terrifictotes.etl.manifest.ManifestJson;
import com.terrifictotes.etl.manifest.ProcessedManifest;
import com.terrifictotes.etl.manifest.TableExtract;
import com.terrifictotes.etl.manifest.TableOutput;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import com.terrifictotes.etl.transformer.CsvRecordReaderAccess;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The real input of the hot paths, read once before anything is timed, from the batch the extractor and the
 * transformer wrote at the benchmark's scale: the CSV parts of the largest ingestion tables (bytes as stored), the
 * timestamp cells of that CSV, PostgreSQL's own text of the same timestamps (what the extractor's COPY receives) and
 * the binary COPY the loader writes of the largest processed tables. Above SF10 the input is capped
 * ({@link #MAX_CSV_BYTES} of whole CSV parts, {@link #MAX_VALUES} values, whole files up to {@link #MAX_VALUES}
 * rows), so that it fits the stage's heap; the figures are per byte or per value either way.
 *
 * @param timestamps   the timestamp cells of {@code csv}, in the dialect's text, at most {@link #MAX_VALUES}
 * @param pgTimestamps PostgreSQL's text of the same columns of the same tables, at most {@link #MAX_VALUES}
 */
public record HotPathInputs(List<CsvFile> csv, List<String> timestamps, List<byte[]> pgTimestamps,
                            List<TableCopy> copies) {
    /** Enough values (and rows) for a stable figure, few enough for a 512 MB heap beside the rest. */
    static final int MAX_VALUES = 400_000;
    /** CSV parts are taken whole while they fit in this (the first always is): SF10's three largest tables. */
    static final long MAX_CSV_BYTES = 64L << 20;

    /** One CSV part of the ingestion zone. */
    public record CsvFile(String table, String key, byte[] bytes) {
    }

    /** One processed file of a warehouse table as the loader's binary COPY of its {@code rows}. */
    public record TableCopy(WarehouseTable table, byte[] copy, long rows) {
    }

    public long csvBytes() {
        return csv.stream().mapToLong(file -> file.bytes().length).sum();
    }

    public long copyRows() {
        return copies.stream().mapToLong(TableCopy::rows).sum();
    }

    /** What the inputs are, for the report: tables, sizes, counts. */
    public String describe() {
        return String.format("CSV of %s: %s parts, %.1f MB; %,d timestamp cells; %,d PostgreSQL timestamp texts; "
                        + "loader's binary COPY of %s: %,d rows",
                csv.stream().map(CsvFile::table).distinct().collect(Collectors.joining(", ")), csv.size(),
                csvBytes() / 1e6, timestamps.size(), pgTimestamps.size(),
                copies.stream().map(t -> t.table().name()).distinct().collect(Collectors.joining(", ")),
                copyRows());
    }

    /** Reads batch 1 of both buckets and the source's timestamps; {@code tables} largest tables of each zone. */
    public static HotPathInputs load(S3Client s3, String ingestionBucket, String processedBucket, DataSource toteSys,
                                     int tables) throws IOException, SQLException {
        WriteOnceBucket ingestion = new WriteOnceBucket(s3, ingestionBucket);
        String manifestKey = BucketLayout.ingestionManifestKey(1);
        IngestionManifest manifest = ManifestJson.readIngestion(ingestion.uri(manifestKey),
                ingestion.readAllBytes(manifestKey));
        List<TableExtract> largest = manifest.tables().stream()
                .sorted(Comparator.comparingLong(TableExtract::bytes).reversed()).limit(tables).toList();
        List<CsvFile> csv = new ArrayList<>();
        long total = 0;
        for (TableExtract table : largest) {
            for (DataFile file : table.files()) {
                if (csv.isEmpty() || total + file.bytes() <= MAX_CSV_BYTES) {
                    csv.add(new CsvFile(table.table(), file.key(), ingestion.readAllBytes(file.key())));
                    total += file.bytes();
                }
            }
        }
        List<SourceTable> sources = csv.stream().map(CsvFile::table).distinct().map(ToteSysCatalogue::table)
                .toList();
        return new HotPathInputs(csv, timestampCells(csv), pgTimestamps(toteSys, sources),
                loaderCopies(s3, processedBucket, tables));
    }

    private static List<String> timestampCells(List<CsvFile> csv) {
        List<String> cells = new ArrayList<>();
        for (CsvFile file : csv) {
            SourceTable table = ToteSysCatalogue.table(file.table());
            Supplier<String[]> records = CsvRecordReaderAccess.open(new ByteArrayInputStream(file.bytes()),
                    file.key());
            String[] header = records.get();
            int[] columns = Arrays.stream(header).filter(table::hasColumn)
                    .filter(name -> table.column(name).type() == ColumnType.TIMESTAMP_MILLIS)
                    .mapToInt(name -> Arrays.asList(header).indexOf(name)).toArray();
            for (String[] record = records.get(); record != null && cells.size() < MAX_VALUES;
                 record = records.get()) {
                for (int column : columns) {
                    if (record[column] != null) {
                        cells.add(record[column]);
                    }
                }
            }
        }
        return cells;
    }

    /** The timestamp columns as PostgreSQL prints them in {@code COPY ... TO STDOUT} text, one byte array each. */
    private static List<byte[]> pgTimestamps(DataSource toteSys, List<SourceTable> tables) throws SQLException,
            IOException {
        List<byte[]> texts = new ArrayList<>();
        try (Connection connection = toteSys.getConnection()) {
            for (SourceTable table : tables) {
                String columns = table.columns().stream().filter(c -> c.type() == ColumnType.TIMESTAMP_MILLIS)
                        .map(c -> Identifiers.quote(c.name())).collect(Collectors.joining(", "));
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                connection.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (SELECT " + columns + " FROM "
                        + table.quotedName() + " LIMIT " + MAX_VALUES + ") TO STDOUT", out);
                split(out.toByteArray(), texts);
            }
        }
        return texts.size() <= MAX_VALUES ? texts : List.copyOf(texts.subList(0, MAX_VALUES));
    }

    /** COPY's text format: values separated by tabs, rows ended by line feeds; {@code \N} is NULL. */
    private static void split(byte[] text, List<byte[]> into) {
        int start = 0;
        for (int i = 0; i < text.length; i++) {
            if (text[i] == '\t' || text[i] == '\n') {
                byte[] value = Arrays.copyOfRange(text, start, i);
                if (!(value.length == 2 && value[0] == '\\' && value[1] == 'N')) {
                    into.add(value);
                }
                start = i + 1;
            }
        }
    }

    /** Whole files of the largest processed tables while they add up to {@link #MAX_VALUES} rows (the first always). */
    private static List<TableCopy> loaderCopies(S3Client s3, String processedBucket, int tables) throws IOException {
        WriteOnceBucket processed = new WriteOnceBucket(s3, processedBucket);
        String manifestKey = BucketLayout.processedManifestKey(1);
        ProcessedManifest manifest = ManifestJson.readProcessed(processed.uri(manifestKey),
                processed.readAllBytes(manifestKey));
        List<TableCopy> copies = new ArrayList<>();
        long total = 0;
        for (TableOutput output : manifest.tables().stream()
                .sorted(Comparator.comparingLong(TableOutput::rows).reversed()).limit(tables).toList()) {
            WarehouseTable table = WarehouseCatalogue.table(output.table());
            for (DataFile file : output.files()) {
                if (copies.isEmpty() || total + file.rows() <= MAX_VALUES) {
                    copies.add(new TableCopy(table, BinaryCopyAccess.encode(s3, processedBucket, file, table),
                            file.rows()));
                    total += file.rows();
                }
            }
        }
        return copies;
    }
}
