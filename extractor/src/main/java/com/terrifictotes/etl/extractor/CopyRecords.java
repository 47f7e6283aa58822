package com.terrifictotes.etl.extractor;

/**
 * Splits the byte stream of {@code COPY ... TO STDOUT (FORMAT csv, FORCE_QUOTE *)} into records and hands them to
 * {@link CsvParts}, which cuts objects at record boundaries only.
 *
 * <p>Why so small a state machine is enough: with every non-NULL value quoted, outside quotes there is nothing but
 * commas, quotes and each record's final newline; inside quotes a quote is written doubled, which toggles the
 * state twice. A newline outside quotes therefore ends a record, and a newline inside one is data. Any other byte
 * outside quotes means the stream is not in that dialect, and the run fails rather than write it. The chunks may
 * cut a record (or a UTF-8 character) anywhere; the state carries over.
 */
final class CopyRecords {
    private final CsvParts parts;
    private boolean inQuotes;
    private boolean inRecord;
    private long records;

    CopyRecords(CsvParts parts) {
        this.parts = parts;
    }

    /** Takes the next chunk of the COPY stream. */
    void accept(byte[] chunk, int offset, int length) {
        int start = offset;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            byte b = chunk[i];
            if (b == '"') {
                inQuotes = !inQuotes;
            } else if (!inQuotes && b != ',') {
                if (b != '\n') {
                    throw new IllegalStateException(String.format(
                            "COPY wrote the unquoted byte 0x%02x in record %d: not the FORCE_QUOTE * CSV dialect",
                            b & 0xff, records + 1));
                }
                parts.appendToRecord(chunk, start, i - start);
                parts.endRecord();
                records++;
                inRecord = false;
                start = i + 1;
            }
        }
        if (start < end) {
            parts.appendToRecord(chunk, start, end - start);
            inRecord = true;
        }
    }

    /**
     * The number of records taken, after checking that the stream ended between records.
     *
     * @param expected the row count PostgreSQL reported for the COPY
     */
    long finish(long expected) {
        if (inRecord || inQuotes) {
            throw new IllegalStateException("the COPY stream ended inside record " + (records + 1));
        }
        if (records != expected) {
            throw new IllegalStateException("COPY reported " + expected + " rows but its stream held " + records);
        }
        return records;
    }
}
