package com.terrifictotes.etl.extractor;

import com.terrifictotes.etl.csv.CsvDialect;
import com.terrifictotes.etl.error.StorageException;
import com.terrifictotes.etl.manifest.DataFile;
import com.terrifictotes.etl.s3.StoredObject;
import com.terrifictotes.etl.s3.WriteOnceBucket;
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
 * header row. Rows come either as values ({@link #write}), printed here, or as records PostgreSQL already wrote
 * in the dialect ({@link #appendToRecord}, {@link #endRecord}); both kinds may share a part, in the order given.
 * Bytes go through small buffers into a {@link BackgroundUpload} (a few chunks and one multipart part in memory),
 * so memory does not grow with the table, nothing touches /tmp, and uploading overlaps reading. A part is opened at
 * its first row: no rows, no object.
 *
 * <p>An object is published only by {@link #finish()} or by reaching {@code partRows}. After a failure the caller
 * calls {@link #abort()}, which abandons the open upload, so a half-written part never appears.
 */
public final class CsvParts {
    private static final int CHAR_BUFFER = 64 * 1024;
    private static final byte[] RECORD_SEPARATOR =
            CsvDialect.FORMAT.getRecordSeparator().getBytes(StandardCharsets.UTF_8);

    private final WriteOnceBucket bucket;
    private final IntFunction<String> keyOfPart;
    private final String[] header;
    private final long partRows;
    private final List<DataFile> files = new ArrayList<>();
    private BackgroundUpload upload;
    private Writer writer;
    private CSVPrinter printer;
    private boolean printed;
    private long rowsInPart;

    public CsvParts(WriteOnceBucket bucket, IntFunction<String> keyOfPart, List<String> header, long partRows) {
        this.bucket = bucket;
        this.keyOfPart = keyOfPart;
        this.header = header.toArray(String[]::new);
        this.partRows = partRows;
    }

    /** Writes one row; {@code null} values become SQL NULL (an unquoted empty field). */
    public void write(Object[] encodedValues) {
        openIfNone();
        try {
            printer.printRecord(encodedValues);
        } catch (IOException e) {
            throw failure(e);
        }
        printed = true;
        rowEnded();
    }

    /**
     * Appends bytes of a record already in the dialect (UTF-8, every value quoted, NULL empty), without its record
     * separator; a record may come in several pieces.
     */
    void appendToRecord(byte[] bytes, int offset, int length) {
        openIfNone();
        flushPrinted();
        upload.write(bytes, offset, length);
    }

    /** Ends the record appended so far with the dialect's record separator: one row. */
    void endRecord() {
        appendToRecord(RECORD_SEPARATOR, 0, RECORD_SEPARATOR.length);
        rowEnded();
    }

    /** Publishes the open part, if any, and returns every object written, in order. */
    public List<DataFile> finish() {
        if (printer != null) {
            closePart();
        }
        return List.copyOf(files);
    }

    /** Abandons the open part: no object appears for it. Parts already published stay (unreferenced). */
    public void abort() {
        if (upload != null) {
            upload.abort();
        }
        upload = null;
        writer = null;
        printer = null;
    }

    /** A printer in the ingestion dialect that has written the header row. */
    static CSVPrinter printer(Appendable out, String... header) throws IOException {
        return CsvDialect.FORMAT.builder().setHeader(header).get().print(out);
    }

    private void openIfNone() {
        if (printer != null) {
            return;
        }
        String key = keyOfPart.apply(files.size() + 1);
        upload = new BackgroundUpload(bucket.openUpload(key, CsvDialect.CONTENT_TYPE));
        writer = new BufferedWriter(new OutputStreamWriter(upload, StandardCharsets.UTF_8), CHAR_BUFFER);
        try {
            printer = printer(writer, header);
        } catch (IOException e) {
            throw failure(e);
        }
        printed = true;
        rowsInPart = 0;
    }

    /** Raw bytes go to the upload directly: whatever the printer buffered must be there first. */
    private void flushPrinted() {
        if (printed) {
            try {
                writer.flush();
            } catch (IOException e) {
                throw failure(e);
            }
            printed = false;
        }
    }

    private void rowEnded() {
        if (++rowsInPart == partRows) {
            closePart();
        }
    }

    private void closePart() {
        try {
            printer.flush();
            // closing the writer closes the upload, which publishes the object with If-None-Match: *
            writer.close();
        } catch (IOException e) {
            throw failure(e);
        }
        StoredObject stored = upload.result();
        files.add(new DataFile(stored.key(), rowsInPart, stored.bytes(), stored.checksum()));
        upload = null;
        writer = null;
        printer = null;
    }

    private StorageException failure(IOException e) {
        return new StorageException("cannot write " + bucket.uri(upload.key()) + ": " + e.getMessage(), e);
    }
}
