package com.terrifictotes.etl.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Map;

/**
 * Logback's configuration for the functions, found through {@code META-INF/services} before logback looks for any
 * file: one console appender on stdout (CloudWatch's input on Lambda) with {@link LambdaJsonEncoder}, the project's
 * loggers at {@code LOG_LEVEL} (INFO by default), everything else at WARN. Built in code because parsing a
 * {@code logback.xml} loads an XML parser and Joran's model, which a cold start pays for; Powertools'
 * {@code POWERTOOLS_LOG_LEVEL} then applies through {@link LogbackLoggingManager}.
 */
public final class LambdaLogging extends ContextAwareBase implements Configurator {
    /** The project's loggers' level; INFO when unset or not a level. */
    public static final String LEVEL_VARIABLE = "LOG_LEVEL";
    static final String PROJECT_LOGGERS = "com.terrifictotes";
    static final String APPENDER = "JsonAppender";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName(APPENDER);
        LambdaJsonEncoder encoder = new LambdaJsonEncoder();
        encoder.setContext(context);
        encoder.start();
        console.setEncoder(encoder);
        console.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(console);
        context.getLogger(PROJECT_LOGGERS).setLevel(projectLevel(System.getenv()));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    static Level projectLevel(Map<String, String> environment) {
        return Level.toLevel(environment.get(LEVEL_VARIABLE), Level.INFO);
    }
}
