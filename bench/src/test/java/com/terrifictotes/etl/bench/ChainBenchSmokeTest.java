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
 * The chain bench end to end at SF1 (about 48k source rows) with batches of at most 12,000 rows: a first load takes
 * several batches, each extract, transform and load an invocation in a process of its own, the warehouse equals the
 * oracle, and a day of changes made after the first batch reaches the warehouse by the chain's end. Not a timing
 * test: it asserts no speed.
 */
class ChainBenchSmokeTest {
    private static final Pattern BATCHES = Pattern.compile("\\*\\*(\\d+) batches\\*\\*");

    @TempDir
    Path work;

    @Test
    void aFirstLoadThroughTheChainTakesSeveralBoundedBatchesAndEqualsTheOracle() throws Exception {
        int status = new CommandLine(new BenchCommand()).execute("--scale", "1", "--stages", "chain",
                "--max-batch-rows", "12000", "--chain-changes", "--stage-cpu", "-1", "--work", work.toString());

        assertThat(status).as("exit status (4: the warehouse differs from the oracle)").isZero();
        List<String> report = Files.readAllLines(work.resolve("bench-results.md"));
        assertThat(report).anySatisfy(line -> assertThat(line).startsWith("### Chain at SF1, "
                + "EXTRACT_MAX_BATCH_ROWS = 12,000"));
        String totals = report.stream().filter(line -> BATCHES.matcher(line).find()).findFirst()
                .orElseThrow(() -> new AssertionError("no batch count in " + report));
        Matcher batches = BATCHES.matcher(totals);
        assertThat(batches.find()).isTrue();
        assertThat(Integer.parseInt(batches.group(1))).as("batches of a 48k-row first load cut at 12,000 rows")
                .isGreaterThanOrEqualTo(4);
        assertThat(report).anySatisfy(line -> assertThat(line).contains("Warehouse against the oracle")
                .contains("**equal**"));
        assertThat(report).anySatisfy(line -> assertThat(line).contains("A day of source changes")
                .contains("were all in the warehouse after batch"));
        for (String stage : List.of("extract", "transform", "load")) {
            String row = report.stream().filter(line -> line.startsWith("| " + stage + " | ")).findFirst()
                    .orElseThrow(() -> new AssertionError("no row for " + stage + " in " + report));
            assertThat(Integer.parseInt(cells(row).get(1))).as(stage + " invocations, one per batch")
                    .isEqualTo(Integer.parseInt(batches.group(1)));
        }
        long batchRows = report.stream().filter(line -> line.matches("\\| \\d+ \\| [\\d,]+ \\| .*"))
                .mapToLong(line -> Long.parseLong(cells(line).get(1).replace(",", ""))).max().orElseThrow();
        assertThat(batchRows).as("the largest batch's source rows").isLessThanOrEqualTo(12_000);
    }

    private static List<String> cells(String row) {
        return List.of(row.substring(1, row.length() - 1).split("\\|")).stream().map(String::trim).toList();
    }
}
