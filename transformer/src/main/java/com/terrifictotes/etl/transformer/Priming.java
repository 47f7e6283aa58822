package com.terrifictotes.etl.transformer;

import com.terrifictotes.etl.catalogue.ColumnSource;
import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.catalogue.ToteSysCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.csv.CsvDialect;
import com.terrifictotes.etl.csv.ValueCodec;
import com.terrifictotes.etl.lake.AvroSchemas;
import com.terrifictotes.etl.lake.LakeDataModel;
import com.terrifictotes.etl.lake.ParquetSettings;
import com.terrifictotes.etl.lake.ParquetTableReader;
import com.terrifictotes.etl.lake.ParquetTableWriter;
import com.terrifictotes.etl.lake.TableFileWriter;
import com.terrifictotes.etl.lake.TableRow;
import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.manifest.Checksum;
import com.terrifictotes.etl.manifest.DataFile;
import com.terrifictotes.etl.manifest.IngestionManifest;
import com.terrifictotes.etl.manifest.ManifestJson;
import com.terrifictotes.etl.manifest.RowVersion;
import com.terrifictotes.etl.manifest.TableExtract;
import com.terrifictotes.etl.runtime.SampleValues;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.apache.commons.csv.CSVPrinter;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetReader;

/**
 * Exercises the code paths of a batch once, in memory and without network, so a SnapStart snapshot holds loaded and
 * initialised classes: CSV value decoding, every star table's derivation (one row each) and its checks, a
 * quarantined row, Avro schemas, the Parquet writer with its codec, and the reader used for state snapshots.
 */
final class Priming {
    private Priming() {
    }

    /** @return rows read back, for the caller to check the round trip really ran */
    static long warmUp(ParquetSettings settings) {
        SourceRow order = sampleRow(ToteSysCatalogue.SALES_ORDER);
        SourceRow staff = sampleRow(ToteSysCatalogue.STAFF);
        List<TableRow> rows = new ArrayList<>();
        for (Lineage lineage : Lineage.ALL) {
            rows.add(lineage.derive(sampleRow(lineage.source()),
                    lineage.parent().map(join -> sampleRow(join.table())).orElse(null)));
        }
        rows.add(CalendarDates.dimDate(SampleValues.DATE));
        long read = 0;
        for (TableRow row : rows) {
            read += roundTrip(row, settings);
        }
        read += roundTrip(TableRow.of(AvroSchemas.ofState(ToteSysCatalogue.STAFF), staff.values().toArray()),
                settings);
        Dimensions.check(staff);
        Quarantine quarantine = new Quarantine(1, OpenRejections.none());
        try {
            Lineage.of(WarehouseCatalogue.FACT_SALES_ORDER).derive(badDate(order), null);
        } catch (RowRejected rejected) {
            quarantine.reject(rejected);
        }
        for (TableRow rejection : quarantine.rows()) {
            read += roundTrip(rejection, settings);
        }
        WarehouseCatalogue.TABLES.forEach(AvroSchemas::of);
        ToteSysCatalogue.TABLES.forEach(AvroSchemas::ofState);
        return read;
    }

    /**
     * A one-row batch of every ToteSys table read from S3 the way a batch is (its manifest's JSON, each CSV file with
     * checksum mode through {@link CsvRecordReader} and the {@link CellDecoder}s, or the columnar pass's
     * {@link FastCells} and Parquet columns where its table has one, the quarantine), and a state table
     * written to S3 as Parquet and read back through ranged GETs ({@link ParquetTableReader}), on the in-memory bucket
     * of {@link com.terrifictotes.etl.s3.S3Priming}.
     *
     * @return rows read
     */
    static long readFromS3(WriteOnceBucket bucket, ParquetSettings settings) {
        LocalDateTime hi = LocalDateTime.of(2022, 11, 3, 14, 20, 52, 186_000_000);
        List<TableExtract> extracts = new ArrayList<>();
        for (SourceTable table : ToteSysCatalogue.TABLES) {
            String key = BucketLayout.csvPartKey(table.name(), hi.toLocalDate(), 1, "priming", 1);
            byte[] csv = sampleCsv(table);
            bucket.putIfAbsent(key, csv, CsvDialect.CONTENT_TYPE);
            extracts.add(new TableExtract(table.name(), hi.minusMinutes(5), hi, table.columnNames(), 1, csv.length,
                    List.of(new DataFile(key, 1, csv.length, Checksum.of(Checksum.Algorithm.CRC32C, csv))),
                    List.of(new RowVersion(1, hi))));
        }
        String manifestKey = BucketLayout.ingestionManifestKey(1);
        bucket.putIfAbsent(manifestKey, ManifestJson.write(new IngestionManifest(IngestionManifest.FORMAT_VERSION, 1,
                "priming", Instant.EPOCH, Instant.EPOCH, "UTC", extracts)), "application/json");
        IngestionManifest manifest = ManifestJson.readIngestion(bucket.uri(manifestKey),
                bucket.readAllBytes(manifestKey));
        IngestedTables batch = new IngestedTables(bucket, manifestKey, manifest);
        Quarantine quarantine = new Quarantine(1, OpenRejections.none());
        long read = 0;
        for (SourceTable table : ToteSysCatalogue.TABLES) {
            ColumnarTable columnar = columnarPass(table);
            if (columnar == null) {
                read += batch.forEachRow(table, row -> { }, quarantine);
                continue;
            }
            InMemoryParquet file = new InMemoryParquet();
            long[] held = {0};
            try (TableFileWriter writer = ParquetTableWriter.parquetWriter(file, columnar.schema(), settings)) {
                read += batch.forEachRow(table, columnar, cells -> {
                    try {
                        writer.write(columnar.row(cells));
                        held[0]++;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }, row -> { }, quarantine);
            } catch (IOException e) {
                throw new UncheckedIOException("priming: cannot write the columnar pass of " + table.name(), e);
            }
            if (held[0] == 0) {
                throw new IllegalStateException("priming: the sample row of " + table.name() + " did not take the"
                        + " columnar pass");
            }
        }
        String stateKey = BucketLayout.statePartKey(ToteSysCatalogue.STAFF.name(), 1, 1);
        TableRow state = TableRow.of(AvroSchemas.ofState(ToteSysCatalogue.STAFF),
                sampleRow(ToteSysCatalogue.STAFF).values().toArray());
        DataFile stateFile;
        try (ParquetTableWriter writer = ParquetTableWriter.open(bucket, stateKey, state.schema(), settings)) {
            writer.write(state);
            stateFile = writer.finish();
        }
        try (ParquetTableReader reader = ParquetTableReader.open(bucket.client(), bucket, stateKey, stateFile.bytes(),
                state.schema())) {
            while (reader.next() != null) {
                read++;
            }
        }
        return read;
    }

    private static ColumnarTable columnarPass(SourceTable table) {
        return Stream.concat(StreamedTable.DIMENSIONS.stream(), StreamedTable.FACTS.stream())
                .filter(t -> t.source().name().equals(table.name()) && t.columnar() != null)
                .map(StreamedTable::columnar).findFirst().orElse(null);
    }

    private static byte[] sampleCsv(SourceTable table) {
        StringBuilder csv = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(csv, CsvDialect.FORMAT)) {
            printer.printRecord(table.columnNames());
            printer.printRecord(table.columns().stream()
                    .map(column -> ValueCodec.encode(column, SampleValues.of(column))).toList());
        } catch (IOException e) {
            throw new UncheckedIOException("priming: cannot print a sample row of " + table.name(), e);
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The order with a text date no calendar has (its first, the agreed payment date): the quarantine's path. */
    private static SourceRow badDate(SourceRow order) {
        List<Object> values = new ArrayList<>(order.values());
        WarehouseCatalogue.FACT_SALES_ORDER.sources().stream()
                .filter(ColumnSource.TextDate.class::isInstance)
                .map(s -> ((ColumnSource.TextDate) s).column()).findFirst()
                .ifPresent(column -> values.set(order.table().columnIndex(column), "2024-02-30"));
        return new SourceRow(order.table(), values, "priming");
    }

    private static long roundTrip(TableRow row, ParquetSettings settings) {
        InMemoryParquet file = new InMemoryParquet();
        try {
            try (TableFileWriter writer = ParquetTableWriter.parquetWriter(file, row.schema(), settings)) {
                writer.write(row);
            }
            long read = 0;
            try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(file,
                    new PlainParquetConfiguration()).withDataModel(LakeDataModel.get()).build()) {
                while (reader.read() != null) {
                    read++;
                }
            }
            return read;
        } catch (IOException e) {
            throw new UncheckedIOException("priming round trip of " + row.table() + " failed", e);
        }
    }

    /** A row of the table whose every value went through the CSV codec, as a real batch's values do. */
    private static SourceRow sampleRow(SourceTable table) {
        List<Object> values = table.columns().stream()
                .map(column -> ValueCodec.decode(column, ValueCodec.encode(column, SampleValues.of(column))))
                .toList();
        return new SourceRow(table, values, "priming");
    }

}
