package com.terrifictotes.etl.bench;

import com.terrifictotes.etl.bench.hotpaths.HotPath;
import com.terrifictotes.etl.bench.hotpaths.HotPaths.Figure;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The hot paths' table: per path, ours and each alternative under each JIT configuration, with how many times
 * faster ours is ({@code ours ÷ this}: above 1 ours wins, below 1 the alternative does) and what the output check
 * established.
 */
final class HotPathsReport {
    private final PrintStream out;

    HotPathsReport(PrintStream out) {
        this.out = out;
    }

    void table(int scale, String description, int warmups, int rounds, Map<String, List<Figure>> byJit) {
        List<String> jits = new ArrayList<>(byJit.keySet());
        out.printf("%n### Hot paths at SF%d%n%n", scale);
        out.printf("Input: %s. Each configuration in one stage-shaped process; median of %d rounds after %d "
                + "warm-up rounds, candidates interleaved.%n%n", description, rounds, warmups);
        StringBuilder header = new StringBuilder("| path | implementation |");
        StringBuilder rule = new StringBuilder("|---|---|");
        for (String jit : jits) {
            header.append(' ').append(jit).append(" |");
            rule.append("---:|");
        }
        for (String jit : jits) {
            header.append(" ours ÷ this, ").append(jit.split(" ")[0]).append(" |");
            rule.append("---:|");
        }
        out.println(header.append(" output |"));
        out.println(rule.append("---|"));
        List<Figure> first = byJit.get(jits.get(0));
        for (int i = 0; i < first.size(); i++) {
            Figure row = first.get(i);
            StringBuilder line = new StringBuilder("| " + row.path() + " | " + row.candidate() + " |");
            for (String jit : jits) {
                line.append(' ').append(figure(byJit.get(jit).get(i))).append(" |");
            }
            for (String jit : jits) {
                List<Figure> figures = byJit.get(jit);
                Figure ours = figures.stream().filter(f -> f.path().equals(row.path())).findFirst().orElseThrow();
                line.append(String.format(" %.2f |", HotPath.speedup(row.unit(), ours.value(),
                        figures.get(i).value())));
            }
            out.println(line.append(' ').append(row.check()).append(" |"));
        }
    }

    private static String figure(Figure figure) {
        return figure.unit().equals(HotPath.MEGABYTES_PER_SECOND) ? String.format("%,.1f MB/s", figure.value())
                : String.format("%,.1f ns", figure.value());
    }
}
