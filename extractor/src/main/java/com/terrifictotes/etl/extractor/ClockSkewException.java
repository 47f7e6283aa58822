package com.terrifictotes.etl.extractor;

import com.terrifictotes.etl.error.EtlException;

/**
 * The source database's clock and the function's disagree by more than {@code EXTRACT_MAX_CLOCK_SKEW_SECONDS}: a
 * bound read from either would put windows in the wrong place, so the run stops before reading or publishing.
 */
class ClockSkewException extends EtlException {
    public ClockSkewException(String message) {
        super(message);
    }
}
