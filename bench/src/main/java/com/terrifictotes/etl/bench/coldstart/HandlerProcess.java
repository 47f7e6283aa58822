package com.terrifictotes.etl.bench.coldstart;

import com.terrifictotes.etl.testbed.lambda.HandlerLaunch;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starts one handler JVM and times it from the process start to the launcher's "returned" line. */
final class HandlerProcess {
    private static final long TIMEOUT_SECONDS = 300;

    private HandlerProcess() {
    }

    /** @param cpu the CPU to pin the JVM to (with {@code -XX:ActiveProcessorCount=1}), or -1 to leave it free */
    static LaunchResult launch(String javaBin, List<String> flags, String classPath, LambdaFunction function,
                               boolean prime, Map<String, String> environment, Path log, int cpu)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (cpu >= 0 && Files.isExecutable(Path.of("/usr/bin/taskset"))) {
            command.addAll(List.of("/usr/bin/taskset", "-c", Integer.toString(cpu)));
        }
        command.add(javaBin);
        if (cpu >= 0) {
            command.add("-XX:ActiveProcessorCount=1"); // one CPU as a 1,769 MB Lambda has: one compiler thread
        }
        command.addAll(flags);
        command.addAll(List.of("-cp", classPath, HandlerLaunch.class.getName(), function.handlerClass(),
                function.eventKind()));
        if (prime) {
            command.add("prime");
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(environment);
        long started = System.nanoTime();
        Process process = builder.start();
        long returned = -1;
        String marker = null;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
             Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                     StandardOpenOption.APPEND)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (marker == null && line.startsWith(HandlerLaunch.RETURNED)) {
                    returned = System.nanoTime();
                    marker = line;
                }
                out.write(line);
                out.write('\n');
            }
        }
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        if (marker == null || process.exitValue() != 0) {
            throw new IllegalStateException(function.name() + " did not return (exit " + process.exitValue()
                    + "); see " + log);
        }
        return LaunchResult.parse((returned - started) / 1_000_000, marker);
    }
}
