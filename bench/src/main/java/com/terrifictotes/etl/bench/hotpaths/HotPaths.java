package com.terrifictotes.etl.bench.hotpaths;

import java.util.ArrayList;
import java.util.List;

/**
 * Measures every hand-written hot path against its library or JDK alternative on the same input, after checking
 * that each pair produces equal output (a difference stops the benchmark naming the value): the bench is also a
 * correctness check on real data.
 */
public final class HotPaths {
    private HotPaths() {
    }

    /** One candidate's median figure. Tab-separated on a line, as the measuring process hands it back. */
    public record Figure(String path, String unit, String candidate, double value, String check) {
        public String line() {
            return String.join("\t", path, unit, candidate, Double.toString(value), check);
        }

        public static Figure parse(String line) {
            String[] cells = line.split("\t", -1);
            return new Figure(cells[0], cells[1], cells[2], Double.parseDouble(cells[3]), cells[4]);
        }
    }

    /** Each path's candidates, ours first, each a median of {@code rounds} after {@code warmups} rounds. */
    public static List<Figure> measure(HotPathInputs inputs, int warmups, int rounds) {
        List<Figure> figures = new ArrayList<>();
        for (HotPath path : List.of(CsvPaths.build(inputs), TimestampPaths.parse(inputs),
                TimestampPaths.postgresText(inputs), BinaryCopyPaths.build(inputs))) {
            double[] medians = Rounds.medians(path, warmups, rounds);
            for (int c = 0; c < medians.length; c++) {
                figures.add(new Figure(path.name(), path.unit(), path.candidates().get(c).name(), medians[c],
                        path.check()));
            }
        }
        return figures;
    }
}
