package com.terrifictotes.etl.runtime;

/** How the functions' JVM is started on Lambda: the stack sets these, and the jar tests and benchmarks use the same. */
public final class LambdaJvm {
    /**
     * {@code JAVA_TOOL_OPTIONS} of every function. C1 only: a short-lived function gains more from fast JIT warm-up
     * than from C2's peak code (AWS guidance; BENCHMARKS.md measures both). Native access for the unnamed module:
     * from Java 24 on, zstd-jni's {@code System.loadLibrary} otherwise prints a four-line restricted-method warning
     * on stderr, which lands in the function's log as lines that are not JSON. Java 17 accepts the option as well.
     */
    public static final String JAVA_TOOL_OPTIONS =
            "-XX:+TieredCompilation -XX:TieredStopAtLevel=1 --enable-native-access=ALL-UNNAMED";

    private LambdaJvm() {
    }
}
