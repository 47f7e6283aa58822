package com.terrifictotes.etl.error;

/** Base of every failure the pipeline reports on purpose: its message names the object and the cause. */
public class EtlException extends RuntimeException {
    public EtlException(String message) {
        super(message);
    }

    public EtlException(String message, Throwable cause) {
        super(message, cause);
    }
}
