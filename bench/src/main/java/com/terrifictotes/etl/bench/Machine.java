package com.terrifictotes.etl.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** What the figures were measured on: the header of every report. */
final class Machine {
    private Machine() {
    }

    static String describe(BenchCommand command) {
        return String.format("## Benchmark run %s%n%nMachine: %d CPUs (%s), %s; JVM %s %s; load averages at start "
                        + "%s.%nStage processes: -Xmx%s, flags '%s', %s%s.%n",
                Instant.now().truncatedTo(ChronoUnit.SECONDS), Runtime.getRuntime().availableProcessors(),
                cpuModel(), memory(), System.getProperty("java.vm.name"), System.getProperty("java.version"),
                LoadAverage.text(), command.stageHeap, command.stageFlags,
                command.stageCpu >= 0 ? "pinned to CPU " + command.stageCpu + " with -XX:ActiveProcessorCount=1"
                        : "not pinned",
                command.stagePrimed ? "; each timed after its function's SnapStart hooks (--stage-primed)"
                        : "; each a cold JVM (no SnapStart hooks)");
    }

    private static String cpuModel() {
        return firstValue(Path.of("/proc/cpuinfo"), "model name");
    }

    private static String memory() {
        String total = firstValue(Path.of("/proc/meminfo"), "MemTotal");
        return total.isEmpty() ? "memory unknown" : total.replaceAll("\\s+", " ") + " RAM";
    }

    private static String firstValue(Path file, String key) {
        try {
            return Files.readAllLines(file).stream().filter(l -> l.startsWith(key))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("");
        } catch (IOException e) {
            return "";
        }
    }
}
