package com.terrifictotes.etl.testbed.lambda;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The JDKs a deployable jar is tested on: the build's own (Java 17, the bytecode level) and Java 25, the runtime the
 * stack deploys. Java 25 is found through the system property {@value #PROPERTY}, the variable {@value #VARIABLE},
 * or Temurin's Debian path; CI has it. Where none exists, the Java 25 runs are skipped with a message saying so.
 */
public final class JavaRuntimes {
    public static final String PROPERTY = "java25.home";
    public static final String VARIABLE = "JAVA25_HOME";
    static final Path TEMURIN_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

    /** One JDK: a name for test reports and its {@code bin/java}. */
    public record Runtime(String name, Path javaHome) {
        public String java() {
            return javaHome.resolve("bin").resolve("java").toString();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private JavaRuntimes() {
    }

    /** The running JDK. */
    public static Runtime current() {
        return new Runtime("Java " + java.lang.Runtime.version().feature(), Path.of(System.getProperty("java.home")));
    }

    /** A JDK 25 on this machine, if there is one. */
    public static Optional<Runtime> java25() {
        List<String> candidates = new ArrayList<>();
        Optional.ofNullable(System.getProperty(PROPERTY)).ifPresent(candidates::add);
        Optional.ofNullable(System.getenv(VARIABLE)).ifPresent(candidates::add);
        candidates.add(TEMURIN_25.toString());
        return candidates.stream().filter(c -> !c.isBlank()).map(Path::of)
                .filter(home -> Files.isExecutable(home.resolve("bin").resolve("java")))
                .findFirst().map(home -> new Runtime("Java 25", home));
    }

    /** Why a Java 25 run is skipped here. */
    public static String java25Missing() {
        return "no JDK 25 found (system property " + PROPERTY + ", variable " + VARIABLE + ", or " + TEMURIN_25
                + "): the deployable jar is not run on the stack's Java 25 here";
    }

    /**
     * Whether a line of a function's output is what its log group should hold: a JSON object. The lines the launcher
     * prints for the test and the JVM's note of the options it picked up (printed before any code runs, on every
     * JVM that is given {@code JAVA_TOOL_OPTIONS}) are not the handler's output and are left out.
     */
    public static boolean isHandlerLogLine(String line) {
        return !line.startsWith(HandlerLaunch.RETURNED) && !line.startsWith(HandlerLaunch.RESULT)
                && !line.startsWith("Picked up JAVA_TOOL_OPTIONS:") && !line.isBlank();
    }
}
