package com.terrifictotes.etl.runtime;

import java.util.function.Supplier;
import org.slf4j.Logger;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * How every function ends an invocation: a failure logged once and counted, the invocation's metrics sent either
 * way.
 */
public final class Invocation {
    /** 1 in the invocation's document when it failed, so an alarm does not have to parse logs. */
    public static final String RUNS_FAILED = "RunsFailed";

    private Invocation() {
    }

    /**
     * Runs {@code work}. A failure is logged on {@code log} as "{@code what} failed" with its message (which names
     * what failed and never carries a credential: see {@code DataSourceAddress}, {@code DatabaseSecret}), counted as
     * {@value #RUNS_FAILED} and rethrown, so Lambda's retries and the function's DLQ see it.
     */
    public static <T> T run(FunctionMetrics metrics, Logger log, String what, Supplier<T> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            metrics.add(RUNS_FAILED, 1, MetricUnit.COUNT);
            log.error("{} failed: {}", what, e.getMessage(), e);
            throw e;
        } finally {
            metrics.flush();
        }
    }
}
