package com.terrifictotes.etl.reconciler;

import com.terrifictotes.etl.error.EtlException;

/** The warehouse could not be reached or read. The message names the database, never a credential. */
class WarehouseReadException extends EtlException {
    public WarehouseReadException(String message, Throwable cause) {
        super(message, cause);
    }
}
