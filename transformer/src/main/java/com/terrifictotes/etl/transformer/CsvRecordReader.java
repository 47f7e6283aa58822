package com.terrifictotes.etl.transformer;

import com.terrifictotes.etl.error.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the ingestion zone's CSV ({@link com.terrifictotes.etl.csv.CsvDialect}: RFC 4180, UTF-8, every non-null
 * value quoted, NULL an empty unquoted field) straight from bytes, and counts the bytes as it reads them (their
 * integrity is S3's CRC32C, checked by the SDK as the stream ends: see {@code IngestedTables}). It replaces
 * commons-csv on the transformer's hot path, where that lexer's char-by-char reading through a decoder and two
 * buffered readers cost about a quarter of the stage's CPU.
 *
 * <p>It reads what commons-csv reads with the dialect's format: quoted fields with doubled quotes and line breaks
 * inside (blanks after the closing quote ignored), unquoted fields taken literally, records ended by CRLF, LF or
 * CR; line numbers count physical lines, as commons-csv's do. Anything else (text after a closing quote, a quote
 * left open, bytes that are not UTF-8) is a {@link BadInputException} naming the object and line.
 */
final class CsvRecordReader {
    private static final int BUFFER = 64 * 1024;

    private final InputStream in;
    private final String location;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[] buffer = new byte[BUFFER];
    private byte[] field = new byte[256];
    private String[] fields = new String[16];
    private Object[] cells = new Object[16];
    /** The OR of the last field's bytes: its high bit says whether the field is all ASCII. */
    private int high;
    private int position;
    private int limit;
    private long bytes;
    private long lineBreaks;
    private boolean endOfInput;

    CsvRecordReader(InputStream in, String location) {
        this.in = in;
        this.location = location;
    }

    /** The line the next record starts on (1 for the first). */
    long line() {
        return lineBreaks + 1;
    }

    /** Bytes read so far; at the end, the size of the input. */
    long bytes() {
        return bytes;
    }

    /** The next record's fields, null for NULL; or null once the input is exhausted, every byte read. */
    String[] next() {
        if (peek() < 0) {
            return null;
        }
        int count = 0;
        while (true) {
            if (count == fields.length) {
                fields = Arrays.copyOf(fields, count * 2);
            }
            int length = field();
            fields[count++] = length < 0 ? null : text(length);
            if (!nextField()) {
                return Arrays.copyOf(fields, count);
            }
        }
    }

    /**
     * Reads the next record, field {@code i} decoded by {@code decoders[i]} ({@link CellDecoder}: a number, date,
     * timestamp or boolean straight from its bytes, no string made) or kept as its text if there is no decoder for
     * it; the values are then {@link #cell(int)}'s until the next call. @return the number of fields, or -1 once the
     * input is exhausted, every byte read
     */
    int next(CellDecoder[] decoders) {
        return next(decoders, null);
    }

    /** Takes a field's bytes as a value of its own (true), or leaves it to the reader's decoders (false). */
    interface FastFields {
        /** @param length -1 for NULL @param ascii whether every byte is ASCII */
        boolean take(int field, byte[] bytes, int length, boolean ascii);
    }

    /** {@link #next(CellDecoder[])}, each field offered to {@code fast}: a field it takes has no {@link #cell}. */
    int next(CellDecoder[] decoders, FastFields fast) {
        if (peek() < 0) {
            return -1;
        }
        int count = 0;
        while (true) {
            if (count == cells.length) {
                cells = Arrays.copyOf(cells, count * 2);
            }
            int length = field();
            if (fast == null || !fast.take(count, field, length, (high & 0x80) == 0)) {
                cells[count] = length < 0 ? null : cell(count < decoders.length ? decoders[count] : null, length);
            }
            count++;
            if (!nextField()) {
                return count;
            }
        }
    }

    /** Field {@code i} of the record the last {@link #next(CellDecoder[])} read: its value, null for NULL. */
    Object cell(int i) {
        return cells[i];
    }

    private Object cell(CellDecoder decoder, int length) {
        if (decoder == null || decoder.isText()) {
            return text(length);
        }
        if ((high & 0x80) == 0 && length > 0) {
            Object value = decoder.fromBytes(field, length);
            if (value != null) {
                return value;
            }
        }
        return decoder.fromText(text(length));
    }

    /** Reads one field into {@code field}; @return its length, or -1 for NULL (an empty unquoted field) */
    private int field() {
        return peek() == '"' ? quoted() : unquoted();
    }

    /** Steps over the comma after a field (true) or the line break or end that ends the record (false). */
    private boolean nextField() {
        int end = peek();
        if (end == ',') {
            position++;
            return true;
        }
        if (end >= 0) {
            lineBreak();
        }
        return false;
    }

    private int unquoted() {
        int length = 0;
        int bits = 0;
        while (true) {
            if (position == limit && !fill()) {
                break;
            }
            byte b = buffer[position];
            if (b == ',' || b == '\r' || b == '\n') {
                break;
            }
            if (length == field.length) {
                field = Arrays.copyOf(field, length * 2);
            }
            field[length++] = b;
            bits |= b;
            position++;
        }
        high = bits;
        return length == 0 ? -1 : length;
    }

    /**
     * From the opening quote to the closing one. Nearly every field here is a quoted value with no quote or line
     * break inside, closed by a comma or line break within the buffer: that field is found by one scan over the
     * buffer in local variables and copied as one run; any other ({@link #quotedAcrossQuotesAndBreaks}) is read
     * byte by byte where the scan stops.
     */
    private int quoted() {
        byte[] bytes = buffer;
        int end = limit;
        int start = position + 1;
        int at = start;
        int bits = 0;
        while (at < end) {
            byte c = bytes[at];
            if (c == '"' || c == '\n' || c == '\r') {
                break;
            }
            bits |= c;
            at++;
        }
        if (at + 1 < end && bytes[at] == '"') {
            byte after = bytes[at + 1];
            if (after == ',' || after == '\n' || after == '\r') {
                int length = at - start;
                if (length > field.length) {
                    field = new byte[Math.max(field.length * 2, length)];
                }
                System.arraycopy(bytes, start, field, 0, length);
                position = at + 1;
                high = bits;
                return length;
            }
        }
        return quotedAcrossQuotesAndBreaks();
    }

    /** {@link #quoted()} for any field: a doubled quote inside stands for one; line breaks inside are counted. */
    private int quotedAcrossQuotesAndBreaks() {
        long startLine = line();
        position++;
        int length = 0;
        int bits = 0;
        while (true) {
            if (position == limit && !fill()) {
                throw invalid("line " + startLine + ": the input ends inside a quoted field");
            }
            int run = position;
            while (run < limit) { // the bytes up to the next quote or line break are copied as one run
                byte c = buffer[run];
                if (c == '"' || c == '\n' || c == '\r') {
                    break;
                }
                bits |= c;
                run++;
            }
            if (run > position) {
                length = append(length, run - position);
                continue;
            }
            byte b = buffer[position++];
            if (b == '"') {
                if (peek() != '"') {
                    break;
                }
                position++;
            } else if (b == '\n' || b == '\r' && peek() != '\n') {
                lineBreaks++;
            }
            if (length == field.length) {
                field = Arrays.copyOf(field, length * 2);
            }
            field[length++] = b;
            bits |= b;
        }
        int after = peek();
        while (after == ' ' || after == '\t') { // commons-csv lets blanks follow the closing quote
            position++;
            after = peek();
        }
        if (after >= 0 && after != ',' && after != '\r' && after != '\n') {
            throw invalid("line " + line() + ": '" + (char) after + "' follows the closing quote of a field");
        }
        high = bits;
        return length;
    }

    /** Copies the next {@code count} bytes of the buffer to the field after its first {@code length}. */
    private int append(int length, int count) {
        if (length + count > field.length) {
            field = Arrays.copyOf(field, Math.max(field.length * 2, length + count));
        }
        System.arraycopy(buffer, position, field, length, count);
        position += count;
        return length + count;
    }

    private void lineBreak() {
        if (buffer[position++] == '\r' && peek() == '\n') {
            position++;
        }
        lineBreaks++;
    }

    /** ASCII (by far the most text here) becomes a string without a decoder; anything else is decoded strictly. */
    private String text(int length) {
        if ((high & 0x80) == 0) {
            return new String(field, 0, length, StandardCharsets.ISO_8859_1);
        }
        try {
            return utf8.decode(ByteBuffer.wrap(field, 0, length)).toString();
        } catch (CharacterCodingException e) {
            throw new BadInputException(location + " is not valid UTF-8: line " + line() + ": " + e.getMessage(), e);
        }
    }

    /** The next byte, not consumed, or -1 at the end. */
    private int peek() {
        if (position == limit && !fill()) {
            return -1;
        }
        return buffer[position];
    }

    private boolean fill() {
        if (endOfInput) {
            return false;
        }
        try {
            int n = in.readNBytes(buffer, 0, buffer.length);
            if (n <= 0) {
                endOfInput = true;
                return false;
            }
            bytes += n;
            position = 0;
            limit = n;
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private BadInputException invalid(String problem) {
        return new BadInputException(location + " is not valid CSV: " + problem);
    }
}
