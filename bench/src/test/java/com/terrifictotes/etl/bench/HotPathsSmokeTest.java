package com.terrifictotes.etl.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code --hot-paths} end to end at the smallest scale, one round: every hand-written hot path and each of its
 * alternatives is run under C1 and C2 on the batch of SF1, and every pair's output was checked equal on real rows
 * (a difference fails the measuring process, and with it the command). Not a timing test: it asserts no speed.
 */
class HotPathsSmokeTest {
    private static final Pattern CHECKED =
            Pattern.compile("(?:equal|byte-identical) on ([\\d,]+) (?:records|values|rows)");

    @TempDir
    Path work;

    @Test
    void measuresEveryHotPathAgainstItsAlternativesAndFindsTheirOutputsEqual() throws Exception {
        int status = new CommandLine(new BenchCommand()).execute("--scale", "1", "--stages", "", "--hot-paths",
                "--hot-path-rounds", "1", "--stage-cpu", "-1", "--work", work.toString());

        assertThat(status).isZero();
        List<String> report = Files.readAllLines(work.resolve("bench-results.md"));
        assertThat(report).contains("### Hot paths at SF1");
        List<String> rows = report.stream().filter(line -> line.startsWith("| ") && !line.startsWith("| path "))
                .toList();
        assertThat(rows.stream().map(row -> cells(row).get(0)).distinct()).containsExactly(
                "CSV reading (transformer)", "timestamp parsing (transformer)",
                "PostgreSQL timestamp text (extractor COPY path)", "binary COPY (loader)");
        assertThat(rows.stream().map(row -> cells(row).get(1))).contains("commons-csv 1.14.1",
                "FastCSV 4.4.0", "DateTimeFormatter (Timestamps.LENIENT)", "DataOutputStream");
        for (String row : rows) {
            List<String> cells = cells(row);
            Matcher checked = CHECKED.matcher(cells.get(6));
            assertThat(checked.find()).as("output check of " + row).isTrue();
            assertThat(Long.parseLong(checked.group(1).replace(",", ""))).as(row).isGreaterThan(1_000);
            assertThat(number(cells.get(2))).as("C1 figure of " + row).isPositive();
            assertThat(number(cells.get(3))).as("C2 figure of " + row).isPositive();
        }
    }

    private static List<String> cells(String row) {
        return List.of(row.substring(1, row.length() - 1).split("\\|")).stream().map(String::trim).toList();
    }

    private static double number(String cell) {
        return Double.parseDouble(cell.replaceAll("[^\\d.]", ""));
    }
}
