package com.terrifictotes.etl.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LambdaJsonEncoderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final LambdaJsonEncoder encoder = new LambdaJsonEncoder();

    @Test
    void anEventInsideAnInvocationCarriesPowertoolsLambdaFieldsInTheLayoutsOrderThenItsOwnKeys() throws Exception {
        Map<String, String> mdc = new LinkedHashMap<>();
        mdc.put("function_request_id", "c6af9ac6-7b61-11e6-9a41-93e812345678");
        mdc.put("cold_start", "true");
        mdc.put("function_name", "totes-etl-loader");
        mdc.put("function_memory_size", "1769");
        mdc.put("function_arn", "arn:aws:lambda:eu-west-2:123456789012:function:totes-etl-loader");
        mdc.put("function_version", "$LATEST");
        mdc.put("service", "loader");
        mdc.put("xray_trace_id", "1-5759e988-bd862e3fe1be46a994272793");
        LoggingEvent event = event(mdc, Level.INFO, "table loaded", null, entry("table", "fact_payment"),
                entry("rows_inserted", 43));

        byte[] line = encoder.encode(event);

        String text = new String(line, StandardCharsets.UTF_8);
        assertThat(text).endsWith("}\n").doesNotContain("\n{");
        JsonNode node = JSON.readTree(text);
        assertThat(fieldNames(node)).containsExactly("level", "message", "cold_start", "function_arn",
                "function_memory_size", "function_name", "function_request_id", "function_version", "service",
                "timestamp", "xray_trace_id", "table", "rows_inserted");
        assertThat(node.get("level").asText()).isEqualTo("INFO");
        assertThat(node.get("cold_start").isBoolean()).isTrue();
        assertThat(node.get("cold_start").asBoolean()).isTrue();
        assertThat(node.get("function_memory_size").isNumber()).isTrue();
        assertThat(node.get("function_memory_size").asInt()).isEqualTo(1769);
        assertThat(node.get("rows_inserted").asInt()).isEqualTo(43);
        assertThat(node.get("table").asText()).isEqualTo("fact_payment");
        assertThat(node.get("timestamp").asText()).isEqualTo("2026-12-06T08:09:10.123Z");
    }

    @Test
    void aThrowableBecomesAnErrorObjectWithItsMessageClassAndStackAndQuotesAreEscaped() throws Exception {
        LoggingEvent event = event(Map.of(), Level.ERROR, "load failed: \"fact_payment\"",
                new IllegalStateException("no ledger\nrow"));

        JsonNode node = JSON.readTree(encoder.encode(event));

        assertThat(node.get("message").asText()).isEqualTo("load failed: \"fact_payment\"");
        assertThat(node.get("error").get("message").asText()).isEqualTo("no ledger\nrow");
        assertThat(node.get("error").get("name").asText()).isEqualTo(IllegalStateException.class.getName());
        assertThat(node.get("error").get("stack").asText()).contains("LambdaJsonEncoderTest");
        assertThat(fieldNames(node)).containsExactly("level", "message", "error", "timestamp");
    }

    @Test
    void onlyDigitsWithAtMostOneInnerPointAreWrittenAsNumbers() {
        assertThat(LambdaJsonEncoder.isNumber("1769")).isTrue();
        assertThat(LambdaJsonEncoder.isNumber("0.25")).isTrue();
        assertThat(LambdaJsonEncoder.isNumber("")).isFalse();
        assertThat(LambdaJsonEncoder.isNumber("1.")).isFalse();
        assertThat(LambdaJsonEncoder.isNumber(".5")).isFalse();
        assertThat(LambdaJsonEncoder.isNumber("1.2.3")).isFalse();
        assertThat(LambdaJsonEncoder.isNumber("NaN")).isFalse();
    }

    @Test
    void theProjectsLoggersTakeLogLevelAndFallBackToInfo() {
        assertThat(LambdaLogging.projectLevel(Map.of("LOG_LEVEL", "DEBUG"))).isEqualTo(Level.DEBUG);
        assertThat(LambdaLogging.projectLevel(Map.of("LOG_LEVEL", "loud"))).isEqualTo(Level.INFO);
        assertThat(LambdaLogging.projectLevel(Map.of())).isEqualTo(Level.INFO);
    }

    @Test
    void logbackIsConfiguredByLambdaLoggingWithTheJsonEncoderOnStdout() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);

        assertThat(root.getAppender(LambdaLogging.APPENDER)).isNotNull();
        assertThat(((ch.qos.logback.core.ConsoleAppender<?>) root.getAppender(LambdaLogging.APPENDER)).getEncoder())
                .isInstanceOf(LambdaJsonEncoder.class);
        assertThat(root.getLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger(LambdaLogging.PROJECT_LOGGERS).getLevel())
                .isEqualTo(LambdaLogging.projectLevel(System.getenv()));
    }

    private static LoggingEvent event(Map<String, String> mdc, Level level, String message, Throwable error,
                                      Object... arguments) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        LoggingEvent event = new LoggingEvent("fqcn", context.getLogger("com.terrifictotes.test"), level, message,
                error, arguments);
        event.setTimeStamp(java.time.Instant.parse("2026-12-06T08:09:10.123Z").toEpochMilli());
        event.setMDCPropertyMap(mdc);
        return event;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
