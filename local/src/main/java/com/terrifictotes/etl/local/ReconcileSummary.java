package com.terrifictotes.etl.local;

import com.terrifictotes.etl.reconciler.ReconciliationResult;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Prints what a reconciliation found, per table and kind, and what it published. */
final class ReconcileSummary {
    static final List<String> KINDS = List.of("missing", "changed", "deleted", "parents", "skippedInFlight",
            "quarantined");
    private static final List<String> HEADINGS = List.of("missing", "changed", "deleted", "parents", "in flight",
            "quarantined");

    private final Console console;

    ReconcileSummary(Console console) {
        this.console = console;
    }

    void print(ReconciliationResult result, String bucket) {
        if (result.warehouseSequence() == 0) {
            console.line("  nothing to reconcile: the warehouse has applied no batch yet (run ./pipeline run first)");
            return;
        }
        console.line("  warehouse at batch %d, ToteSys read at %s: %,d source rows compared in %s,"
                        + " %,d range summaries, %,d warehouse rows fetched", result.warehouseSequence(),
                result.sourceTime(), result.sourceRows(), Console.seconds(Duration.ofMillis(result.durationMs())),
                result.summaries(), result.warehouseRows());
        console.line("");
        console.line("    %-20s %9s %9s %9s %9s %10s %12s", line("warehouse table", HEADINGS.stream()));
        result.found().forEach((table, counts) -> console.line("    %-20s %,9d %,9d %,9d %,9d %,10d %,12d",
                line(table, KINDS.stream().map(counts::get))));
        console.line("    %-20s %,9d %,9d %,9d %,9d %,10d %,12d", line("total", KINDS.stream().map(result::total)));
        console.line("");
        String delivered = result.delivered().isEmpty() ? "no rows to deliver"
                : result.delivered().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", ", "source rows to deliver: ", ""));
        long gone = result.total("deleted");
        switch (result.outcome()) {
            case PUBLISHED -> {
                console.line("  published s3://%s/%s: %s; %,d rows found gone", bucket, result.manifestKey(),
                        delivered, gone);
                console.line("  the next ./pipeline run carries it to the warehouse");
            }
            case DRY_RUN -> console.line("  dry run, nothing published: %s; %,d rows found gone", delivered, gone);
            case NOTHING_TO_RECONCILE -> console.line("  nothing to reconcile: the warehouse matches ToteSys%s",
                    result.total("skippedInFlight") + result.total("quarantined") > 0
                            ? " (bar what is in flight or quarantined, left alone)" : "");
        }
    }

    /** One line's values: its label, then one per kind. */
    private static Object[] line(String label, Stream<?> values) {
        return Stream.concat(Stream.of(label), values).toArray();
    }
}
