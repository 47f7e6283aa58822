package com.terrifictotes.etl.infra;

import java.util.EnumMap;
import java.util.Map;

/**
 * Memory and timeout of one function. The defaults are first estimates; the benchmarks revise them here.
 * Timeouts are Lambda's maximum, because a run that is cut off leaves work for the next one and costs a retry.
 * 1769 MB is the size at which Lambda gives a full vCPU: the transformer is CPU-bound (CSV decode, Parquet encode).
 */
public record FunctionSizing(int memoryMb, int timeoutSeconds) {
    public static final int MAX_TIMEOUT_SECONDS = 900;

    public FunctionSizing {
        if (memoryMb < 128 || memoryMb > 10_240) {
            throw new IllegalArgumentException("Lambda memory is 128..10240 MB, not " + memoryMb);
        }
        if (timeoutSeconds < 1 || timeoutSeconds > MAX_TIMEOUT_SECONDS) {
            throw new IllegalArgumentException("Lambda timeout is 1..900 s, not " + timeoutSeconds);
        }
    }

    public static Map<LambdaModule, FunctionSizing> defaults() {
        Map<LambdaModule, FunctionSizing> sizing = new EnumMap<>(LambdaModule.class);
        sizing.put(LambdaModule.EXTRACTOR, new FunctionSizing(1024, MAX_TIMEOUT_SECONDS));
        sizing.put(LambdaModule.TRANSFORMER, new FunctionSizing(1769, MAX_TIMEOUT_SECONDS));
        sizing.put(LambdaModule.LOADER, new FunctionSizing(1024, MAX_TIMEOUT_SECONDS));
        // streams both databases (one chunk of digests in memory) and hashes every row: CPU before memory
        sizing.put(LambdaModule.RECONCILER, new FunctionSizing(1769, MAX_TIMEOUT_SECONDS));
        return Map.copyOf(sizing);
    }
}
