package com.terrifictotes.etl.loader;

import com.terrifictotes.etl.error.EtlException;

/**
 * The warehouse database failed: unreachable, refusing the login, or dropping the connection mid-load. The message
 * names the database ({@code host:port/name}) and the cause, never a credential. Nothing was committed by the
 * failing transaction; a retry after the fault is fixed continues where the ledger stands.
 */
public class WarehouseException extends EtlException {
    public WarehouseException(String message, Throwable cause) {
        super(message, cause);
    }
}
