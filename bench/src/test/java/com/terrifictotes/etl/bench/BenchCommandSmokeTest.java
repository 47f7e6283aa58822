package com.terrifictotes.etl.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The harness end to end at the smallest scale, one run: every stage in its own process, every reference measured,
 * and a report whose figures are consistent with each other. Not a timing test: it asserts no speed.
 */
class BenchCommandSmokeTest {
    @TempDir
    Path work;

    @Test
    void measuresEachStageAgainstItsReferenceAndReportsTheRatios() throws Exception {
        int status = new CommandLine(new BenchCommand()).execute("--scale", "1", "--runs", "1",
                "--stages", "extract,transform,load", "--stage-cpu", "-1", "--work", work.toString());

        assertThat(status).isZero();
        List<String> report = Files.readAllLines(work.resolve("bench-results.md"));
        assertThat(report).anySatisfy(line -> assertThat(line).startsWith("### SF1 "));
        for (String stage : List.of("extract", "transform", "load")) {
            String row = report.stream().filter(line -> line.startsWith("| " + stage + " | ")).findFirst()
                    .orElseThrow(() -> new AssertionError("no row for " + stage + " in " + report));
            List<String> cells = cells(row);
            double rows = number(cells.get(1));
            double seconds = number(cells.get(3));
            double rowsPerSecond = number(cells.get(4));
            double referenceRowsPerSecond = number(cells.get(11));
            double ratio = number(cells.get(12));
            assertThat(rows).as(stage + " rows").isGreaterThan(40_000);
            assertThat(rowsPerSecond).as(stage + " rows/s = rows / wall").isCloseTo(rows / seconds,
                    org.assertj.core.data.Percentage.withPercentage(2));
            assertThat(ratio).as(stage + " ratio = ours / reference").isCloseTo(
                    rowsPerSecond / referenceRowsPerSecond, org.assertj.core.data.Offset.offset(0.01));
            assertThat(cells.get(7)).as(stage + " peak heap after GC").endsWith("MiB");
        }
        assertThat(report).anySatisfy(line -> assertThat(line).startsWith("### Heap check at SF1"));
        assertThat(report).anySatisfy(line -> assertThat(line).endsWith("each a cold JVM (no SnapStart hooks)."));
        assertThat(stageResult("sf1-run1-transform")).doesNotContainKey("primingHooks");
    }

    @Test
    void timesAStageAfterItsFunctionsSnapStartHooksWhenAskedTo() throws Exception {
        int status = new CommandLine(new BenchCommand()).execute("--scale", "1", "--runs", "1",
                "--stages", "transform", "--stage-primed", "--stage-cpu", "-1", "--work", work.toString());

        assertThat(status).isZero();
        List<String> report = Files.readAllLines(work.resolve("bench-results.md"));
        assertThat(report).anySatisfy(line -> assertThat(line)
                .endsWith("each timed after its function's SnapStart hooks (--stage-primed)."));
        assertThat(report).anySatisfy(line -> assertThat(line).startsWith("| transform | "));
        Properties result = stageResult("sf1-run1-transform");
        assertThat(result.getProperty("primingHooks")).as("the transformer handler is its own hook").isEqualTo("1");
        assertThat(Long.parseLong(result.getProperty("primingNanos"))).isPositive();
        assertThat(result.getProperty("outcome")).contains("TRANSFORMED");
    }

    private Properties stageResult(String label) throws Exception {
        Properties result = new Properties();
        Path file = work.resolve("stages").resolve(label).resolve("result.properties");
        try (InputStream in = Files.newInputStream(file)) {
            result.load(in);
        }
        return result;
    }

    private static List<String> cells(String row) {
        return List.of(row.substring(1, row.length() - 1).split("\\|")).stream().map(String::trim).toList();
    }

    private static double number(String cell) {
        return Double.parseDouble(cell.replace(",", ""));
    }
}
