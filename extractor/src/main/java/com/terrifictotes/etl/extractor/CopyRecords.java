package com.terrifictotes.etl.extractor;

import com.terrifictotes.etl.catalogue.ColumnType;
import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.csv.Timestamps;
import com.terrifictotes.etl.manifest.RejectedValue;
import com.terrifictotes.etl.manifest.RowVersion;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Splits the byte stream of {@code COPY ... TO STDOUT (FORMAT csv, FORCE_QUOTE *)} into records and hands each
 * complete record to {@link CsvParts}, which cuts objects at record boundaries only. On the way, the text of each
 * timestamp cell is put in the dialect's form ({@link PgTimestampText}); in a {@code SQL_ASCII} source, string cells
 * arrive as the hex of their stored bytes ({@link TextTransfer#RAW_BYTES}) and are decoded here, a quote doubled;
 * everything else passes through untouched. A record holding bytes that are not UTF-8 is not written: it becomes a
 * {@link RejectedValue} (key, stamp, first bad column, the value shown safely), exactly as the row path rejects it.
 *
 * <p>Why so small a state machine is enough: with every non-NULL value quoted, outside quotes there is nothing but
 * commas, quotes and each record's final newline; inside quotes a quote is written doubled, which toggles the
 * state twice. A newline outside quotes therefore ends a record, and a newline inside one is data; commas outside
 * quotes count the fields. Any other byte outside quotes, or a field count other than the table's, means the stream
 * is not in that dialect, and the run fails rather than write it. Neither a timestamp's text nor hex holds a quote,
 * so such a cell's closing quote is the next one. The chunks may cut a record (or a UTF-8 character, or a timestamp)
 * anywhere; the state carries over. Only a record that had a byte above 0x7F is checked for UTF-8.
 *
 * <p>A batch with a row limit asks COPY for one record more than it may take ({@code LIMIT k + 1}): records after
 * the first {@code k} are held back, not written, and tell that the segment goes on after the cut; the position of
 * the {@code k}-th ({@link #lastTaken()}) is where the next batch resumes. One extra record instead of a second
 * query that would scan the table again.
 */
final class CopyRecords {
    private enum Cell { PLAIN, TIMESTAMP, HEX }

    private final CsvParts parts;
    private final SourceTable table;
    private final List<RejectedValue> rejects;
    private final long limit;
    private final Cell[] cells;
    private final int keyField;
    private final int cursorField;
    private final RecordBytes record;
    private final byte[] raw = new byte[PgTimestampText.MAX_LENGTH];
    private final byte[] rewritten = new byte[PgTimestampText.MAX_LENGTH];
    private boolean inQuotes;
    private boolean inTimestamp;
    private boolean inHex;
    private boolean inRecord;
    private boolean highBytes;
    private int field;
    private int rawLength;
    private int nibble = -1;
    private long records;
    private long rejected;
    private long heldBack;
    private RowVersion lastTaken;

    /** Writes to {@code parts}, and adds a row version that cannot be delivered to {@code rejects}. */
    CopyRecords(CsvParts parts, SourceTable table, TextTransfer transfer, List<RejectedValue> rejects) {
        this(parts, table, transfer, rejects, Long.MAX_VALUE);
    }

    /** As above, taking (writing or rejecting) at most {@code limit} records and holding back any after them. */
    CopyRecords(CsvParts parts, SourceTable table, TextTransfer transfer, List<RejectedValue> rejects, long limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("a COPY must take at least one record, not " + limit);
        }
        this.parts = parts;
        this.table = table;
        this.rejects = rejects;
        this.limit = limit;
        this.cells = new Cell[table.columns().size()];
        for (int i = 0; i < cells.length; i++) {
            ColumnType type = table.columns().get(i).type();
            boolean string = type == ColumnType.TEXT || type == ColumnType.VARCHAR_3 || type == ColumnType.ENUM;
            cells[i] = type == ColumnType.TIMESTAMP_MILLIS ? Cell.TIMESTAMP
                    : string && transfer == TextTransfer.RAW_BYTES ? Cell.HEX : Cell.PLAIN;
        }
        this.keyField = table.columnIndex(table.primaryKey());
        this.cursorField = table.columnIndex(SourceTable.LAST_UPDATED);
        this.record = new RecordBytes(cells.length);
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
            } else if (inHex) {
                if (b == '"') {
                    endHex();
                    start = i;
                } else {
                    hexDigit(b);
                }
            } else if (b == '"') {
                inQuotes = !inQuotes;
                inRecord = true;
                if (inQuotes && cells[field] != Cell.PLAIN) {
                    record.append(chunk, start, i + 1 - start);
                    start = i + 1;
                    inTimestamp = cells[field] == Cell.TIMESTAMP;
                    inHex = !inTimestamp;
                    rawLength = 0;
                }
            } else if (!inQuotes) {
                start = outsideQuotes(chunk, start, i, b);
            } else if (b < 0) {
                highBytes = true;
            }
        }
        if (!inTimestamp && !inHex && start < end) {
            record.append(chunk, start, end - start);
            inRecord = true;
        }
    }

    /** A byte outside quotes: a comma, or the newline that ends the record; returns where pass-through resumes. */
    private int outsideQuotes(byte[] chunk, int start, int i, byte b) {
        if (b == ',') {
            if (++field == cells.length) {
                throw notTheDialect("more than " + cells.length + " fields");
            }
            record.fieldStartsAt(field, record.length() + i + 1 - start);
            inRecord = true;
            return start;
        }
        if (b != '\n') {
            throw notTheDialect(String.format("the unquoted byte 0x%02x", b & 0xff));
        }
        if (field != cells.length - 1) {
            throw notTheDialect((field + 1) + " fields, not " + cells.length);
        }
        record.append(chunk, start, i - start);
        endRecord();
        return i + 1;
    }

    private void endRecord() {
        long taken = records + rejected;
        if (taken == limit) {
            heldBack++;
            clearRecord();
            return;
        }
        if (taken + 1 == limit) {
            lastTaken = new RowVersion(Integer.parseInt(ascii(record.value(keyField))),
                    Timestamps.parse(ascii(record.value(cursorField))));
        }
        int bad = highBytes ? record.firstInvalidField() : -1;
        if (bad < 0) {
            parts.appendToRecord(record.bytes(), 0, record.length());
            parts.endRecord();
            records++;
        } else {
            rejects.add(RejectedValue.invalidUtf8(Integer.parseInt(ascii(record.value(keyField))),
                    Timestamps.parse(ascii(record.value(cursorField))), table.columns().get(bad).name(),
                    record.value(bad)));
            rejected++;
        }
        clearRecord();
    }

    private void clearRecord() {
        record.clear();
        field = 0;
        highBytes = false;
        inRecord = false;
    }

    private void collect(byte b) {
        if (rawLength == raw.length) {
            throw new IllegalStateException("COPY wrote a timestamp longer than " + raw.length + " bytes in record "
                    + recordNumber());
        }
        raw[rawLength++] = b;
    }

    private void endTimestamp() {
        int length = PgTimestampText.rewrite(raw, rawLength, rewritten);
        record.append(rewritten, 0, length);
        inTimestamp = false;
        inQuotes = false;
    }

    private void hexDigit(byte b) {
        int digit = Character.digit((char) (b & 0xff), 16);
        if (digit < 0) {
            throw notTheDialect(String.format("the byte 0x%02x in the hex of a string", b & 0xff));
        }
        if (nibble < 0) {
            nibble = digit;
            return;
        }
        byte decoded = (byte) (nibble << 4 | digit);
        nibble = -1;
        if (decoded == '"') {
            record.append(decoded); // doubled, as the dialect writes a quote
        } else if (decoded < 0) {
            highBytes = true;
        }
        record.append(decoded);
    }

    private void endHex() {
        if (nibble >= 0) {
            throw notTheDialect("an odd number of hex digits");
        }
        inHex = false;
        inQuotes = false;
    }

    private long recordNumber() {
        return records + rejected + 1;
    }

    private IllegalStateException notTheDialect(String what) {
        return new IllegalStateException("COPY wrote " + what + " in record " + recordNumber() + " of "
                + table.name() + ": not the FORCE_QUOTE * CSV dialect");
    }

    private static String ascii(byte[] bytes) {
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    /** Row versions left out because a value was not UTF-8. */
    long rejected() {
        return rejected;
    }

    /** Records written or rejected: at most the limit. */
    long taken() {
        return records + rejected;
    }

    /** True if COPY sent a record after the limit: the segment goes on after {@link #lastTaken()}. */
    boolean more() {
        return heldBack > 0;
    }

    /** The version of the record that reached the limit, or null if fewer records came. */
    RowVersion lastTaken() {
        return lastTaken;
    }

    /**
     * The number of records written, after checking that the stream ended between records.
     *
     * @param expected the row count PostgreSQL reported for the COPY: records written, rejected and held back
     */
    long finish(long expected) {
        if (inRecord || inQuotes || inTimestamp || inHex) {
            throw new IllegalStateException("the COPY stream ended inside record " + recordNumber());
        }
        if (records + rejected + heldBack != expected) {
            throw new IllegalStateException("COPY reported " + expected + " rows but its stream held "
                    + (records + rejected + heldBack));
        }
        return records;
    }
}
