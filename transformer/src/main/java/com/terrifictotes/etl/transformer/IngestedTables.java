package com.terrifictotes.etl.transformer;

import com.terrifictotes.etl.catalogue.Column;
import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.catalogue.ToteSysCatalogue;
import com.terrifictotes.etl.csv.CsvDialect;
import com.terrifictotes.etl.csv.ValueCodec;
import com.terrifictotes.etl.error.BadInputException;
import com.terrifictotes.etl.error.StorageException;
import com.terrifictotes.etl.manifest.DataFile;
import com.terrifictotes.etl.manifest.IngestionManifest;
import com.terrifictotes.etl.manifest.TableExtract;
import com.terrifictotes.etl.s3.Sha256;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The CSV files of one ingestion batch, read row by row. Each file is checked as it streams: header equal to the
 * catalogue's columns, every value decodable as its column's type, and at the end its row count, size and SHA-256
 * equal to what the manifest recorded. Anything else is a {@link BadInputException} naming object, line and column.
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

    /** Streams every row of the table that this batch delivered (none if the manifest does not list it). */
    long forEachRow(SourceTable table, Consumer<SourceRow> rows) {
        TableExtract extract = manifest.table(table.name()).orElse(null);
        if (extract == null) {
            return 0;
        }
        long count = 0;
        for (DataFile file : extract.files()) {
            count += readFile(table, file, rows);
        }
        return count;
    }

    private void requireKnown(TableExtract extract) {
        SourceTable table = ToteSysCatalogue.find(extract.table()).orElseThrow(() -> new BadInputException(
                manifestLocation + " lists table " + extract.table() + ", which the ToteSys catalogue does not know"));
        if (!extract.columns().equals(table.columnNames())) {
            throw new BadInputException(manifestLocation + ": table " + table.name() + " has columns "
                    + extract.columns() + " but the catalogue says " + table.columnNames());
        }
    }

    private long readFile(SourceTable table, DataFile file, Consumer<SourceRow> rows) {
        String location = bucket.uri(file.key());
        MessageDigest digest = Sha256.newDigest();
        try (InputStream body = openNamed(file.key())) {
            CountingStream counted = new CountingStream(new DigestInputStream(body, digest));
            try (CSVParser parser = CSVParser.parse(utf8(counted), CsvDialect.FORMAT)) {
                long count = readRecords(table, location, parser, rows);
                counted.transferTo(OutputStreamSink.INSTANCE); // digest trailing bytes the parser left, if any
                requireAsRecorded(location, file, count, counted.count(), Sha256.hex(digest));
                return count;
            }
        } catch (UncheckedIOException e) {
            throw readFailure(location, e.getCause());
        } catch (IOException e) {
            throw readFailure(location, e);
        }
    }

    private long readRecords(SourceTable table, String location, CSVParser parser, Consumer<SourceRow> rows) {
        Iterator<CSVRecord> records = parser.iterator();
        if (!records.hasNext()) {
            throw new BadInputException(location + " is empty: expected the header " + table.columnNames());
        }
        List<String> header = records.next().toList();
        if (!header.equals(table.columnNames())) {
            throw new BadInputException(location + " line 1: header " + header + " does not match the columns of "
                    + table.name() + " in the catalogue " + table.columnNames());
        }
        long count = 0;
        while (true) {
            long line = parser.getCurrentLineNumber() + 1;
            if (!records.hasNext()) {
                return count;
            }
            rows.accept(decode(table, location + " line " + line, records.next()));
            count++;
        }
    }

    private static SourceRow decode(SourceTable table, String origin, CSVRecord record) {
        List<Column> columns = table.columns();
        if (record.size() != columns.size()) {
            throw new BadInputException(origin + ": expected " + columns.size() + " fields, found " + record.size());
        }
        List<Object> values = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            try {
                values.add(ValueCodec.decode(columns.get(i), record.get(i)));
            } catch (IllegalArgumentException e) {
                throw new BadInputException(origin + ": " + e.getMessage(), e);
            }
        }
        return new SourceRow(table, values, origin);
    }

    private void requireAsRecorded(String location, DataFile file, long rows, long bytes, String sha256) {
        if (rows != file.rows()) {
            throw new BadInputException(location + " holds " + rows + " rows but " + manifestLocation + " records "
                    + file.rows());
        }
        if (bytes != file.bytes() || !sha256.equals(file.sha256())) {
            throw new BadInputException(location + " is not the object " + manifestLocation + " committed: "
                    + bytes + " bytes with sha256 " + sha256 + ", recorded " + file.bytes() + " bytes with sha256 "
                    + file.sha256());
        }
    }

    private InputStream openNamed(String key) {
        try {
            return bucket.open(key);
        } catch (StorageException e) {
            if (!bucket.exists(key)) {
                throw new BadInputException(manifestLocation + " names " + bucket.uri(key)
                        + ", which does not exist", e);
            }
            throw e;
        }
    }

    private static Reader utf8(InputStream in) {
        return new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    private static RuntimeException readFailure(String location, Throwable cause) {
        if (cause instanceof CSVException || cause instanceof CharacterCodingException) {
            String what = cause instanceof CSVException ? "is not valid CSV" : "is not valid UTF-8";
            return new BadInputException(location + " " + what + ": " + cause.getMessage(), cause);
        }
        return new StorageException("cannot read " + location + ": " + cause.getMessage(), cause);
    }

    /** Counts the bytes that pass, for the size check. */
    private static final class CountingStream extends java.io.FilterInputStream {
        private long count;

        CountingStream(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }

    /** Discards bytes: only the digest and count around it matter. */
    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}
