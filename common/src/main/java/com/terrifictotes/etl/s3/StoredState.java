package com.terrifictotes.etl.s3;

import com.terrifictotes.etl.manifest.Checksum;
import java.util.Optional;
import software.amazon.awssdk.services.s3.model.ChecksumType;

/** An object's size and its stored full-object CRC32C, if it has one ({@link WriteOnceBucket#stored}). */
public record StoredState(long bytes, Optional<Checksum> crc32c) {
    /** The stored checksum by {@code algorithm}, if S3 keeps one of that kind (it keeps no SHA-256 of ours). */
    public Optional<Checksum> checksum(Checksum.Algorithm algorithm) {
        return crc32c.filter(c -> c.algorithm() == algorithm);
    }

    /**
     * A CRC32C header as a full-object checksum; empty when absent or composite (a multipart upload without
     * {@code FULL_OBJECT}: the value is then a checksum of part checksums, suffixed {@code -<parts>}).
     */
    public static Optional<Checksum> fullObjectCrc32c(String header, ChecksumType type) {
        if (header == null || header.contains("-") || type == ChecksumType.COMPOSITE) {
            return Optional.empty();
        }
        return Optional.of(new Checksum(Checksum.Algorithm.CRC32C, header));
    }
}
