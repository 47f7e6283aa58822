package com.terrifictotes.etl.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's load averages (Linux /proc/loadavg): every figure is reported with the load it was taken under. */
final class LoadAverage {
    private static final Path LOADAVG = Path.of("/proc/loadavg");

    private LoadAverage() {
    }

    static double oneMinute() {
        String[] fields = fields();
        return fields.length > 0 ? Double.parseDouble(fields[0]) : Double.NaN;
    }

    /** "1-min 5-min 15-min", as uptime prints them. */
    static String text() {
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
