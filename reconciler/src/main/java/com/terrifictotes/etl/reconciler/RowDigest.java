package com.terrifictotes.etl.reconciler;

import com.terrifictotes.etl.catalogue.Column;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import com.terrifictotes.etl.lake.TableRow;
import com.terrifictotes.etl.s3.Sha256;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A 60-bit digest of one warehouse row's content, computed alike in Java (from a row the transformer's derivation
 * made of a source row) and in PostgreSQL (from the row the warehouse holds), so the two sides compare by digest and
 * ranges of rows by the sum of their digests.
 *
 * <p>The digested text is the table's load columns in catalogue order, each written as {@code -} for NULL or as
 * {@code <length>:<text>} (length in characters), so no two rows can spell the same text (no separator a value could
 * contain, NULL unlike every string: data-diff's "concatenation with NULLs" trap). Each type has one text, which both
 * sides produce: integers and booleans as PostgreSQL prints them, money always with two decimals, dates
 * {@code YYYY-MM-DD}, times {@code HH:MM:SS.mmm}, timestamps {@code YYYY-MM-DD HH:MM:SS.mmm}. The digest is the first
 * 60 bits of the SHA-256 of its UTF-8 bytes: positive in a {@code bigint}, and sums of millions of them stay exact as
 * PostgreSQL's numeric and as Java's long modulo 2^64.
 */
final class RowDigest {
    /** What a source row that cannot become a warehouse row digests to: never equal to a real row's digest. */
    static final long UNREPRESENTABLE = -1L;

    private RowDigest() {
    }

    /** The digest of a row made by the transformer's derivation: an Avro record of the table's load columns. */
    static long of(WarehouseTable table, TableRow row) {
        List<Column> columns = table.loadColumns();
        StringBuilder text = new StringBuilder(160);
        for (int i = 0; i < columns.size(); i++) {
            append(text, columns.get(i), row.get(i));
        }
        return digest(text);
    }

    /** The text a row digests: see the class comment. For tests and for naming a difference in a log line. */
    static String text(List<Column> columns, List<Object> values) {
        StringBuilder text = new StringBuilder(160);
        for (int i = 0; i < columns.size(); i++) {
            append(text, columns.get(i), values.get(i));
        }
        return text.toString();
    }

    static long digest(CharSequence text) {
        MessageDigest sha256 = Sha256.newDigest();
        byte[] hash = sha256.digest(text.toString().getBytes(StandardCharsets.UTF_8));
        long first = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            first = (first << 8) | (hash[i] & 0xFF);
        }
        return first >>> 4;
    }

    /**
     * The same digest as a SQL expression over the columns of the table aliased {@code alias}: a {@code bigint}. Every
     * name comes from the catalogue, quoted.
     */
    static String sql(WarehouseTable table, String alias) {
        String text = table.loadColumns().stream().map(c -> field(c, alias + "." + c.quotedName()))
                .collect(Collectors.joining(", ", "concat(", ")"));
        return "('x' || substr(encode(sha256(convert_to(" + text + ", 'UTF8')), 'hex'), 1, 15))::bit(60)::bigint";
    }

    private static String field(Column column, String value) {
        String text = switch (column.type()) {
            case INTEGER, TEXT, VARCHAR_3, ENUM, BOOLEAN, DECIMAL_10_2 -> value + "::text";
            case DATE -> "to_char(" + value + ", 'YYYY-MM-DD')";
            case TIME_MILLIS -> "to_char(" + value + ", 'HH24:MI:SS.MS')";
            case TIMESTAMP_MILLIS -> "to_char(" + value + ", 'YYYY-MM-DD HH24:MI:SS.MS')";
        };
        return "CASE WHEN " + value + " IS NULL THEN '-' ELSE length(" + text + ") || ':' || " + text + " END";
    }

    private static void append(StringBuilder text, Column column, Object value) {
        if (value == null) {
            text.append('-');
            return;
        }
        String shown = show(column, value);
        text.append(shown.codePointCount(0, shown.length())).append(':').append(shown);
    }

    /** @throws ArithmeticException for money with more than two decimals: the warehouse cannot hold it */
    private static String show(Column column, Object value) {
        return switch (column.type()) {
            case INTEGER, TEXT, VARCHAR_3, ENUM, BOOLEAN -> value.toString();
            case DECIMAL_10_2 -> ((BigDecimal) value).setScale(2, RoundingMode.UNNECESSARY).toPlainString();
            case DATE -> date((LocalDate) value);
            case TIME_MILLIS -> time((LocalTime) value);
            case TIMESTAMP_MILLIS -> date(((LocalDateTime) value).toLocalDate()) + " "
                    + time(((LocalDateTime) value).toLocalTime());
        };
    }

    private static String date(LocalDate date) {
        StringBuilder text = new StringBuilder(10);
        pad(text, date.getYear(), 4).append('-');
        pad(text, date.getMonthValue(), 2).append('-');
        return pad(text, date.getDayOfMonth(), 2).toString();
    }

    private static String time(LocalTime time) {
        StringBuilder text = new StringBuilder(12);
        pad(text, time.getHour(), 2).append(':');
        pad(text, time.getMinute(), 2).append(':');
        pad(text, time.getSecond(), 2).append('.');
        return pad(text, time.getNano() / 1_000_000, 3).toString();
    }

    /** Zero-padded to {@code width} digits, as PostgreSQL's to_char does (a longer number is kept whole). */
    private static StringBuilder pad(StringBuilder text, int number, int width) {
        String digits = Integer.toString(number);
        for (int i = digits.length(); i < width; i++) {
            text.append('0');
        }
        return text.append(digits);
    }
}
