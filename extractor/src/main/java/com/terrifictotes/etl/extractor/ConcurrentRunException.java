package com.terrifictotes.etl.extractor;

import com.terrifictotes.etl.error.EtlException;

/**
 * Another run published the manifest sequence this run was about to publish. This run's data files stay
 * unreferenced, so nothing downstream reads them; the next run starts from the winner's manifest.
 */
public class ConcurrentRunException extends EtlException {
    public ConcurrentRunException(String message, Throwable cause) {
        super(message, cause);
    }
}
