package com.terrifictotes.etl.local;

import com.terrifictotes.etl.csv.CsvDialect;
import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.manifest.Checksum;
import com.terrifictotes.etl.manifest.DataFile;
import com.terrifictotes.etl.manifest.IngestionManifest;
import com.terrifictotes.etl.manifest.ManifestJson;
import com.terrifictotes.etl.manifest.ProcessedManifest;
import com.terrifictotes.etl.manifest.TableExtract;
import com.terrifictotes.etl.manifest.TableOutput;
import com.terrifictotes.etl.s3.Sha256;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Writes batches as an older pipeline would have: an ingestion batch extracted under an older catalogue (its
 * {@code address} files lack the nullable {@code address_line_2} and carry a {@code legacy_code} column the
 * catalogue has since dropped), and a processed manifest of format 1 for schema version 1. Both manifests are of
 * format 1, recording every file by a bare {@code sha256} as the pipeline did before the CRC32C manifests, so the
 * stages' SHA-256 checks of older history run too.
 */
final class OlderFormats {
    private static final String TABLE = "address";
    private static final String DROPPED_SINCE = "legacy_code";
    private static final String ADDED_SINCE = "address_line_2";

    private OlderFormats() {
    }

    static void copyWithOlderAddressColumns(String source, String target, long sequence) throws IOException {
        S3Client s3 = Lineage.BED.s3();
        String manifestKey = BucketLayout.ingestionManifestKey(sequence);
        for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(source)).contents()) {
            if (!object.key().equals(manifestKey)) {
                byte[] bytes = s3.getObjectAsBytes(b -> b.bucket(source).key(object.key())).asByteArray();
                s3.putObject(b -> b.bucket(target).key(object.key()), RequestBody.fromBytes(bytes));
            }
        }
        IngestionManifest manifest = ManifestJson.readIngestion(manifestKey,
                s3.getObjectAsBytes(b -> b.bucket(source).key(manifestKey)).asByteArray());
        List<TableExtract> tables = new ArrayList<>();
        for (TableExtract table : manifest.tables()) {
            if (!table.table().equals(TABLE)) {
                tables.add(new TableExtract(table.table(), table.windowLo(), table.windowHi(), table.columns(),
                        table.rows(), table.bytes(), bySha256(target, table.files()), table.recentVersions()));
                continue;
            }
            List<DataFile> files = new ArrayList<>();
            for (DataFile file : table.files()) {
                byte[] older = olderCsv(s3.getObjectAsBytes(b -> b.bucket(source).key(file.key())).asUtf8String())
                        .getBytes(StandardCharsets.UTF_8);
                s3.putObject(b -> b.bucket(target).key(file.key()), RequestBody.fromBytes(older));
                files.add(new DataFile(file.key(), file.rows(), older.length, Checksum.sha256(Sha256.hex(older))));
            }
            List<String> columns = new ArrayList<>(table.columns());
            columns.remove(ADDED_SINCE);
            columns.add(DROPPED_SINCE);
            tables.add(new TableExtract(table.table(), table.windowLo(), table.windowHi(), columns, table.rows(),
                    files.stream().mapToLong(DataFile::bytes).sum(), files, table.recentVersions()));
        }
        IngestionManifest older = new IngestionManifest(1, manifest.sequence(),
                manifest.runId(), manifest.startedAt(), manifest.finishedAt(), manifest.sourceTimeZone(), tables);
        s3.putObject(b -> b.bucket(target).key(manifestKey), RequestBody.fromBytes(ManifestJson.write(older)));
    }

    /** The files as a format 1 manifest records them: by the SHA-256 of the stored bytes. */
    private static List<DataFile> bySha256(String bucket, List<DataFile> files) {
        S3Client s3 = Lineage.BED.s3();
        return files.stream().map(f -> new DataFile(f.key(), f.rows(), f.bytes(), Checksum.sha256(Sha256.hex(
                s3.getObjectAsBytes(b -> b.bucket(bucket).key(f.key())).asByteArray())))).toList();
    }

    private static List<TableOutput> bySha256Outputs(String bucket, List<TableOutput> outputs) {
        return outputs.stream().map(t -> new TableOutput(t.table(), t.rows(), bySha256(bucket, t.files()))).toList();
    }

    /** The CSV without address_line_2 and with legacy_code last, in the one dialect. */
    private static String olderCsv(String csv) throws IOException {
        StringWriter out = new StringWriter();
        try (CSVParser parser = CSVParser.parse(new StringReader(csv), CsvDialect.FORMAT);
             CSVPrinter printer = new CSVPrinter(out, CsvDialect.FORMAT)) {
            int dropped = -1;
            for (CSVRecord record : parser) {
                List<String> fields = new ArrayList<>(record.toList());
                if (dropped < 0) {
                    dropped = fields.indexOf(ADDED_SINCE);
                    fields.remove(dropped);
                    fields.add(DROPPED_SINCE);
                } else {
                    fields.remove(dropped);
                    fields.add("L-" + fields.get(0));
                }
                printer.printRecord(fields);
            }
        }
        return out.toString();
    }

    /** Replaces the processed manifest by its format 1 form, for warehouse schema version 1. */
    static void rewriteAsFormatOne(String bucket, long sequence) {
        S3Client s3 = Lineage.BED.s3();
        String key = BucketLayout.processedManifestKey(sequence);
        ProcessedManifest manifest = ManifestJson.readProcessed(key,
                s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
        byte[] formatOne = ManifestJson.write(new ProcessedManifest(1, manifest.sequence(),
                manifest.sourceManifestKey(), 1, manifest.createdAt(), bySha256Outputs(bucket, manifest.tables()),
                bySha256Outputs(bucket, manifest.stateFiles()), null, null, manifest.lakeFormat()));
        s3.deleteObject(b -> b.bucket(bucket).key(key));
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(formatOne));
    }
}
