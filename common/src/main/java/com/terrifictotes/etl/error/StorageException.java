package com.terrifictotes.etl.error;

/** An object store failure: a missing bucket or object, a refused write, a write-once conflict. */
public class StorageException extends EtlException {
    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
