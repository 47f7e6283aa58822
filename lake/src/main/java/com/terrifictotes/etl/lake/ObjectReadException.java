package com.terrifictotes.etl.lake;

import java.io.IOException;

/**
 * Reading an object's bytes from S3 failed (a GET refused, a connection reset mid-body): a storage fault that a
 * retry may get past, as opposed to bytes that arrived and do not decode, which a retry cannot mend. Parquet wraps
 * what its input stream throws in its own exceptions; this type lets the reader tell the two apart in the causes.
 */
final class ObjectReadException extends IOException {
    private static final long serialVersionUID = 1L;

    ObjectReadException(String message, Throwable cause) {
        super(message, cause);
    }
}
