package com.terrifictotes.etl.extractor;

import com.terrifictotes.etl.error.EtlException;

/** The source database could not be reached or read. The message names the database, never a credential. */
class SourceDatabaseException extends EtlException {
    public SourceDatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
