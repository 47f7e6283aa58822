package com.terrifictotes.etl.bench.hotpaths;

import java.util.List;
import java.util.function.LongSupplier;

/**
 * One hand-written hot path and its alternatives, each doing the same whole piece of work over the same input.
 * The first candidate is ours; ratios are against it.
 *
 * @param unit       {@code MB/s} (higher is faster) or {@code ns/value} (lower is faster)
 * @param amount     bytes (for MB/s) or values (for ns/value) one candidate's work covers
 * @param check      what the equality check established, e.g. "equal on 158,360 records"
 */
public record HotPath(String name, String unit, long amount, List<Candidate> candidates, String check) {
    public static final String MEGABYTES_PER_SECOND = "MB/s";
    public static final String NANOS_PER_VALUE = "ns/value";

    /** One implementation: its work returns a number derived from its output, so the JIT cannot drop the work. */
    public record Candidate(String name, LongSupplier work) {
    }

    /** The figure for one round that took {@code nanos}, in this path's unit. */
    public double figure(long nanos) {
        return unit.equals(MEGABYTES_PER_SECOND) ? amount / 1e6 / (nanos / 1e9) : (double) nanos / amount;
    }

    /** How many times faster ours ({@code oursFigure}) is than a candidate ({@code figure}): above 1, ours wins. */
    public static double speedup(String unit, double oursFigure, double figure) {
        return unit.equals(MEGABYTES_PER_SECOND) ? oursFigure / figure : figure / oursFigure;
    }
}
