package com.terrifictotes.etl.extractor;

/**
 * How the text of string cells (text, varchar, enum labels) travels from the source to the extractor.
 *
 * <p>Why two ways: a database in any encoding but {@code SQL_ASCII} converts its text to the client's UTF-8, so it
 * arrives valid. A {@code SQL_ASCII} database stores whatever bytes a client sent, unchecked, and PostgreSQL (15 and
 * later) refuses to send a byte sequence that is not UTF-8 to a UTF-8 client: the whole statement fails ({@code
 * invalid byte sequence for encoding "UTF8": 0xe9}), on the row path and in {@code COPY} alike, so one bad value
 * would stop every run. (Older servers pass the bytes through, and pgjdbc would replace them with U+FFFD.) There,
 * string cells are fetched as the stored bytes ({@code convert_to(..., 'SQL_ASCII')} converts nothing), checked
 * here, and a row version with a bad one is rejected (see {@code RejectedValue}) while the rest is delivered.
 */
enum TextTransfer {
    /** The server converts text to UTF-8. */
    CONVERTED,
    /** {@code SQL_ASCII}: stored bytes, fetched as {@code bytea} (row path) or hex text (COPY), checked here. */
    RAW_BYTES;

    static final String SQL_ASCII = "SQL_ASCII";

    static TextTransfer of(String serverEncoding) {
        return SQL_ASCII.equalsIgnoreCase(serverEncoding) ? RAW_BYTES : CONVERTED;
    }

    /** The row path's expression for a string column (quoted) or expression: its text, read with {@code getBytes}. */
    String rowExpression(String column) {
        return this == RAW_BYTES ? "convert_to(" + column + "::text, 'SQL_ASCII')" : column + "::text";
    }

    /**
     * COPY's expression for a string column (quoted): the column as it prints itself, or in {@code SQL_ASCII} its
     * stored bytes as hex, which {@link CopyRecords} decodes.
     */
    String copyExpression(String column) {
        return this == RAW_BYTES ? "encode(convert_to(" + column + "::text, 'SQL_ASCII'), 'hex')" : column;
    }
}
