package com.terrifictotes.etl.transformer;

import com.terrifictotes.etl.catalogue.Column;
import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.catalogue.ToteSysCatalogue;
import com.terrifictotes.etl.error.BadInputException;
import com.terrifictotes.etl.error.StorageException;
import com.terrifictotes.etl.manifest.Checksum;
import com.terrifictotes.etl.manifest.ContentChecksum;
import com.terrifictotes.etl.manifest.DataFile;
import com.terrifictotes.etl.manifest.IngestionManifest;
import com.terrifictotes.etl.manifest.TableExtract;
import com.terrifictotes.etl.s3.StoredState;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * The CSV files of one ingestion batch, read row by row ({@link CsvRecordReader}), each byte once. Each file is
 * checked as it streams: a header the catalogue's columns can be mapped from ({@link ColumnMapping}: a batch
 * extracted under an older or newer catalogue stays readable), the right number of fields on every line, and at
 * the end its row count, size and checksum equal to what the manifest recorded (a CRC32C the SDK checks as the object
 * streams, or, for a file of an older manifest, a SHA-256). Anything else is a file-level fault,
 * a {@link BadInputException} naming object and line: the batch fails and is retried, as before.
 *
 * <p>Values are row-level: each cell is decoded by what its text is ({@link CellDecoder}: the usual shapes of numbers,
 * dates, timestamps and booleans straight from the reader's bytes, anything else as
 * {@link com.terrifictotes.etl.csv.ValueCodec#decode} reads its text); a cell that is no value of its column's kind
 * stays in its row as an {@link UnreadableValue}, and a row whose key or stamp cannot be read is handed to the
 * quarantine here, before anything else sees it. A table with a columnar pass ({@link ColumnarTable}) hands the
 * records it holds over as their cells, read as primitives ({@link FastCells}), and only the others as source rows.
 */
final class IngestedTables {
    private final WriteOnceBucket bucket;
    private final String manifestLocation;
    private final IngestionManifest manifest;

    IngestedTables(WriteOnceBucket bucket, String manifestKey, IngestionManifest manifest) {
        this.bucket = bucket;
        this.manifestLocation = bucket.uri(manifestKey);
        this.manifest = manifest;
        manifest.tables().forEach(this::requireKnown);
    }

    /**
     * Streams every row of the table that this batch delivered (none if the manifest does not list it); rows whose
     * key or stamp cannot be read go to {@code quarantine} instead. @return rows read, quarantined ones included
     */
    long forEachRow(SourceTable table, Consumer<SourceRow> rows, Quarantine quarantine) {
        return forEachRow(table, null, null, rows, quarantine);
    }

    /**
     * {@link #forEachRow(SourceTable, Consumer, Quarantine)} with a columnar pass: a record that {@code columnar}
     * {@link ColumnarTable#holds holds} goes to {@code held} as its cells, read as primitives, instead of becoming a
     * source row (in a file whose header is the catalogue's columns in order, as today's extractor writes them; any
     * other file goes row by row).
     */
    long forEachRow(SourceTable table, ColumnarTable columnar, Consumer<FastCells> held, Consumer<SourceRow> rows,
                    Quarantine quarantine) {
        TableExtract extract = manifest.table(table.name()).orElse(null);
        if (extract == null) {
            return 0;
        }
        Consumer<SourceRow> keyed = row -> {
            SourceRow.Fault fault = row.keyFault();
            if (fault == null) {
                rows.accept(row);
            } else {
                quarantine.reject(row, fault.column(), fault.reason());
            }
        };
        long count = 0;
        Columnar pass = columnar == null ? null : new Columnar(columnar, held);
        for (DataFile file : extract.files()) {
            count += readFile(table, file, pass, keyed);
        }
        return count;
    }

    /** The versions the extractor listed as rejected, per table, for the quarantine. */
    void forEachExtractorReject(Quarantine quarantine) {
        manifest.tables().forEach(t -> t.rejects().forEach(r -> quarantine.rejectedByTheExtractor(t.table(), r)));
    }

    private void requireKnown(TableExtract extract) {
        SourceTable table = ToteSysCatalogue.find(extract.table()).orElseThrow(() -> new BadInputException(
                manifestLocation + " lists table " + extract.table() + ", which the ToteSys catalogue does not know"));
        ColumnMapping.of(table, extract.columns(), manifestLocation);
    }

    /** A table's columnar pass, and where the records it holds go. */
    private record Columnar(ColumnarTable table, Consumer<FastCells> held) {
    }

    /**
     * Reads one file, checking it is the object the manifest committed without a pass of its own: a file of a CRC32C
     * manifest is fetched with checksum mode, its stored CRC32C must be the manifest's (an object replaced with a
     * checksum of its own is refused before a row is read), and the SDK checks the bytes against it as the stream
     * ends. A file of an older SHA-256 manifest is digested as it streams, as before.
     */
    private long readFile(SourceTable table, DataFile file, Columnar columnar, Consumer<SourceRow> rows) {
        String location = bucket.uri(file.key());
        boolean stored = file.checksum().algorithm() == Checksum.Algorithm.CRC32C;
        ContentChecksum digest = stored ? null : file.checksum().algorithm().start();
        try (InputStream body = openNamed(file, location)) {
            CsvRecordReader records = new CsvRecordReader(stored ? body : digest.watch(body), location);
            long count = readRecords(table, location, records, columnar, rows);
            requireAsRecorded(location, file, count, records.bytes(), stored ? file.checksum() : digest.result());
            return count;
        } catch (SdkClientException e) {
            if (!WriteOnceBucket.isChecksumMismatch(e)) {
                throw readFailure(location, e);
            }
            throw new BadInputException(location + " does not match the " + file.checksum() + " S3 stored for it and "
                    + manifestLocation + " records (" + e.getMessage() + "): corrupt at rest or on the way; a retry "
                    + "reads it again, and if it persists the object is corrupt", e);
        } catch (UncheckedIOException e) {
            throw readFailure(location, e.getCause());
        } catch (IOException e) {
            throw readFailure(location, e);
        }
    }

    private long readRecords(SourceTable table, String location, CsvRecordReader records, Columnar columnar,
                             Consumer<SourceRow> rows) {
        String[] header = records.next();
        if (header == null) {
            throw new BadInputException(location + " is empty: expected the header " + table.columnNames());
        }
        ColumnMapping mapping = ColumnMapping.of(table, Arrays.asList(header), location + " line 1");
        CellDecoder[] decoders = new CellDecoder[header.length];
        int[] fields = new int[table.columns().size()];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = mapping.field(i);
            if (fields[i] >= 0) {
                decoders[fields[i]] = CellDecoder.of(table.columns().get(i));
            }
        }
        FastCells fast = columnar != null && Arrays.asList(header).equals(table.columnNames())
                ? columnar.table().cells() : null;
        long count = 0;
        while (true) {
            long line = records.line();
            int found = records.next(decoders, fast);
            if (found < 0) {
                return count;
            }
            requireFields(mapping, location, line, found);
            if (fast != null && columnar.table().holds(fast)) {
                columnar.held().accept(fast);
                count++;
                continue;
            }
            Object[] values = new Object[fields.length];
            for (int i = 0; i < values.length; i++) {
                int field = fields[i]; // -1: a column the batch lacks, NULL
                values[i] = field < 0 ? null : fast != null && fast.taken(field) ? fast.boxed(field)
                        : records.cell(field);
            }
            rows.accept(new SourceRow(table, values, location, line));
            count++;
        }
    }

    /**
     * A row whose cells are the catalogue's columns in order, as the extractor writes them today, decoded as
     * {@link #forEachRow} decodes a file's: the same {@link CellDecoder}s, from the cells' text.
     */
    static SourceRow decode(SourceTable table, String location, long line, String[] record) {
        ColumnMapping mapping = ColumnMapping.of(table, table.columnNames(), location);
        requireFields(mapping, location, line, record.length);
        List<Column> columns = table.columns();
        Object[] values = new Object[columns.size()];
        for (int i = 0; i < values.length; i++) {
            String cell = record[mapping.field(i)];
            values[i] = cell == null ? null : CellDecoder.of(columns.get(i)).fromText(cell);
        }
        return new SourceRow(table, values, location, line);
    }

    private static void requireFields(ColumnMapping mapping, String location, long line, int found) {
        if (found != mapping.fields()) {
            throw new BadInputException(location + " line " + line + ": expected " + mapping.fields()
                    + " fields, found " + found);
        }
    }

    private void requireAsRecorded(String location, DataFile file, long rows, long bytes, Checksum checksum) {
        if (rows != file.rows()) {
            throw new BadInputException(location + " holds " + rows + " rows but " + manifestLocation + " records "
                    + file.rows());
        }
        if (bytes != file.bytes() || !checksum.equals(file.checksum())) {
            throw new BadInputException(location + " is not the object " + manifestLocation + " committed: "
                    + bytes + " bytes with " + checksum + ", recorded " + file.bytes() + " bytes with "
                    + file.checksum());
        }
    }

    private InputStream openNamed(DataFile file, String location) {
        String key = file.key();
        try {
            if (file.checksum().algorithm() != Checksum.Algorithm.CRC32C) {
                return bucket.open(key);
            }
            ResponseInputStream<GetObjectResponse> body = bucket.openChecked(key);
            Optional<Checksum> stored = StoredState.fullObjectCrc32c(body.response().checksumCRC32C(),
                    body.response().checksumType());
            if (!stored.equals(Optional.of(file.checksum()))) {
                body.abort();
                throw new BadInputException(location + " is not the object " + manifestLocation + " committed: S3 "
                        + "stores it with " + stored.map(Checksum::toString).orElse("no full-object CRC32C")
                        + ", the manifest records " + file.checksum() + " (replaced)");
            }
            return body;
        } catch (StorageException e) {
            if (!bucket.exists(key)) {
                throw new BadInputException(manifestLocation + " names " + bucket.uri(key)
                        + ", which does not exist", e);
            }
            throw e;
        }
    }

    /** Malformed CSV or UTF-8 is reported by {@link CsvRecordReader} itself; what reaches here is the transport. */
    private static RuntimeException readFailure(String location, Throwable cause) {
        return new StorageException("cannot read " + location + ": " + cause.getMessage(), cause);
    }
}
