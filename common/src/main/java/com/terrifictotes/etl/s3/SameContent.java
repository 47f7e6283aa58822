package com.terrifictotes.etl.s3;

import com.terrifictotes.etl.manifest.Checksum;

/**
 * How a write-once write that finds its key taken by different bytes decides whether the stored object nevertheless
 * holds what it meant to store. Bytes are not always a function of the content alone: a Parquet footer names the
 * library version that wrote it, so a batch half-published before a deploy and completed after it meets objects of
 * its own content in other bytes. The lake compares such objects by their decoded rows.
 */
@FunctionalInterface
public interface SameContent {
    /** Only byte-identical content is the same: CSV, manifests, anything without a decoder. */
    SameContent BYTES = (key, checksum) -> false;

    /**
     * Whether the object stored under {@code key}, whose bytes differ from the write's, holds the same content.
     *
     * @param checksum of the bytes the write meant to store
     */
    boolean holds(String key, Checksum checksum);
}
