package com.terrifictotes.etl.csv;

import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 over raw bytes, without decoding: which bytes are well-formed (Unicode's table 3-7, the same bytes
 * Java's own decoder accepts: no overlong forms, no surrogates, nothing beyond U+10FFFF), and how to show bytes
 * that are not so that a person can read them and no invalid byte is ever written anywhere.
 *
 * <p>Why here: a source whose database encoding is {@code SQL_ASCII} hands back whatever bytes a client once stored.
 * The extractor checks every text cell with {@link #firstInvalid} before it reaches a CSV (the transformer treats
 * invalid UTF-8 in a file as corruption), and records a cell that fails with {@link #escaped}.
 */
public final class Utf8Bytes {
    private Utf8Bytes() {
    }

    /** The index of the first byte in {@code [from, to)} that starts no well-formed sequence, or -1 if none. */
    public static int firstInvalid(byte[] bytes, int from, int to) {
        int i = from;
        while (i < to) {
            if (bytes[i] >= 0) {
                i++;
                continue;
            }
            int length = sequenceLength(bytes, i, to);
            if (length == 0) {
                return i;
            }
            i += length;
        }
        return -1;
    }

    /**
     * The bytes as text: each well-formed sequence as its character, each byte of a malformed one as {@code \xNN}
     * (upper-case hex), a backslash doubled, so the text is valid, unambiguous and shows exactly which bytes were
     * bad. At most {@code limit} bytes are shown, then {@code …(+N bytes)}.
     */
    public static String escaped(byte[] bytes, int from, int to, int limit) {
        StringBuilder text = new StringBuilder();
        int end = Math.min(to, from + limit);
        int i = from;
        while (i < end) {
            int length = bytes[i] >= 0 ? 1 : sequenceLength(bytes, i, to);
            if (length == 0) {
                text.append(String.format("\\x%02X", bytes[i] & 0xff));
                i++;
            } else if (bytes[i] == '\\') {
                text.append("\\\\");
                i++;
            } else {
                text.append(new String(bytes, i, length, StandardCharsets.UTF_8));
                i += length;
            }
        }
        if (i < to) {
            text.append("…(+").append(to - i).append(" bytes)");
        }
        return text.toString();
    }

    /** The length of the well-formed multi-byte sequence starting at {@code i}, or 0 if there is none. */
    private static int sequenceLength(byte[] b, int i, int to) {
        int lead = b[i] & 0xff;
        if (lead >= 0xC2 && lead <= 0xDF) {
            return continuation(b, i + 1, to, 0x80, 0xBF) ? 2 : 0;
        }
        if (lead >= 0xE0 && lead <= 0xEF) {
            int low = lead == 0xE0 ? 0xA0 : 0x80;
            int high = lead == 0xED ? 0x9F : 0xBF; // ED A0..BF would be a surrogate
            return continuation(b, i + 1, to, low, high) && continuation(b, i + 2, to, 0x80, 0xBF) ? 3 : 0;
        }
        if (lead >= 0xF0 && lead <= 0xF4) {
            int low = lead == 0xF0 ? 0x90 : 0x80;
            int high = lead == 0xF4 ? 0x8F : 0xBF; // beyond U+10FFFF otherwise
            return continuation(b, i + 1, to, low, high) && continuation(b, i + 2, to, 0x80, 0xBF)
                    && continuation(b, i + 3, to, 0x80, 0xBF) ? 4 : 0;
        }
        return 0; // 80..C1 (continuation or overlong lead) and F5..FF never start a character
    }

    private static boolean continuation(byte[] b, int i, int to, int low, int high) {
        return i < to && (b[i] & 0xff) >= low && (b[i] & 0xff) <= high;
    }
}
