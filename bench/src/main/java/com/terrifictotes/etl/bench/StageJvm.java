package com.terrifictotes.etl.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Starts {@link StageMain} in a JVM of its own, shaped like a Lambda at 1,769 MB: one CPU (pinned with taskset
 * when there is one, and {@code -XX:ActiveProcessorCount=1} so the JVM sizes itself for one), the heap limit and
 * the JVM flags the stack sets, and an empty temporary directory of its own whose peak size is reported.
 *
 * @param cpu     the CPU to pin the stage to, or -1 to leave it free
 * @param maxLoad wait before each stage until the 1-minute load average is at most this (0: do not wait)
 * @param flags   JVM flags, e.g. the stack's {@code -XX:+TieredCompilation -XX:TieredStopAtLevel=1}; {@code {stage}}
 *                in a flag becomes the stage's name (a JFR recording per stage, say)
 * @param primed  run the stage's function's SnapStart hooks before the timed call ({@link StagePriming})
 */
record StageJvm(String javaBin, String classPath, String heap, List<String> flags, int cpu, Path workDirectory,
                double maxLoad, boolean primed) {
    private static final long TIMEOUT_MINUTES = 60;

    /** What one stage process reported; {@code details}: what the stage itself said (the extraction's result). */
    record Outcome(long nanos, long cpuNanos, long peakAfterGc, long peakUsed, long peakTemporary, long maxHeap,
                   String summary, Map<String, String> details) {
        Outcome {
            details = Map.copyOf(details);
        }

        String detail(String name) {
            String value = details.get(name);
            if (value == null) {
                throw new IllegalStateException("the stage reported no " + name + " (" + summary + ")");
            }
            return value;
        }
    }

    Outcome run(Stage stage, StageCoordinates at, String label) throws IOException, InterruptedException {
        return run(stage, at, label, Map.of());
    }

    /** @param settings variables added to the stage's environment (e.g. {@link StageMain#UP_TO}) */
    Outcome run(Stage stage, StageCoordinates at, String label, Map<String, String> settings)
            throws IOException, InterruptedException {
        Path directory = Files.createDirectories(workDirectory.resolve(label));
        Path temporary = Files.createDirectories(directory.resolve("tmp"));
        Path resultFile = directory.resolve("result.properties");
        Path log = directory.resolve("stage.log");
        LoadAverage.awaitAtMost(maxLoad, java.time.Duration.ofMinutes(3), System.out);
        ProcessBuilder builder = new ProcessBuilder(command(stage, temporary, resultFile))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(at.environment());
        builder.environment().putAll(settings);
        if (primed) {
            builder.environment().putAll(StagePriming.environment(at));
        }
        builder.environment().put("AWS_LAMBDA_FUNCTION_NAME", "totes-etl-bench-" + stage.label());
        String logLevel = System.getenv().getOrDefault("BENCH_STAGE_LOG_LEVEL", "WARN");
        builder.environment().put("POWERTOOLS_LOG_LEVEL", logLevel);
        builder.environment().put("LOG_LEVEL", logLevel);
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(stage.label() + " did not finish within " + TIMEOUT_MINUTES
                    + " minutes; see " + log);
        }
        if (process.exitValue() != 0 || !Files.exists(resultFile)) {
            throw new IllegalStateException(stage.label() + " failed (exit " + process.exitValue() + "): "
                    + tail(log));
        }
        Properties result = new Properties();
        try (InputStream in = Files.newInputStream(resultFile)) {
            result.load(in);
        }
        Map<String, String> details = new HashMap<>();
        result.stringPropertyNames().forEach(name -> details.put(name, result.getProperty(name)));
        return new Outcome(number(result, "nanos"), number(result, "cpuNanos"), number(result, "peakAfterGc"),
                number(result, "peakUsed"), number(result, "peakTemporary"), number(result, "maxHeap"),
                result.getProperty("outcome"), details);
    }

    private List<String> command(Stage stage, Path temporary, Path resultFile) {
        List<String> command = new ArrayList<>();
        if (cpu >= 0 && Files.isExecutable(Path.of("/usr/bin/taskset"))) {
            command.addAll(List.of("/usr/bin/taskset", "-c", Integer.toString(cpu)));
        }
        command.add(javaBin);
        command.add("-Xmx" + heap);
        if (cpu >= 0) {
            command.add("-XX:ActiveProcessorCount=1");
        }
        flags.forEach(flag -> command.add(flag.replace("{stage}", stage.label()))); // e.g. a JFR file per stage
        command.add("-Djava.io.tmpdir=" + temporary);
        command.addAll(List.of("-cp", classPath, StageMain.class.getName(), stage.label(), resultFile.toString()));
        return command;
    }

    private static long number(Properties result, String name) {
        return Long.parseLong(result.getProperty(name, "0"));
    }

    static String tail(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "(no output)";
        }
        String text = Files.readString(log);
        return text.length() <= 4000 ? text : "..." + text.substring(text.length() - 4000);
    }
}
