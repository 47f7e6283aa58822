package com.terrifictotes.etl.s3;

/**
 * An object written through {@link WriteOnceBucket}.
 *
 * @param created false when the key already held byte-identical content (a retry meeting its own earlier write)
 */
public record StoredObject(String key, long bytes, String sha256, boolean created) {
}
