package com.terrifictotes.etl.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The CLI's own surface, in process: help for every command, and usage errors. */
class PipelineCliTest {
    /** What {@code run} reads, as the issue lists it. */
    private static final List<String> RUN_VARIABLES = List.of("TOTESYS_JDBC_URL", "TOTESYS_USER",
            "TOTESYS_PASSWORD", "WAREHOUSE_JDBC_URL", "WAREHOUSE_USER", "WAREHOUSE_PASSWORD", "INGESTION_BUCKET",
            "PROCESSED_BUCKET", "AWS_ENDPOINT_URL_S3", "AWS_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY");

    @ParameterizedTest(name = "{0} --help lists {1}")
    @CsvSource({"demo, --scale --seed --keep", "run, --log-file", "seed, --scale --seed", "changes, --seed",
            "reconcile, --dry-run --max-delete-ratio --log-file"})
    void everyCommandPrintsItsOptionsWithHelp(String command, String options) {
        Printed help = execute(command, "--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).startsWith("Usage: pipeline " + command).contains("--help");
        for (String option : options.split(" ")) {
            assertThat(help.out()).contains(option);
        }
    }

    @Test
    void runHelpNamesEveryVariableItReads() {
        assertThat(execute("run", "--help").out()).contains(RUN_VARIABLES);
    }

    @Test
    void reconcileHelpNamesEveryVariableItReads() {
        assertThat(execute("reconcile", "--help").out()).contains("TOTESYS_JDBC_URL", "TOTESYS_USER",
                "TOTESYS_PASSWORD", "WAREHOUSE_JDBC_URL", "WAREHOUSE_USER", "WAREHOUSE_PASSWORD", "INGESTION_BUCKET",
                "AWS_ENDPOINT_URL_S3", "AWS_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "SOURCE_TIME_ZONE",
                "EXTRACT_OVERLAP_SECONDS", "RECONCILE_MAX_DELETE_RATIO", "RECONCILE_CHUNK_ROWS");
    }

    @Test
    void theTopLevelHelpSummarisesEachCommandInAWholeSentence() {
        Printed help = execute("--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("demo       Runs the whole pipeline on this machine, with no cloud account.")
                .contains("seed       Generates ToteSys data into the database named by TOTESYS_JDBC_URL.")
                .contains("run        Runs one cycle").contains("changes    Applies a day of changes")
                .contains("reconcile  Publishes the warehouse's differences from ToteSys as a batch.");
    }

    @Test
    void aMistypedOptionIsAUsageErrorSuggestingTheRightOne() {
        Printed wrong = execute("seed", "--scael", "2");

        assertThat(wrong.exitCode()).isEqualTo(2);
        assertThat(wrong.err()).startsWith("Unknown option").contains("'--scael'", "Possible solutions: --scale");
    }

    @Test
    void noCommandIsAUsageErrorListingTheCommands() {
        Printed none = execute();

        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).startsWith("Missing required subcommand").contains("demo", "run", "seed", "changes");
    }

    private record Printed(int exitCode, String out, String err) {
    }

    private static Printed execute(String... arguments) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream capturedOut = new ByteArrayOutputStream();
        ByteArrayOutputStream capturedErr = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(capturedOut, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(capturedErr, true, StandardCharsets.UTF_8));
            int exitCode = PipelineCli.execute(arguments);
            return new Printed(exitCode, capturedOut.toString(StandardCharsets.UTF_8),
                    capturedErr.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
