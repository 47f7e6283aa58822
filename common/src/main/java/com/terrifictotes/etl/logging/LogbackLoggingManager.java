package com.terrifictotes.etl.logging;

import ch.qos.logback.classic.LoggerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import software.amazon.lambda.powertools.logging.internal.LoggingManager;

/**
 * Powertools' hook into the logging back end (found through {@code META-INF/services}): it sets every logger's level
 * when {@code POWERTOOLS_LOG_LEVEL} is given, as its log4j module did, and reads a logger's effective level. Powertools
 * ships such a module for logback too, but not at a version this build can fetch.
 */
public final class LogbackLoggingManager implements LoggingManager {
    @Override
    public void setLogLevel(Level level) {
        ch.qos.logback.classic.Level target = ch.qos.logback.classic.Level.convertAnSLF4JLevel(level);
        context().getLoggerList().stream().filter(logger -> logger.getLevel() != null
                        || ch.qos.logback.classic.Logger.ROOT_LOGGER_NAME.equals(logger.getName()))
                .forEach(logger -> logger.setLevel(target));
    }

    @Override
    public Level getLogLevel(Logger logger) {
        return Level.intToLevel(context().getLogger(logger.getName()).getEffectiveLevel().toInt());
    }

    private static LoggerContext context() {
        return (LoggerContext) LoggerFactory.getILoggerFactory();
    }
}
