package com.terrifictotes.etl.config;

import com.terrifictotes.etl.error.ConfigurationException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Map;

/**
 * Reading a function's environment the one way every function does: blank means unset, values are trimmed, and an
 * error names the variable and the rule, echoing a value only where it cannot be a credential (numbers, zone ids).
 */
public final class EnvironmentVariables {
    private EnvironmentVariables() {
    }

    public static String required(Map<String, String> environment, String name) {
        String value = optional(environment, name);
        if (value == null) {
            throw new ConfigurationException("environment variable " + name + " is not set");
        }
        return value;
    }

    /** The trimmed value, or null when the variable is unset or blank. */
    public static String optional(Map<String, String> environment, String name) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** A whole number from {@code min} to {@link Integer#MAX_VALUE}, or the default when unset. */
    public static long wholeNumber(Map<String, String> environment, String name, long min, long defaultValue) {
        String value = optional(environment, name);
        if (value == null) {
            return defaultValue;
        }
        try {
            long number = Long.parseLong(value);
            if (number >= min && number <= Integer.MAX_VALUE) {
                return number;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ConfigurationException("environment variable " + name + " must be a whole number from " + min + " to "
                + Integer.MAX_VALUE + ", got '" + value + "'");
    }

    /** A zone as Java's {@link ZoneId#of} reads it, or the default when unset. */
    public static ZoneId zone(Map<String, String> environment, String name, ZoneId defaultZone) {
        String value = optional(environment, name);
        if (value == null) {
            return defaultZone;
        }
        try {
            return ZoneId.of(value);
        } catch (DateTimeException e) {
            throw new ConfigurationException("environment variable " + name + " is not a time zone id: '" + value
                    + "'", e);
        }
    }
}
