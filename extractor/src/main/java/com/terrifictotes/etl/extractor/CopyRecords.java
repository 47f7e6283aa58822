package com.terrifictotes.etl.extractor;

import com.terrifictotes.etl.catalogue.Column;
import com.terrifictotes.etl.catalogue.ColumnType;
import java.util.List;

/**
 * Splits the byte stream of {@code COPY ... TO STDOUT (FORMAT csv, FORCE_QUOTE *)} into records and hands them to
 * {@link CsvParts}, which cuts objects at record boundaries only; on the way, the text of each timestamp cell is
 * put in the dialect's form ({@link PgTimestampText}), everything else passes through untouched.
 *
 * <p>Why so small a state machine is enough: with every non-NULL value quoted, outside quotes there is nothing but
 * commas, quotes and each record's final newline; inside quotes a quote is written doubled, which toggles the
 * state twice. A newline outside quotes therefore ends a record, and a newline inside one is data; commas outside
 * quotes count the fields. Any other byte outside quotes means the stream is not in that dialect, and the run fails
 * rather than write it. A timestamp's text never holds a quote, so its closing quote is the next one. The chunks
 * may cut a record (or a UTF-8 character, or a timestamp) anywhere; the state carries over.
 */
final class CopyRecords {
    private final CsvParts parts;
    private final boolean[] timestampField;
    private final byte[] raw = new byte[PgTimestampText.MAX_LENGTH];
    private final byte[] rewritten = new byte[PgTimestampText.MAX_LENGTH];
    private boolean inQuotes;
    private boolean inTimestamp;
    private boolean inRecord;
    private int field;
    private int rawLength;
    private long records;

    CopyRecords(CsvParts parts, List<Column> columns) {
        this.parts = parts;
        this.timestampField = new boolean[columns.size()];
        for (int i = 0; i < timestampField.length; i++) {
            timestampField[i] = columns.get(i).type() == ColumnType.TIMESTAMP_MILLIS;
        }
    }

    /** Takes the next chunk of the COPY stream. */
    void accept(byte[] chunk, int offset, int length) {
        int start = offset;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            byte b = chunk[i];
            if (inTimestamp) {
                if (b == '"') {
                    endTimestamp();
                    start = i; // the closing quote passes through
                } else {
                    collect(b);
                }
            } else if (b == '"') {
                inQuotes = !inQuotes;
                if (inQuotes && field < timestampField.length && timestampField[field]) {
                    parts.appendToRecord(chunk, start, i + 1 - start);
                    inTimestamp = true;
                    rawLength = 0;
                }
                inRecord = true;
            } else if (!inQuotes) {
                start = outsideQuotes(chunk, start, i, b);
            }
        }
        if (!inTimestamp && start < end) {
            parts.appendToRecord(chunk, start, end - start);
            inRecord = true;
        }
    }

    /** A byte outside quotes: a comma, or the newline that ends the record; returns where pass-through resumes. */
    private int outsideQuotes(byte[] chunk, int start, int i, byte b) {
        if (b == ',') {
            field++;
            inRecord = true;
            return start;
        }
        if (b != '\n') {
            throw new IllegalStateException(String.format(
                    "COPY wrote the unquoted byte 0x%02x in record %d: not the FORCE_QUOTE * CSV dialect",
                    b & 0xff, records + 1));
        }
        parts.appendToRecord(chunk, start, i - start);
        parts.endRecord();
        records++;
        field = 0;
        inRecord = false;
        return i + 1;
    }

    private void collect(byte b) {
        if (rawLength == raw.length) {
            throw new IllegalStateException("COPY wrote a timestamp longer than " + raw.length + " bytes in record "
                    + (records + 1));
        }
        raw[rawLength++] = b;
    }

    private void endTimestamp() {
        int length = PgTimestampText.rewrite(raw, rawLength, rewritten);
        parts.appendToRecord(rewritten, 0, length);
        inTimestamp = false;
        inQuotes = false;
    }

    /**
     * The number of records taken, after checking that the stream ended between records.
     *
     * @param expected the row count PostgreSQL reported for the COPY
     */
    long finish(long expected) {
        if (inRecord || inQuotes || inTimestamp) {
            throw new IllegalStateException("the COPY stream ended inside record " + (records + 1));
        }
        if (records != expected) {
            throw new IllegalStateException("COPY reported " + expected + " rows but its stream held " + records);
        }
        return records;
    }
}
