package com.terrifictotes.etl.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One first load through the chain at one scale and one batch size: every invocation, what the harness saw end to
 * end, whether the warehouse came out right, and, if source changes were made while the chain ran, when they
 * reached the warehouse.
 */
final class ChainResult {
    final int scale;
    final long seed;
    final long maxBatchRows;
    final long sourceRows;
    final long seedingNanos;
    final List<ChainInvocation> invocations = new ArrayList<>();
    long wallNanos;
    ChainCheck.Outcome check;
    /** Set if changes were made while the chain ran. */
    ChangesSeen changes;

    /**
     * Source changes made between two batches of the chain, and the batch whose load first showed all of them.
     *
     * @param madeAfter the batch after whose load the changes were made
     * @param rows      source rows the changes stamped
     * @param seenAfter the batch whose load made them all visible in the warehouse, 0 if none did
     * @param latency   from the changes' commit to the end of that load
     */
    record ChangesSeen(long madeAfter, int rows, long seenAfter, Duration latency) {
    }

    ChainResult(int scale, long seed, long maxBatchRows, long sourceRows, long seedingNanos) {
        this.scale = scale;
        this.seed = seed;
        this.maxBatchRows = maxBatchRows;
        this.sourceRows = sourceRows;
        this.seedingNanos = seedingNanos;
    }

    long batches() {
        return invocations.stream().filter(i -> i.stage() == Stage.EXTRACT).count();
    }

    List<ChainInvocation> of(Stage stage) {
        return invocations.stream().filter(i -> i.stage() == stage).toList();
    }

    Optional<ChainInvocation> longest(Stage stage) {
        return of(stage).stream().max(Comparator.comparingLong(ChainInvocation::nanos));
    }

    Optional<ChainInvocation> largestHeap(Stage stage) {
        return of(stage).stream().max(Comparator.comparingLong(ChainInvocation::peakAfterGc));
    }

    long stageNanos(Stage stage) {
        return of(stage).stream().mapToLong(ChainInvocation::nanos).sum();
    }

    long stageCpuNanos(Stage stage) {
        return of(stage).stream().mapToLong(ChainInvocation::cpuNanos).sum();
    }

    /** The invocations' wall time added up: the chain's time with no stage overlapping another. */
    long invocationNanos() {
        return invocations.stream().mapToLong(ChainInvocation::nanos).sum();
    }

    double rowsPerSecond() {
        return sourceRows / (invocationNanos() / 1e9);
    }
}
