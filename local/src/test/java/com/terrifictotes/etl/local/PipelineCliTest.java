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
    @CsvSource({"demo, --scale --seed --keep --max-batch-rows", "run, --log-file --max-chain-runs", "seed, --scale --seed", "changes, --seed",
            "status, --json --deep --stall-minutes", "verify, --rebuild --replica-schema --max-keys --log-file",
            "replay, --up-to --log-file", "reprocess, --log-file", "quarantine-batch, --reason --stage --by",
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

    @ParameterizedTest(name = "{0} --help names the variables it reads and its exit codes")
    @CsvSource({"status, INGESTION_BUCKET PROCESSED_BUCKET WAREHOUSE_JDBC_URL AWS_REGION, Exits 0",
            "verify, PROCESSED_BUCKET WAREHOUSE_JDBC_URL AWS_REGION, Exits 0",
            "replay, PROCESSED_BUCKET WAREHOUSE_JDBC_URL AWS_REGION, Exits 0",
            "reprocess, INGESTION_BUCKET PROCESSED_BUCKET AWS_REGION, Exits 0",
            "quarantine-batch, INGESTION_BUCKET PROCESSED_BUCKET WAREHOUSE_JDBC_URL AWS_REGION, Exits 0"})
    void everyOperatorCommandNamesTheVariablesItReads(String command, String variables, String exits) {
        String help = execute(command, "--help").out();

        assertThat(help).contains(variables.split(" ")).contains(exits);
    }

    @Test
    void anOperatorCommandWithoutItsSettingsIsOneLineNamingTheFirstMissing() {
        Printed status = execute("status");

        assertThat(status.exitCode()).isEqualTo(1);
        assertThat(status.err().lines().toList()).singleElement().asString()
                .startsWith("error: environment variable ").endsWith(" is not set");
    }

    @Test
    void runHelpSaysACycleGoesOnWhileTheExtractorHasNotCaughtUp() {
        String help = execute("run", "--help").out();

        assertThat(help).contains("EXTRACT_MAX_BATCH_ROWS").contains("until it has caught up")
                .contains("(default 500,");
    }

    @ParameterizedTest(name = "{0} {1} 0 is one line naming the option")
    @CsvSource({"run, --max-chain-runs", "demo, --max-batch-rows"})
    void aChainBoundOrBatchLimitBelowOneIsOneLineNamingTheOption(String command, String option) {
        Printed refused = execute(command, option, "0");

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err().lines().toList()).singleElement().asString()
                .isEqualTo("error: " + option + " must be at least 1, got 0");
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
        String unwrapped = help.out().replaceAll("\\s+", " "); // picocli wraps summaries at 80 columns
        assertThat(unwrapped).containsPattern("demo +Runs the whole pipeline on this machine, with no cloud account.")
                .containsPattern("seed +Generates ToteSys data into the database named by TOTESYS_JDBC_URL.")
                .containsPattern("run +Runs one cycle").containsPattern("changes +Applies a day of changes")
                .containsPattern("status +Shows where each stage stands")
                .containsPattern("verify +Proves that the warehouse holds exactly what the processed zone says")
                .containsPattern("replay +Loads the whole processed zone")
                .containsPattern("reprocess +Re-transforms every ingestion batch")
                .containsPattern("quarantine-batch +Lets the chain go on past a batch")
                .containsPattern("reconcile +Publishes the warehouse's differences from ToteSys as a batch.");
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
        assertThat(none.err()).startsWith("Missing required subcommand").contains("demo", "run", "seed", "changes", "status",
                "verify", "replay", "reprocess", "quarantine-batch");
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
