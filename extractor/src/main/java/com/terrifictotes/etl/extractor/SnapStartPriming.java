package com.terrifictotes.etl.extractor;

import com.terrifictotes.etl.catalogue.Column;
import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.catalogue.ToteSysCatalogue;
import com.terrifictotes.etl.csv.CsvDialect;
import com.terrifictotes.etl.csv.Utf8Bytes;
import com.terrifictotes.etl.csv.ValueCodec;
import com.terrifictotes.etl.manifest.Backfill;
import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.manifest.Checksum;
import com.terrifictotes.etl.manifest.ContinueAfter;
import com.terrifictotes.etl.manifest.DataFile;
import com.terrifictotes.etl.manifest.IngestionManifest;
import com.terrifictotes.etl.manifest.ManifestJson;
import com.terrifictotes.etl.manifest.RejectedValue;
import com.terrifictotes.etl.manifest.RowVersion;
import com.terrifictotes.etl.manifest.TableExtract;
import com.terrifictotes.etl.runtime.SampleValues;
import com.terrifictotes.etl.s3.S3Priming;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import org.apache.commons.csv.CSVPrinter;
import org.crac.Context;
import org.crac.Resource;

/**
 * SnapStart priming: before the snapshot is taken, run the extractor's CPU-side code paths once (CSV encoding of
 * every column type, manifest JSON both ways with a rejected version, the JDBC driver's class initialisation, the
 * schema check and its convert table, the UTF-8 check of text cells, the row and COPY statements for both text
 * transfers and the timestamp rewriting of the COPY path) so that a restored function
 * starts with those classes loaded and initialised. It opens no database or S3 connection and reads no secret:
 * a connection frozen in a snapshot would be dead after restore, and a secret must not live in a snapshot.
 */
final class SnapStartPriming implements Resource {
    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) throws Exception {
        prime();
        primeCopyPath();
        primeSchemaCheck();
        S3Priming.prime(System.getenv());
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // nothing to restore: connections and secrets are only made inside an invocation
    }

    /** Runs the primed paths; returns the bytes of CSV written to nowhere (for tests). */
    static long prime() throws IOException, ClassNotFoundException {
        Class.forName("org.postgresql.Driver");
        CountingSink sink = new CountingSink();
        try (Writer writer = new OutputStreamWriter(sink, StandardCharsets.UTF_8);
             CSVPrinter printer = CsvDialect.FORMAT.builder().setHeader("value").get().print(writer)) {
            for (SourceTable table : ToteSysCatalogue.TABLES) {
                for (Column column : table.columns()) {
                    printer.printRecord(ValueCodec.encode(column, SampleValues.of(column)));
                }
            }
        }
        byte[] json = ManifestJson.write(sampleManifest());
        ManifestJson.readIngestion("priming", json);
        return sink.count;
    }

    /**
     * The schema check: the catalogue against a live schema equal to it, through the convert table, with the
     * UTF-8 check that every text cell and enum label goes through.
     *
     * @return the drift found (none)
     */
    static SchemaDrift primeSchemaCheck() {
        byte[] text = "Zürich".getBytes(StandardCharsets.UTF_8);
        Utf8Bytes.firstInvalid(text, 0, text.length);
        return SourceSchema.matching(ToteSysCatalogue.TABLES, "UTF8").verify(ToteSysCatalogue.TABLES);
    }

    /**
     * The read paths' CPU side: splitting a window into segments and building each table's COPY statement (the
     * per-column SQL, the bound literals) and row statement, for both text transfers, and rewriting PostgreSQL's
     * timestamp text into the dialect's.
     *
     * @return the bulk (COPY) statements built for a UTF-8 source, one per table
     */
    static List<String> primeCopyPath() {
        LocalDateTime hi = LocalDateTime.of(2022, 11, 3, 14, 20, 52, 186_000_000);
        Duration overlap = ExtractionSettings.DEFAULT_OVERLAP;
        WindowSegments.Segment bulk = WindowSegments.of(new ExtractionWindow(hi.minusDays(1), hi),
                hi.minusDays(1).plus(overlap), hi.minus(overlap)).segments().stream()
                .filter(WindowSegments.Segment::bulk).findFirst().orElseThrow();
        byte[] postgresText = "2022-11-03 14:20:52.186".getBytes(StandardCharsets.US_ASCII);
        PgTimestampText.rewrite(postgresText, postgresText.length, new byte[PgTimestampText.MAX_LENGTH]);
        // a batch with a row limit going on after a cut: the row-value bound and the LIMIT on both paths
        WindowSegments.Segment afterCut = new WindowSegments.Segment(bulk.from(), bulk.to(), true,
                new ContinueAfter(bulk.from(), 1));
        for (SourceTable table : ToteSysCatalogue.TABLES) {
            CopySegment.sql(table, bulk, TextTransfer.RAW_BYTES);
            CopySegment.sql(table, afterCut, TextTransfer.CONVERTED, ExtractionSettings.DEFAULT_MAX_BATCH_ROWS);
            TableExtraction.sql(table, new RowCells(table, TextTransfer.CONVERTED), bulk);
            TableExtraction.sql(table, new RowCells(table, TextTransfer.RAW_BYTES), afterCut);
        }
        return ToteSysCatalogue.TABLES.stream().map(table -> CopySegment.sql(table, bulk, TextTransfer.CONVERTED))
                .toList();
    }

    private static IngestionManifest sampleManifest() {
        LocalDateTime hi = LocalDateTime.of(2022, 11, 3, 14, 20, 52, 186_000_000);
        String key = BucketLayout.csvPartKey("currency", hi.toLocalDate(), 1, "priming", 1);
        RejectedValue rejected = RejectedValue.invalidUtf8(2, hi, "currency_code", new byte[] {'G', (byte) 0xe9});
        TableExtract table = new TableExtract("currency", hi.minusMinutes(5), hi, List.of("currency_id"), 1, 1,
                List.of(new DataFile(key, 1, 1, Checksum.of(Checksum.Algorithm.CRC32C, new byte[0]))),
                List.of(new RowVersion(1, hi), rejected.version()), hi.minusMinutes(5), List.of(rejected),
                new ContinueAfter(hi.minusMinutes(1), 1),
                new Backfill(new ContinueAfter(hi.minusDays(1), 7), hi.minusMinutes(5)));
        return new IngestionManifest(IngestionManifest.FORMAT_VERSION, 1, "priming", Instant.EPOCH, Instant.EPOCH,
                "UTC", List.of(table));
    }

    private static final class CountingSink extends OutputStream {
        private long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
