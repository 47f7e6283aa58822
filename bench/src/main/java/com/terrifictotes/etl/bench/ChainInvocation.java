package com.terrifictotes.etl.bench;

/**
 * One invocation of the chain: one stage on one batch, in a stage process of its own.
 *
 * @param batch the sequence the invocation published (extract) or went up to (transform, load)
 * @param rows  rows it handled: source rows read (extract, transform), warehouse rows loaded (load)
 */
record ChainInvocation(Stage stage, long batch, long rows, long nanos, long cpuNanos, long peakAfterGc,
                       long peakUsed, double load) {
    double seconds() {
        return nanos / 1e9;
    }
}
