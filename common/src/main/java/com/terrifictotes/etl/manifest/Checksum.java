package com.terrifictotes.etl.manifest;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The checksum a manifest records for one data file: the algorithm and its value, in the form S3 itself reports it,
 * so the manifest can be compared with the object's stored checksum without reading the object.
 *
 * <p>{@link Algorithm#CRC32C} (manifests from ingestion format 2 and processed format 3 on) is the full-object CRC32C
 * S3 validated when the object was uploaded: base64 of its four big-endian bytes, as in {@code x-amz-checksum-crc32c}.
 * {@link Algorithm#SHA256} (older manifests, which recorded a bare {@code sha256}) is lower-case hex; those files are
 * still verified by reading them through a SHA-256, so history stays checkable.
 */
public record Checksum(Algorithm algorithm, String value) {
    /** The checksum algorithms a manifest may name. */
    public enum Algorithm {
        /** S3's full-object CRC32C: cheap to compute as bytes stream by, validated by S3 on upload. */
        CRC32C("[A-Za-z0-9+/]{6}=="),
        /** The older manifests' digest, computed by the pipeline itself. */
        SHA256("[0-9a-f]{64}");

        private final String form;

        Algorithm(String form) {
            this.form = form;
        }

        public ContentChecksum start() {
            return ContentChecksum.of(this);
        }
    }

    public Checksum {
        Objects.requireNonNull(algorithm, "checksum algorithm");
        if (value == null || !value.matches(algorithm.form)) {
            throw new IllegalArgumentException("a " + algorithm + " checksum must match " + algorithm.form
                    + ", not " + value);
        }
    }

    /** The CRC32C whose value (as {@link java.util.zip.CRC32C#getValue()} gives it) is {@code crc}. */
    public static Checksum crc32c(long crc) {
        byte[] bytes = ByteBuffer.allocate(Integer.BYTES).putInt((int) crc).array();
        return new Checksum(Algorithm.CRC32C, Base64.getEncoder().encodeToString(bytes));
    }

    public static Checksum sha256(String hex) {
        return new Checksum(Algorithm.SHA256, hex);
    }

    /** The checksum of {@code content} by {@code algorithm}. */
    public static Checksum of(Algorithm algorithm, byte[] content) {
        ContentChecksum running = algorithm.start();
        running.update(content, 0, content.length);
        return running.result();
    }

    /**
     * Refuses a manifest whose files carry another algorithm than its format records: a format names one form, so a
     * manifest mixing them (or a new-format manifest with SHA-256 values) is a malformed document, never upcast.
     */
    static void requireAll(Algorithm algorithm, Stream<DataFile> files, String manifest) {
        files.filter(f -> f.checksum().algorithm() != algorithm).findFirst().ifPresent(f -> {
            throw new IllegalArgumentException(manifest + " records files by " + algorithm + " but " + f.key()
                    + " by " + f.checksum().algorithm());
        });
    }

    /** The form error messages use: {@code crc32c 3q2+7w==}. */
    @Override
    public String toString() {
        return algorithm.name().toLowerCase(Locale.ROOT) + " " + value;
    }
}
