package com.terrifictotes.etl.manifest;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One immutable object a manifest commits: its key, row count, size in bytes and checksum. Written as
 * {@code "checksum": {"algorithm": "CRC32C", "value": ...}}; manifests of older formats recorded a bare
 * {@code "sha256"} (lower-case hex), read here as a {@link Checksum.Algorithm#SHA256} checksum.
 */
public record DataFile(String key, long rows, long bytes, Checksum checksum) {
    public DataFile {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("data file needs a key");
        }
        if (rows < 0 || bytes < 0) {
            throw new IllegalArgumentException("data file " + key + ": negative rows or bytes");
        }
        if (checksum == null) {
            throw new IllegalArgumentException("data file " + key + ": needs a checksum");
        }
    }

    /** Reads either form: {@code checksum} (current formats) or {@code sha256} (older ones), exactly one of them. */
    @JsonCreator
    static DataFile fromJson(@JsonProperty("key") String key, @JsonProperty("rows") long rows,
                             @JsonProperty("bytes") long bytes, @JsonProperty("checksum") Checksum checksum,
                             @JsonProperty("sha256") String sha256) {
        if (checksum != null && sha256 != null) {
            throw new IllegalArgumentException("data file " + key + ": has both a checksum and a sha256");
        }
        if (sha256 == null) {
            return new DataFile(key, rows, bytes, checksum);
        }
        try {
            return new DataFile(key, rows, bytes, Checksum.sha256(sha256));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("data file " + key + ": sha256 must be 64 hex digits", e);
        }
    }
}
