package com.terrifictotes.etl.testbed.lambda;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;

/**
 * What a piece of code prints on stdout, where Lambda's JSON log lines and EMF metrics go, line by line. The log
 * lines are taken from the project's logger with the function's own JSON layout (log4j's console appender keeps
 * the stdout it found at start-up, so replacing {@code System.out} alone would miss them). The JSON layout is the
 * {@code JsonAppender}'s of the function's {@code log4j2.xml}, so only a Lambda module's tests can use it.
 */
public final class StandardOutput {
    private static final String APPENDER = "captured-by-test";

    private StandardOutput() {
    }

    public interface Action {
        void run() throws Exception;
    }

    public static List<String> capture(Action action) throws Exception {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        LoggerConfig logger = context.getConfiguration().getLoggerConfig("com.terrifictotes");
        StringWriter logs = new StringWriter();
        Appender appender = WriterAppender.newBuilder().setName(APPENDER).setTarget(logs)
                .setLayout(context.getConfiguration().getAppender("JsonAppender").getLayout()).build();
        appender.start();
        logger.addAppender(appender, null, null);
        context.updateLoggers();
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(original);
            logger.removeAppender(APPENDER);
            context.updateLoggers();
            appender.stop();
        }
        List<String> lines = new ArrayList<>(logs.toString().lines().toList());
        lines.addAll(captured.toString(StandardCharsets.UTF_8).lines().toList());
        return lines;
    }
}
