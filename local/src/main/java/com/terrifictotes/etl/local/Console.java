package com.terrifictotes.etl.local;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The runner's own output. The handlers log JSON lines and EMF metrics to standard output, as on Lambda; the runner
 * sends those to a log file (standard output is redirected before any logging starts) and keeps the terminal for
 * progress and the summary.
 */
final class Console {
    private final PrintStream out;
    private final Path logFile;

    private Console(PrintStream out, Path logFile) {
        this.out = out;
        this.logFile = logFile;
    }

    /** Redirects {@code System.out} into {@code logFile}; what the runner prints goes to the real terminal. */
    static Console divertingLambdaOutputTo(Path logFile) throws IOException {
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        PrintStream terminal = System.out;
        System.setOut(new PrintStream(new FileOutputStream(logFile.toFile(), true), true, StandardCharsets.UTF_8));
        return new Console(terminal, logFile);
    }

    Path logFile() {
        return logFile;
    }

    /** Runs a pipeline cycle and prints its summary, with per-table times from what the handlers logged. */
    CycleReport cycle(String title, LocalPipeline pipeline, CycleSummary summary) {
        long mark = StageLogs.mark(logFile);
        CycleReport report = pipeline.runCycle(new ConsoleProgress(this));
        System.out.flush();
        summary.print(title, report, StageLogs.since(logFile, mark));
        return report;
    }

    void line(String text) {
        out.println(text);
    }

    void line(String format, Object... args) {
        out.println(String.format(format, args));
    }

    /** Runs a step, showing it while it runs and how long it took. */
    <T> T step(String description, Supplier<T> work) {
        out.print("  " + description + " ... ");
        out.flush();
        long start = System.nanoTime();
        T result = work.get();
        out.println("done (" + seconds(Duration.ofNanos(System.nanoTime() - start)) + ")");
        return result;
    }

    static String seconds(Duration duration) {
        return String.format("%.2f s", duration.toNanos() / 1e9);
    }
}
