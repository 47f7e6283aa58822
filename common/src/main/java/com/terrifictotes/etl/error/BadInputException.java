package com.terrifictotes.etl.error;

/** Input that cannot be processed as it is: a malformed file, a wrong header, a manifest naming an unknown table. */
public class BadInputException extends EtlException {
    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
