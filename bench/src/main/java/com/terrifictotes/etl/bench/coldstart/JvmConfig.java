package com.terrifictotes.etl.bench.coldstart;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One way of starting the handler's JVM: which JDK, whether the stack's JAVA_TOOL_OPTIONS are set, which class-data
 * archive is used (made by one training run of the same handler first), and whether the SnapStart priming hooks run
 * before the call.
 */
record JvmConfig(String key, String name, Path javaHome, boolean stackFlags, Archive archive, boolean prime) {
    enum Archive { NONE, APP_CDS, AOT_CACHE }

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
