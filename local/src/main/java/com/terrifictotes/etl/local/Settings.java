package com.terrifictotes.etl.local;

import com.terrifictotes.etl.error.ConfigurationException;
import java.util.Map;

/** Reads the runner's environment variables; a missing one is one clear error naming it. */
final class Settings {
    private final Map<String, String> environment;

    Settings(Map<String, String> environment) {
        this.environment = environment;
    }

    String required(String name) {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            throw new ConfigurationException("environment variable " + name + " is not set");
        }
        return value.trim();
    }

    String optional(String name, String defaultValue) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? defaultValue : value.trim();
    }
}
