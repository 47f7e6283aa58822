package com.terrifictotes.etl.bench.coldstart;

import java.util.HashMap;
import java.util.Map;

/**
 * One cold start: wall time from process start to the handler's return as the harness saw it, and the launcher's
 * own split of the time inside main (constructor, priming, the call).
 */
record LaunchResult(long wallMillis, long mainMillis, long constructMillis, long primeMillis, long handleMillis,
                    int primingResources) {
    static LaunchResult parse(long wallMillis, String line) {
        Map<String, String> fields = new HashMap<>();
        for (String field : line.split(" ")) {
            int equals = field.indexOf('=');
            if (equals > 0) {
                fields.put(field.substring(0, equals), field.substring(equals + 1));
            }
        }
        return new LaunchResult(wallMillis, number(fields, "main_ms"), number(fields, "construct_ms"),
                number(fields, "prime_ms"), number(fields, "handle_ms"), (int) number(fields, "priming_resources"));
    }

    private static long number(Map<String, String> fields, String name) {
        return Long.parseLong(fields.getOrDefault(name, "-1"));
    }
}
