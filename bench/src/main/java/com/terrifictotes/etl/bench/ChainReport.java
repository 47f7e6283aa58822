package com.terrifictotes.etl.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** A chain's figures as Markdown, ready for BENCHMARKS.md: totals, each stage's worst invocation, every invocation. */
final class ChainReport {
    /** The bound issue #19 sets each invocation, with a margin below Lambda's 15 minutes. */
    static final long INVOCATION_LIMIT_NANOS = 5L * 60 * 1_000_000_000L;
    private static final List<Stage> STAGES = List.of(Stage.EXTRACT, Stage.TRANSFORM, Stage.LOAD);

    private final PrintStream out;

    ChainReport(PrintStream out) {
        this.out = out;
    }

    void chain(ChainResult result, String heap) {
        out.printf(Locale.ROOT, "%n### Chain at SF%d, EXTRACT_MAX_BATCH_ROWS = %,d (seed %d, %,d source rows; seeding"
                + " %.0f s)%n%n", result.scale, result.maxBatchRows, result.seed, result.sourceRows,
                result.seedingNanos / 1e9);
        out.printf(Locale.ROOT, "- **%d batches**; the invocations took %.1f s in all (extract %.1f, transform %.1f,"
                + " load %.1f), **%,.0f source rows/s**; %.1f s end to end in the harness (manifest reads, the"
                + " oracle check and JVM start-ups included).%n", result.batches(), result.invocationNanos() / 1e9,
                result.stageNanos(Stage.EXTRACT) / 1e9, result.stageNanos(Stage.TRANSFORM) / 1e9,
                result.stageNanos(Stage.LOAD) / 1e9, result.rowsPerSecond(), result.wallNanos / 1e9);
        out.printf(Locale.ROOT, "- Warehouse against the oracle (row counts of %d tables, %,d rows): %s%n",
                result.check.tables().size(), result.check.warehouseRows(),
                result.check.right() ? "**equal**" : "**WRONG** " + result.check.failures());
        if (result.changes != null) {
            ChainResult.ChangesSeen changes = result.changes;
            out.printf(Locale.ROOT, "- A day of source changes (%d rows stamped) made after batch %d's load: %s%n",
                    changes.rows(), changes.madeAfter(), changes.seenAfter() == 0
                            ? "its new orders and payments were not all in the warehouse after the last batch"
                            : String.format(Locale.ROOT, "its new orders and payments were all in the warehouse"
                                    + " after batch %d's load of %d, %.1f s after the changes", changes.seenAfter(),
                                    result.batches(), changes.latency().toMillis() / 1e3));
        }
        out.println();
        out.println("| stage | invocations | total wall s | total CPU s | longest invocation s (batch) "
                + "| largest heap after GC (batch) | largest heap used | every invocation < 5 min and within " + heap
                + "? |");
        out.println("|---|---:|---:|---:|---:|---:|---:|---|");
        for (Stage stage : STAGES) {
            Optional<ChainInvocation> longest = result.longest(stage);
            Optional<ChainInvocation> largest = result.largestHeap(stage);
            if (longest.isEmpty() || largest.isEmpty()) {
                continue;
            }
            long peakUsed = result.of(stage).stream().mapToLong(ChainInvocation::peakUsed).max().orElse(0);
            boolean bounded = result.of(stage).stream().allMatch(i -> i.nanos() < INVOCATION_LIMIT_NANOS
                    && i.peakUsed() <= BenchReport.HEAP_LIMIT);
            out.printf(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.2f (%d) | %s (%d) | %s | %s |%n", stage.label(),
                    result.of(stage).size(), result.stageNanos(stage) / 1e9, result.stageCpuNanos(stage) / 1e9,
                    longest.get().seconds(), longest.get().batch(), BenchReport.mebibytes(largest.get().peakAfterGc()),
                    largest.get().batch(), BenchReport.mebibytes(peakUsed), bounded ? "yes" : "**no**");
        }
        invocations(result);
    }

    private void invocations(ChainResult result) {
        out.printf("%nPer batch: rows, wall s / CPU s / heap after GC of each invocation; load average after it.%n%n");
        out.println("| batch | source rows | extract | transform | warehouse rows | load | load avg |");
        out.println("|---:|---:|---|---|---:|---|---:|");
        List<ChainInvocation> extracts = result.of(Stage.EXTRACT);
        List<ChainInvocation> transforms = result.of(Stage.TRANSFORM);
        List<ChainInvocation> loads = result.of(Stage.LOAD);
        for (int i = 0; i < extracts.size(); i++) {
            ChainInvocation load = loads.get(i);
            out.printf(Locale.ROOT, "| %d | %,d | %s | %s | %,d | %s | %.2f |%n", extracts.get(i).batch(),
                    extracts.get(i).rows(), cell(extracts.get(i)), cell(transforms.get(i)), load.rows(), cell(load),
                    load.load());
        }
    }

    private static String cell(ChainInvocation invocation) {
        return String.format(Locale.ROOT, "%.2f / %.2f / %s", invocation.seconds(), invocation.cpuNanos() / 1e9,
                BenchReport.mebibytes(invocation.peakAfterGc()));
    }

    /** Whether every invocation of every chain stayed under 5 minutes and within the 512 MB heap. */
    static boolean bounded(List<ChainResult> results) {
        return results.stream().flatMap(r -> r.invocations.stream()).allMatch(i -> i.nanos() < INVOCATION_LIMIT_NANOS
                && i.peakUsed() <= BenchReport.HEAP_LIMIT);
    }
}
