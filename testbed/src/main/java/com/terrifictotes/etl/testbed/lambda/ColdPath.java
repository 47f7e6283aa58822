package com.terrifictotes.etl.testbed.lambda;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A function's cold path as the classes it loads: a deployable jar run once by {@link HandlerLaunch} in a JVM of its
 * own, with exactly the given environment, logging every class the JVM loads. Guards what a first call must not pay
 * for (the extractor loading Parquet, the loader running Flyway on a current warehouse), by name, not by time.
 */
public final class ColdPath {
    private static final long TIMEOUT_SECONDS = 180;

    /** What one run printed and which classes it loaded, in order. */
    public record Run(int exitCode, String output, List<String> loadedClasses) {
        /** The loaded classes whose names start with {@code prefix}. */
        public List<String> loaded(String prefix) {
            return loadedClasses.stream().filter(name -> name.startsWith(prefix)).toList();
        }

        /**
         * The classes whose names start with {@code prefix} loaded by the handler's call itself: after the launcher
         * built the invocation's context, which it does once the constructor (and, primed, the SnapStart hooks) ran.
         */
        public List<String> loadedDuringTheCall(String prefix) {
            int start = loadedClasses.indexOf(InvocationContext.class.getName());
            if (start < 0) {
                throw new IllegalStateException("the handler was never called: no " + InvocationContext.class
                        .getName() + " was loaded\n" + output);
            }
            return loadedClasses.subList(start + 1, loadedClasses.size()).stream()
                    .filter(name -> name.startsWith(prefix)).toList();
        }

        /** The line the launcher printed with the handler's result, or "" if it printed none. */
        public String result() {
            return output.lines().filter(line -> line.startsWith(HandlerLaunch.RESULT)).findFirst().orElse("");
        }
    }

    private ColdPath() {
    }

    public static Run run(JavaRuntimes.Runtime runtime, Path jar, String handlerClass, String eventKind,
                          Map<String, String> environment) throws IOException, InterruptedException {
        return run(runtime, jar, handlerClass, eventKind, environment, false);
    }

    /** As {@link #run}, with the handler's SnapStart hooks run before its call, as a restored function has them. */
    public static Run runPrimed(JavaRuntimes.Runtime runtime, Path jar, String handlerClass, String eventKind,
                                Map<String, String> environment) throws IOException, InterruptedException {
        return run(runtime, jar, handlerClass, eventKind, environment, true);
    }

    private static Run run(JavaRuntimes.Runtime runtime, Path jar, String handlerClass, String eventKind,
                           Map<String, String> environment, boolean primed) throws IOException, InterruptedException {
        Path work = Files.createTempDirectory("cold-path");
        Path classes = work.resolve("classes.log");
        Path output = work.resolve("output.log");
        try {
            List<String> command = new ArrayList<>(List.of(runtime.java(),
                    "-Xlog:class+load=info:file=" + classes + ":none",
                    "-cp", jar + File.pathSeparator + LaunchJar.write(work.resolve("handler-launch.jar")),
                    HandlerLaunch.class.getName(), handlerClass, eventKind));
            if (primed) {
                command.add("prime");
            }
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().clear();
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(handlerClass + " did not return in " + TIMEOUT_SECONDS + " s:\n"
                        + Files.readString(output, StandardCharsets.UTF_8));
            }
            if (!Files.exists(classes)) {
                throw new IllegalStateException(handlerClass + " wrote no class-loading log:\n"
                        + Files.readString(output, StandardCharsets.UTF_8));
            }
            List<String> loaded = Files.readAllLines(classes, StandardCharsets.UTF_8).stream()
                    .map(line -> line.split(" ", 2)[0]).filter(name -> !name.isEmpty()).toList();
            return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8), loaded);
        } finally {
            try (var files = Files.list(work)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(work);
        }
    }
}
