package com.terrifictotes.etl.manifest;

import com.terrifictotes.etl.csv.Utf8Bytes;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * One source row version the extractor read but could not deliver, listed under its table in the ingestion
 * manifest ({@link TableExtract#rejects()}) instead of being written to a CSV part. The next stage carries it into
 * the quarantine; the rest of the batch goes on. A rejected version counts as handled: a later run re-reading the
 * same version does not reject it again, and a new version of the row (a fix at the source) is delivered normally.
 *
 * <p>JSON: {@code {"id": 7, "lastUpdated": "2022-11-03T14:20:52.186", "column": "first_name",
 * "reason": "not valid UTF-8: byte 0xE9 at offset 3 of 4", "value": "Ren\\xE9"}}.
 *
 * @param id          the row's primary key
 * @param lastUpdated the row's {@code last_updated}: with {@code id}, the version
 * @param column      the first catalogue column whose value could not be delivered
 * @param reason      why, for people; starts with a fixed phrase per kind ({@link #INVALID_UTF8})
 * @param value       the value shown safely (see {@link Utf8Bytes#escaped}): valid text as it is, bad bytes as
 *                    {@code \xNN}, at most {@value #VALUE_LIMIT_BYTES} bytes of it; null where there is none
 */
public record RejectedValue(int id, LocalDateTime lastUpdated, String column, String reason, String value) {
    /** The reason of a value whose bytes are not valid UTF-8 starts with this. */
    public static final String INVALID_UTF8 = "not valid UTF-8";
    public static final int VALUE_LIMIT_BYTES = 256;

    public RejectedValue {
        Objects.requireNonNull(lastUpdated, "lastUpdated");
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(reason, "reason");
    }

    /** A cell whose bytes are not valid UTF-8; {@code value} holds the cell's bytes exactly as the source gave them. */
    public static RejectedValue invalidUtf8(int id, LocalDateTime lastUpdated, String column, byte[] value) {
        int at = Utf8Bytes.firstInvalid(value, 0, value.length);
        if (at < 0) {
            throw new IllegalArgumentException("the value of " + column + " is valid UTF-8");
        }
        String reason = String.format("%s: byte 0x%02X at offset %d of %d", INVALID_UTF8, value[at] & 0xff, at,
                value.length);
        return new RejectedValue(id, lastUpdated, column, reason,
                Utf8Bytes.escaped(value, 0, value.length, VALUE_LIMIT_BYTES));
    }

    /** The version this entry stands for. */
    public RowVersion version() {
        return new RowVersion(id, lastUpdated);
    }
}
