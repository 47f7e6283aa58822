package com.terrifictotes.etl.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's load averages (Linux /proc/loadavg): every figure is reported with the load it was taken under. */
public final class LoadAverage {
    private static final Path LOADAVG = Path.of("/proc/loadavg");

    private LoadAverage() {
    }

    public static double oneMinute() {
        String[] fields = fields();
        return fields.length > 0 ? Double.parseDouble(fields[0]) : Double.NaN;
    }

    /**
     * Waits (up to {@code maxWait}) until the 1-minute load average is at most {@code limit}, so that measurements
     * are not taken while other work shares the machine; {@code limit <= 0} means do not wait.
     */
    public static void awaitAtMost(double limit, java.time.Duration maxWait, java.io.PrintStream progress)
            throws InterruptedException {
        long deadline = System.nanoTime() + maxWait.toNanos();
        boolean told = false;
        while (limit > 0 && oneMinute() > limit && System.nanoTime() < deadline) {
            if (!told) {
                progress.printf("  waiting for the 1-min load average (%s) to fall to %.1f ...%n", text(), limit);
                told = true;
            }
            Thread.sleep(5_000);
        }
    }

    /** "1-min 5-min 15-min", as uptime prints them. */
    public static String text() {
        String[] fields = fields();
        return fields.length >= 3 ? fields[0] + " " + fields[1] + " " + fields[2] : "n/a";
    }

    private static String[] fields() {
        try {
            return Files.readString(LOADAVG).trim().split("\\s+");
        } catch (IOException e) {
            return new String[0];
        }
    }
}
