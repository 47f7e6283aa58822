package com.terrifictotes.etl.testbed.faults;

import java.util.function.Predicate;

/** Fires once: on the {@code nth} call that matches, counting matching calls only. Thread-safe. */
final class NthMatch<T> {
    private final int nth;
    private final Predicate<? super T> matches;
    private int seen;
    private boolean fired;

    NthMatch(int nth, Predicate<? super T> matches) {
        if (nth < 1) {
            throw new IllegalArgumentException("calls are counted from 1, got " + nth);
        }
        this.nth = nth;
        this.matches = matches;
    }

    synchronized boolean fires(T call) {
        if (fired || !matches.test(call)) {
            return false;
        }
        seen++;
        fired = seen == nth;
        return fired;
    }

    synchronized boolean fired() {
        return fired;
    }
}
