package com.terrifictotes.etl.local;

import com.terrifictotes.etl.error.EtlException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./pipeline}: the whole totes-etl pipeline on one machine. */
@Command(name = "pipeline", mixinStandardHelpOptions = true, version = "totes-etl 1.0",
        description = "Runs the totes-etl pipeline (extract -> transform -> load) with the real Lambda handlers.",
        subcommands = {DemoCommand.class, RunCommand.class, ReconcileCommand.class, SeedCommand.class,
                ChangesCommand.class, StatusCommand.class, VerifyCommand.class, ReplayCommand.class,
                ReprocessCommand.class, QuarantineBatchCommand.class})
public final class PipelineCli {
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    static int execute(String... args) {
        return new CommandLine(new PipelineCli())
                .setExecutionExceptionHandler(PipelineCli::oneLineError)
                .execute(args);
    }

    /** A failure is one line naming what failed; stack traces only with TOTES_DEBUG set. */
    private static int oneLineError(Exception e, CommandLine commandLine, CommandLine.ParseResult parsed) {
        String message = e instanceof EtlException || e instanceof IllegalArgumentException
                ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
        commandLine.getErr().println("error: " + message);
        if (System.getenv("TOTES_DEBUG") != null) {
            e.printStackTrace(commandLine.getErr());
        }
        return 1;
    }
}
