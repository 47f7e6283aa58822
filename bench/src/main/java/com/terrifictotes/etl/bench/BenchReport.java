package com.terrifictotes.etl.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * The results as Markdown tables, ready for BENCHMARKS.md: per scale, each stage's median against its reference;
 * the cost per row across scales (linear growth keeps it flat); and the heap check.
 */
final class BenchReport {
    static final double TARGET_RATIO = 0.5;
    static final long HEAP_LIMIT = 512L << 20;
    static final long FACT_ROWS_FOR_HEAP_CHECK = 1_000_000;

    private final PrintStream out;

    BenchReport(PrintStream out) {
        this.out = out;
    }

    void scale(ScaleResult result, int runs) {
        out.printf(Locale.ROOT, "%n### SF%d (seed %d, median of %d runs; seeding took %.0f s)%n%n", result.scale,
                result.seed, runs, result.seedingNanos / 1e9);
        out.println("| stage | rows | MB | wall s | rows/s | MB/s | stage CPU s | peak heap after GC | peak heap used "
                + "| reference | ref wall s | ref rows/s | ratio | >= 0.5? |");
        out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---|");
        for (Stage stage : Stage.values()) {
            Measurement ourRun = result.ourMedian(stage);
            if (ourRun != null) {
                row(stage, ourRun, result.referenceMedian(stage), result.ratio(stage));
            }
        }
        out.printf(Locale.ROOT, "%nTransform output: %,d rows in %.1f MB of Parquet; largest fact table %s with %,d "
                + "rows. 1-min load averages after each measurement: %s%n", result.parquetRows,
                result.parquetBytes / 1e6, result.largestFactTable, result.largestFactRows, result.loads);
    }

    private void row(Stage stage, Measurement ourRun, Measurement reference, double ratio) {
        String referenceCells = reference == null ? "- | - | - | - | -" : String.format(Locale.ROOT,
                "%s | %.2f | %,.0f | %.2f | %s", referenceName(stage), reference.seconds(),
                reference.rowsPerSecond(), ratio, ratio >= TARGET_RATIO ? "yes" : "**no**");
        out.printf(Locale.ROOT, "| %s | %,d | %.1f | %.2f | %,.0f | %.1f | %.2f | %s | %s | %s |%n", stage.label(),
                ourRun.rows(), ourRun.bytes() / 1e6, ourRun.seconds(), ourRun.rowsPerSecond(),
                ourRun.megabytesPerSecond(), ourRun.cpuNanos() / 1e9, mebibytes(ourRun.peakAfterGc()),
                mebibytes(ourRun.peakUsed()), referenceCells);
    }

    /** Cost per row at each scale: flat means linear. */
    void linearity(List<ScaleResult> results) {
        if (results.size() < 2) {
            return;
        }
        out.printf("%n### Cost per row across scales (µs per row; linear growth keeps a row flat)%n%n");
        StringBuilder header = new StringBuilder("| stage |");
        StringBuilder rule = new StringBuilder("|---|");
        for (ScaleResult result : results) {
            header.append(" SF").append(result.scale).append(" |");
            rule.append("---:|");
        }
        out.println(header.append(" last / first |"));
        out.println(rule.append("---:|"));
        for (Stage stage : Stage.values()) {
            costRow(stage.label(), results, stage, false);
            costRow(referenceName(stage), results, stage, true);
        }
    }

    private void costRow(String name, List<ScaleResult> results, Stage stage, boolean reference) {
        StringBuilder row = new StringBuilder("| " + name + " |");
        double first = Double.NaN;
        double last = Double.NaN;
        for (ScaleResult result : results) {
            Measurement m = reference ? result.referenceMedian(stage) : result.ourMedian(stage);
            if (m == null) {
                return;
            }
            double micros = m.nanosPerRow() / 1000;
            first = Double.isNaN(first) ? micros : first;
            last = micros;
            row.append(String.format(Locale.ROOT, " %.2f |", micros));
        }
        out.println(row.append(String.format(Locale.ROOT, " %.2f |", last / first)));
    }

    /** Peak heap of each stage process against the 512 MB limit, on a batch with a million-row fact table. */
    void heapCheck(ScaleResult result, String heap) {
        boolean bigEnough = result.largestFactRows >= FACT_ROWS_FOR_HEAP_CHECK;
        out.printf(Locale.ROOT, "%n### Heap check at SF%d (-Xmx%s; largest fact table %s: %,d rows%s)%n%n",
                result.scale, heap, result.largestFactTable, result.largestFactRows,
                bigEnough ? "" : ", **below the 1M rows the check asks for**");
        out.println("| stage | peak heap after GC | peak heap used | peak bytes in java.io.tmpdir | within 512 MB? |");
        out.println("|---|---:|---:|---:|---|");
        for (Stage stage : Stage.values()) {
            Measurement m = result.ourMedian(stage);
            if (m != null) {
                boolean within = m.peakUsed() <= HEAP_LIMIT && m.peakAfterGc() <= HEAP_LIMIT;
                out.printf(Locale.ROOT, "| %s | %s | %s | %,d | %s |%n", stage.label(), mebibytes(m.peakAfterGc()),
                        mebibytes(m.peakUsed()), m.peakTemporary(), within ? "yes (completed)" : "**no**");
            }
        }
    }

    static String referenceName(Stage stage) {
        return switch (stage) {
            case EXTRACT -> "COPY TO";
            case TRANSFORM -> "DuckDB 1 thread";
            case LOAD -> "COPY FROM";
            case CYCLE -> "-";
        };
    }

    static String mebibytes(long bytes) {
        return bytes < 0 ? "-" : String.format(Locale.ROOT, "%.0f MiB", bytes / 1048576.0);
    }
}
