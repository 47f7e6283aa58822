package com.terrifictotes.etl.bench.coldstart;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;

/** The cold-start figures and the jar sizes as Markdown tables. */
final class ColdStartReport {
    static final long JAR_LIMIT_BYTES = 30_000_000;
    /** Issue #18: at most 1.0 s per function with the stack's flags and no SnapStart. */
    static final long TARGET_MILLIS = 1000;

    private final PrintStream out;

    ColdStartReport(PrintStream out) {
        this.out = out;
    }

    void jarSizes(Path home) throws IOException {
        out.printf("%n### Deployable jars%n%n| jar | bytes | MiB | MB | <= 30 MB (30,000,000 bytes)? | <= 30 MiB? |%n");
        out.println("|---|---:|---:|---:|---|---|");
        for (LambdaFunction function : LambdaFunction.ALL) {
            long bytes = Files.size(home.resolve(function.name()).resolve("target").resolve(function.jarName()));
            out.printf(Locale.ROOT, "| %s | %,d | %.2f | %.2f | %s | %s |%n", function.jarName(), bytes,
                    bytes / 1048576.0, bytes / 1e6, bytes <= JAR_LIMIT_BYTES ? "yes" : "**no**",
                    bytes <= 30L << 20 ? "yes" : "**no**");
        }
    }

    void results(Map<JvmConfig, Map<LambdaFunction, List<LaunchResult>>> results, int runs) {
        out.printf("%n### Cold start: fresh JVM to first handler return, small batch (median of %d; ms)%n%n", runs);
        out.println("Each cell: wall time from process start to the handler's return [constructor / first call, "
                + "inside main]. Target: <= " + TARGET_MILLIS + " ms with the stack's flags.");
        out.println();
        StringBuilder header = new StringBuilder("| JVM configuration |");
        StringBuilder rule = new StringBuilder("|---|");
        for (LambdaFunction function : LambdaFunction.ALL) {
            header.append(' ').append(function.name()).append(" |");
            rule.append("---:|");
        }
        out.println(header);
        out.println(rule);
        results.forEach((config, byFunction) -> {
            StringBuilder row = new StringBuilder("| " + config.name() + " |");
            for (LambdaFunction function : LambdaFunction.ALL) {
                List<LaunchResult> launches = byFunction.get(function);
                row.append(String.format(Locale.ROOT, " %d [%d / %d] |", median(launches, LaunchResult::wallMillis),
                        median(launches, LaunchResult::constructMillis),
                        median(launches, LaunchResult::handleMillis)));
            }
            out.println(row);
        });
        out.println();
        results.values().stream().findFirst().ifPresent(first -> first.forEach((function, launches) ->
                out.printf("%s: CRaC priming resources held by the handler: %d%n", function.handlerClass(),
                        launches.get(0).primingResources())));
    }

    static long median(List<LaunchResult> launches, ToLongFunction<LaunchResult> value) {
        long[] sorted = launches.stream().mapToLong(value).sorted().toArray();
        return sorted[(sorted.length - 1) / 2];
    }
}
