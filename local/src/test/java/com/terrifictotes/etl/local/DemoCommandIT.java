package com.terrifictotes.etl.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./pipeline demo} as the README tells a newcomer to run it: in its own JVM, with nothing configured. */
class DemoCommandIT {
    /** A cycle summary's warehouse line: table, written, ms | inserted, updated, unchanged, ms. */
    private static final Pattern LOADED = Pattern.compile(
            "(?m)^ {4}(\\w+) +[\\d,]+ +[\\d,-]+ [|] +([\\d,]+) +[\\d,]+ +[\\d,]+ +[\\d,-]+$");
    /** A line of the final "Warehouse row counts". */
    private static final Pattern COUNTED = Pattern.compile("(?m)^ {2}(\\w+) +([\\d,]+)$");

    @TempDir
    Path home;

    @Test
    void theDemoRunsTwoCyclesAtScaleFactorOneAndPrintsASummaryThatAddsUp() throws Exception {
        CliProcess.Result demo = new CliProcess(home).run(Map.of(), "demo");

        assertThat(demo.exitCode()).as(demo.toString()).isZero();
        assertThat(demo.elapsed()).as("the demo's time, servers' start included").isLessThan(Duration.ofSeconds(60));
        String out = demo.stdout();
        assertThat(out).contains("48,066 rows in 11 tables", "Cycle 1 (full load): extract",
                "Cycle 2 (incremental): extract", "Warehouse row counts", "Sales by month and currency",
                "Where the data lies", "  quarantined: 0 row version(s)", "  inferred:    0 dimension row(s)");
        assertThat(out).as("handler logs go to the log file, not the terminal").doesNotContain("{\"");
        assertThat(home.resolve("local/target/demo/lambda-output.log")).content()
                .contains("\"message\":\"manifest published\"");
        assertRowCountsAreWhatTheTwoCyclesInserted(out);
    }

    /** Every table's final row count is the rows the loader reported inserting, summed over both cycles. */
    private static void assertRowCountsAreWhatTheTwoCyclesInserted(String out) {
        Map<String, Long> inserted = new HashMap<>();
        Matcher loaded = LOADED.matcher(out);
        while (loaded.find()) {
            inserted.merge(loaded.group(1), number(loaded.group(2)), Long::sum);
        }
        Map<String, Long> counted = new HashMap<>();
        Matcher count = COUNTED.matcher(out.substring(out.indexOf("Warehouse row counts")));
        while (count.find()) {
            counted.put(count.group(1), number(count.group(2)));
        }
        for (WarehouseTable table : WarehouseCatalogue.starSchema()) {
            assertThat(counted.get(table.name())).as("rows in %s", table.name()).isPositive()
                    .isEqualTo(inserted.get(table.name()));
        }
    }

    private static long number(String printed) {
        return Long.parseLong(printed.replace(",", ""));
    }
}
