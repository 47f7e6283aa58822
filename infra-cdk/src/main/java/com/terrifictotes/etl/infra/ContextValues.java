package com.terrifictotes.etl.infra;

import com.terrifictotes.etl.error.ConfigurationException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import software.constructs.Node;

/**
 * CDK context values by key. They arrive as strings from {@code cdk deploy -c key=value} and as JSON values (numbers,
 * booleans) from {@code cdk.json}; every reader accepts both, and a value it cannot read is refused naming the key.
 */
record ContextValues(Node node) {
    Optional<String> text(String key) {
        Object value = node.tryGetContext(key);
        return value == null ? Optional.empty() : Optional.of(value.toString().trim()).filter(s -> !s.isEmpty());
    }

    Optional<Integer> integer(String key) {
        return text(key).map(value -> {
            try {
                return Integer.valueOf(value.endsWith(".0") ? value.substring(0, value.length() - 2) : value);
            } catch (NumberFormatException e) {
                throw new ConfigurationException("CDK context " + key + "=" + value + " is not a whole number");
            }
        });
    }

    Optional<Boolean> bool(String key) {
        return text(key).map(value -> switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigurationException("CDK context " + key + "=" + value + " is not true or false");
        });
    }

    /** A comma-separated list; blanks between commas are ignored, so {@code "a, b,"} is {@code [a, b]}. */
    Optional<List<String>> list(String key) {
        return text(key).map(value -> Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .toList());
    }
}
