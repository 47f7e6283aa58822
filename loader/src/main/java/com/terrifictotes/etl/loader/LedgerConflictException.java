package com.terrifictotes.etl.loader;

import com.terrifictotes.etl.error.EtlException;

/**
 * The load ledger and the processed bucket disagree about a batch already applied: the manifest the ledger recorded
 * is gone, or was re-published with other content. Loading on would mix two histories, so the loader stops and
 * names both sides; the README's runbook says how to go on (restarted buckets, a re-published manifest).
 */
class LedgerConflictException extends EtlException {
    public LedgerConflictException(String message) {
        super(message);
    }
}
