package com.terrifictotes.etl.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * What the handlers logged during one cycle, read back the way CloudWatch Logs Insights would read it: every
 * stage logs one JSON line per table ({@code table}, {@code duration_ms}), and this sums them per message and table.
 */
final class StageLogs {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Long> millis = new HashMap<>();

    private StageLogs() {
    }

    static long mark(Path logFile) {
        try {
            return Files.exists(logFile) ? Files.size(logFile) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** The lines appended to {@code logFile} since {@code from}. Lines that are not JSON (EMF aside) are ignored. */
    static StageLogs since(Path logFile, long from) {
        StageLogs logs = new StageLogs();
        try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
            file.seek(from);
            byte[] tail = new byte[(int) (file.length() - from)];
            file.readFully(tail);
            for (String line : new String(tail, StandardCharsets.UTF_8).split("\n")) {
                logs.add(line);
            }
        } catch (IOException e) {
            // no timings then; the summary shows "-"
        }
        return logs;
    }

    /** Milliseconds logged under {@code message} for {@code table}, or -1 if nothing was logged. */
    long millis(String message, String table) {
        return millis.getOrDefault(message + '/' + table, -1L);
    }

    private void add(String line) {
        if (!line.startsWith("{")) {
            return;
        }
        try {
            JsonNode node = JSON.readTree(line);
            if (node.hasNonNull("table") && node.hasNonNull("duration_ms")) {
                millis.merge(node.get("message").asText() + '/' + node.get("table").asText(),
                        node.get("duration_ms").asLong(), Long::sum);
            }
        } catch (IOException ignored) {
            // not a log line of ours
        }
    }
}
