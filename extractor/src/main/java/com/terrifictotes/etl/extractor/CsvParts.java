package com.terrifictotes.etl.extractor;

import com.terrifictotes.etl.csv.CsvDialect;
import com.terrifictotes.etl.error.StorageException;
import com.terrifictotes.etl.manifest.DataFile;
import com.terrifictotes.etl.s3.StoredObject;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import com.terrifictotes.etl.s3.WriteOnceUpload;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.apache.commons.csv.CSVPrinter;

/**
 * Streams the rows of one table into CSV objects of at most {@code partRows} rows each, every object with the
 * header row. Bytes go straight from the CSV printer through a small character buffer into a
 * {@link WriteOnceUpload} (one multipart part in memory), so memory does not grow with the table and nothing
 * touches /tmp. A part is opened at its first row: a table with no rows writes no object.
 *
 * <p>An object is published only by {@link #finish()} or by reaching {@code partRows}. After a failure the caller
 * calls {@link #abort()}, which abandons the open upload, so a half-written part never appears.
 */
final class CsvParts {
    private static final int CHAR_BUFFER = 64 * 1024;

    private final WriteOnceBucket bucket;
    private final IntFunction<String> keyOfPart;
    private final String[] header;
    private final long partRows;
    private final List<DataFile> files = new ArrayList<>();
    private WriteOnceUpload upload;
    private Writer writer;
    private CSVPrinter printer;
    private long rowsInPart;

    CsvParts(WriteOnceBucket bucket, IntFunction<String> keyOfPart, List<String> header, long partRows) {
        this.bucket = bucket;
        this.keyOfPart = keyOfPart;
        this.header = header.toArray(String[]::new);
        this.partRows = partRows;
    }

    /** Writes one row; {@code null} values become SQL NULL (an unquoted empty field). */
    void write(Object[] encodedValues) {
        if (printer == null) {
            openPart(files.size() + 1);
        }
        try {
            printer.printRecord(encodedValues);
        } catch (IOException e) {
            throw new StorageException("cannot write " + bucket.uri(upload.key()) + ": " + e.getMessage(), e);
        }
        if (++rowsInPart == partRows) {
            closePart();
        }
    }

    /** Publishes the open part, if any, and returns every object written, in order. */
    List<DataFile> finish() {
        if (printer != null) {
            closePart();
        }
        return List.copyOf(files);
    }

    /** Abandons the open part: no object appears for it. Parts already published stay (unreferenced). */
    void abort() {
        if (upload != null) {
            upload.abort();
        }
        upload = null;
        writer = null;
        printer = null;
    }

    private void openPart(int part) {
        upload = bucket.openUpload(keyOfPart.apply(part), CsvDialect.CONTENT_TYPE);
        writer = new BufferedWriter(new OutputStreamWriter(upload, StandardCharsets.UTF_8), CHAR_BUFFER);
        try {
            printer = printer(writer, header);
        } catch (IOException e) {
            throw new StorageException("cannot write " + bucket.uri(upload.key()) + ": " + e.getMessage(), e);
        }
        rowsInPart = 0;
    }

    /** A printer in the ingestion dialect that has written the header row. */
    static CSVPrinter printer(Appendable out, String... header) throws IOException {
        return CsvDialect.FORMAT.builder().setHeader(header).get().print(out);
    }

    private void closePart() {
        try {
            printer.flush();
            // closing the writer closes the upload, which publishes the object with If-None-Match: *
            writer.close();
        } catch (IOException e) {
            throw new StorageException("cannot write " + bucket.uri(upload.key()) + ": " + e.getMessage(), e);
        }
        StoredObject stored = upload.result();
        files.add(new DataFile(stored.key(), rowsInPart, stored.bytes(), stored.sha256()));
        upload = null;
        writer = null;
        printer = null;
    }
}
