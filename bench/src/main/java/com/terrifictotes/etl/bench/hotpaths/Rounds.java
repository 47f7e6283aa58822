package com.terrifictotes.etl.bench.hotpaths;

import java.util.Arrays;
import java.util.List;

/**
 * Times the candidates of a hot path round by round, interleaved (A, B, C, A, B, C, ...) so that a change in the
 * machine's load touches every candidate alike; the first {@code warmups} rounds only warm the JIT up.
 */
final class Rounds {
    /** Where the candidates' results go, so that no work is dead code. */
    private static volatile long sink;

    private Rounds() {
    }

    /** The median figure of each candidate, in the path's unit, in the order of its candidates. */
    static double[] medians(HotPath path, int warmups, int rounds) {
        List<HotPath.Candidate> candidates = path.candidates();
        long[][] nanos = new long[candidates.size()][rounds];
        long results = 0;
        for (int round = -warmups; round < rounds; round++) {
            for (int c = 0; c < candidates.size(); c++) {
                long started = System.nanoTime();
                results += candidates.get(c).work().getAsLong();
                long took = System.nanoTime() - started;
                if (round >= 0) {
                    nanos[c][round] = took;
                }
            }
        }
        sink = results;
        double[] medians = new double[candidates.size()];
        for (int c = 0; c < medians.length; c++) {
            long[] sorted = nanos[c].clone();
            Arrays.sort(sorted);
            medians[c] = path.figure(sorted[sorted.length / 2]);
        }
        return medians;
    }

    static long sink() {
        return sink;
    }
}
