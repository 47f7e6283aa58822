package com.terrifictotes.etl.testbed.lambda;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import com.terrifictotes.etl.logging.LambdaJsonEncoder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * What a piece of code prints on stdout, where Lambda's JSON log lines and EMF metrics go, line by line. The log
 * lines are taken from the project's loggers with the functions' own JSON encoder ({@link LambdaJsonEncoder}), through
 * an appender of their own: the console appender may have written to another stdout than the one replaced here.
 */
public final class StandardOutput {
    private static final String APPENDER = "captured-by-test";

    private StandardOutput() {
    }

    public interface Action {
        void run() throws Exception;
    }

    public static List<String> capture(Action action) throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger logger = context.getLogger("com.terrifictotes");
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        LambdaJsonEncoder encoder = new LambdaJsonEncoder();
        encoder.setContext(context);
        encoder.start();
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setName(APPENDER);
        appender.setEncoder(encoder);
        appender.setOutputStream(logs);
        appender.start();
        logger.addAppender(appender);
        boolean additive = logger.isAdditive();
        logger.setAdditive(false);
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(original);
            logger.detachAppender(appender);
            logger.setAdditive(additive);
            appender.stop();
        }
        List<String> lines = new ArrayList<>(logs.toString(StandardCharsets.UTF_8).lines().toList());
        lines.addAll(captured.toString(StandardCharsets.UTF_8).lines().toList());
        return lines;
    }
}
