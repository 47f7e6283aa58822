package com.terrifictotes.etl.infra;

import com.terrifictotes.etl.error.ConfigurationException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reserved concurrency per function, from context {@code reservedConcurrency=extractor=1,loader=1}; none by default.
 * Reserving takes from the account's pool, which must keep at least its minimum unreserved (100 on an account with
 * the usual quota of 1000, but all 10 of a new account's quota of 10): on such an account any reservation makes
 * CloudFormation roll back. The pipeline does not need it: overlapping extractor runs are resolved by the
 * conditional manifest PUT, overlapping loaders by the ledger's advisory lock.
 */
public record ReservedConcurrency(Map<LambdaModule, Integer> byFunction) {
    public static final String CONTEXT_KEY = "reservedConcurrency";

    public ReservedConcurrency {
        byFunction.forEach((module, reserved) -> {
            if (reserved < 1) {
                throw new ConfigurationException("CDK context " + CONTEXT_KEY + ": " + module.moduleName() + "="
                        + reserved + " is invalid: at least 1 (leave the function out for no reservation)");
            }
        });
        byFunction = byFunction.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(byFunction));
    }

    public static ReservedConcurrency none() {
        return new ReservedConcurrency(Map.of());
    }

    /** The reservation of one function; empty means the account's unreserved pool. */
    public Optional<Integer> of(LambdaModule module) {
        return Optional.ofNullable(byFunction.get(module));
    }

    static ReservedConcurrency fromContext(ContextValues context) {
        return context.list(CONTEXT_KEY).map(ReservedConcurrency::parse).orElse(none());
    }

    static ReservedConcurrency parse(List<String> entries) {
        Map<LambdaModule, Integer> parsed = new EnumMap<>(LambdaModule.class);
        for (String entry : entries) {
            String[] parts = entry.split("=", 2);
            LambdaModule module = Arrays.stream(LambdaModule.values())
                    .filter(m -> m.moduleName().equals(parts[0].trim())).findFirst()
                    .orElseThrow(() -> invalid(entry));
            if (parts.length < 2 || parsed.containsKey(module)) {
                throw invalid(entry);
            }
            try {
                parsed.put(module, Integer.valueOf(parts[1].trim()));
            } catch (NumberFormatException e) {
                throw invalid(entry);
            }
        }
        return new ReservedConcurrency(parsed);
    }

    private static ConfigurationException invalid(String entry) {
        return new ConfigurationException("CDK context " + CONTEXT_KEY + ": '" + entry + "' is invalid: expected "
                + "<function>=<executions> for each function at most once, e.g. extractor=1,loader=1");
    }
}
