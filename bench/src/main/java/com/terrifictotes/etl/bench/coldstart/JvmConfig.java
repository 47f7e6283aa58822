package com.terrifictotes.etl.bench.coldstart;

import com.terrifictotes.etl.runtime.LambdaJvm;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One way of starting the handler's JVM: which JDK, which JAVA_TOOL_OPTIONS (the stack's, none, or others, e.g. the
 * stack's without the C1-only flag), which class-data archive is used (made by one training run of the same handler
 * first), and whether the SnapStart priming hooks run before the call.
 *
 * @param toolOptions {@code JAVA_TOOL_OPTIONS} of the handler's JVM, or null for none
 */
record JvmConfig(String key, String name, Path javaHome, String toolOptions, Archive archive, boolean prime) {
    /** The stack's flags without {@code -XX:TieredStopAtLevel=1}: the JVM's default tiered compilation, C2 included. */
    static final String STACK_FLAGS_WITH_C2 = LambdaJvm.JAVA_TOOL_OPTIONS.replace(" -XX:TieredStopAtLevel=1", "");

    enum Archive { NONE, APP_CDS, AOT_CACHE }

    /** With the stack's {@code JAVA_TOOL_OPTIONS} ({@code stackFlags}) or none. */
    JvmConfig(String key, String name, Path javaHome, boolean stackFlags, Archive archive, boolean prime) {
        this(key, name, javaHome, stackFlags ? LambdaJvm.JAVA_TOOL_OPTIONS : null, archive, prime);
    }

    /** Whether {@code --cold-configs} names this configuration: by its key, or by a part of its name. */
    boolean isCalled(String wanted) {
        return key.equals(wanted) || name.contains(wanted);
    }

    String javaBin() {
        return javaHome.resolve("bin/java").toString();
    }

    /** Flags of the training run that writes the archive; none if this configuration uses no archive. */
    List<String> trainingFlags(Path archiveFile) {
        return switch (archive) {
            case NONE -> List.of();
            case APP_CDS -> List.of("-XX:ArchiveClassesAtExit=" + archiveFile);
            case AOT_CACHE -> List.of("-XX:AOTCacheOutput=" + archiveFile);
        };
    }

    List<String> flags(Path archiveFile) {
        List<String> flags = new ArrayList<>();
        switch (archive) {
            case APP_CDS -> flags.add("-XX:SharedArchiveFile=" + archiveFile);
            case AOT_CACHE -> flags.add("-XX:AOTCache=" + archiveFile);
            case NONE -> {
            }
        }
        return flags;
    }

    String archiveSuffix() {
        return archive == Archive.AOT_CACHE ? ".aot" : ".jsa";
    }
}
