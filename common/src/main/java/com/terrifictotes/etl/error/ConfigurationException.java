package com.terrifictotes.etl.error;

/** A setting or secret that is missing or unusable. Never carries the secret's value. */
public class ConfigurationException extends EtlException {
    public ConfigurationException(String message) {
        super(message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
