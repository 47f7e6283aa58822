package com.terrifictotes.etl.bench.hotpaths;

import java.security.MessageDigest;

/**
 * A digest that does nothing: {@code CsvRecordReader} measured without the per-byte SHA-256 it feeds today, as it
 * will run once manifests carry S3's own checksums instead (the {@code checksum} change).
 */
final class NoDigest extends MessageDigest {
    NoDigest() {
        super("none");
    }

    @Override
    protected void engineUpdate(byte input) {
        // nothing: the point is to measure the reader alone
    }

    @Override
    protected void engineUpdate(byte[] input, int offset, int length) {
        // nothing: the point is to measure the reader alone
    }

    @Override
    protected byte[] engineDigest() {
        return new byte[0];
    }

    @Override
    protected void engineReset() {
        // nothing to reset
    }
}
