package com.terrifictotes.etl.manifest;

/** One immutable object a manifest commits: its key, row count, size in bytes and SHA-256 (lower-case hex). */
public record DataFile(String key, long rows, long bytes, String sha256) {
    public DataFile {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("data file needs a key");
        }
        if (rows < 0 || bytes < 0) {
            throw new IllegalArgumentException("data file " + key + ": negative rows or bytes");
        }
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("data file " + key + ": sha256 must be 64 hex digits");
        }
    }
}
