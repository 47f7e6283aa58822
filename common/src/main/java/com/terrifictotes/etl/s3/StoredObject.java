package com.terrifictotes.etl.s3;

import com.terrifictotes.etl.manifest.Checksum;

/**
 * An object written through {@link WriteOnceBucket}.
 *
 * @param checksum the full-object checksum S3 validated and stored with it (CRC32C), which a manifest records
 * @param created  false when the key already held the same content (a retry meeting its own earlier write)
 */
public record StoredObject(String key, long bytes, Checksum checksum, boolean created) {
}
