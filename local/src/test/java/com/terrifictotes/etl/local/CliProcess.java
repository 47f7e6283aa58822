package com.terrifictotes.etl.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The CLI run as {@code ./pipeline} runs it: a JVM of its own on {@code target/classes} plus the runtime classpath
 * that Maven writes at {@code package}, given only the environment variables named, so nothing of the test JVM
 * (its classpath, its environment, its servers' objects) reaches it.
 */
final class CliProcess {
    private static final Path CLASSES = Path.of("target", "classes");
    private static final Path RUNTIME_CLASSPATH = Path.of("target", "runtime-classpath.txt");
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    private final Path home;

    /** @param home {@code totes.home}: where the runner puts its default log files */
    CliProcess(Path home) {
        this.home = home;
    }

    /** What one invocation printed and how it ended. */
    record Result(int exitCode, String stdout, String stderr, Duration elapsed) {
        List<String> stderrLines() {
            return stderr.lines().toList();
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    Result run(Map<String, String> environment, String... arguments) throws IOException, InterruptedException {
        assertThat(RUNTIME_CLASSPATH).as("written at package: run this test with mvn verify").exists();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Dtotes.home=" + home, "-cp", CLASSES.toAbsolutePath() + File.pathSeparator
                + Files.readString(RUNTIME_CLASSPATH).trim(), PipelineCli.class.getName()));
        command.addAll(List.of(arguments));
        Path stdout = Files.createTempFile(home, "stdout", ".txt");
        Path stderr = Files.createTempFile(home, "stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile()).directory(home.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        long start = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("pipeline " + String.join(" ", arguments) + " still running after " + TIMEOUT
                    + "\n" + Files.readString(stdout) + Files.readString(stderr));
        }
        return new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8), Duration.ofNanos(System.nanoTime() - start));
    }
}
