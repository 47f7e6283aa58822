package com.terrifictotes.etl.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.lambda.powertools.logging.argument.StructuredArgument;
import software.amazon.lambda.powertools.logging.internal.JsonSerializer;

/**
 * One JSON object per log event, one line each, with the keys Powertools' log4j layout ({@code LambdaJsonLayout.json})
 * gave the functions before: {@code level}, {@code message}, {@code error} ({@code message}, {@code name},
 * {@code stack}) when there is a throwable, Powertools' Lambda fields from the MDC in that layout's order
 * ({@code cold_start} as a boolean, {@code function_memory_size} and {@code sampling_rate} as numbers),
 * {@code timestamp} (UTC, milliseconds), then every other MDC entry and every structured argument
 * ({@code entry("table", name)}) as a field of its own. A field with no value is left out. Written with Powertools'
 * own JSON writer, which appends to a StringBuilder.
 */
public final class LambdaJsonEncoder extends EncoderBase<ILoggingEvent> {
    static final List<String> LAMBDA_FIELDS = List.of("cold_start", "function_arn", "function_memory_size",
            "function_name", "function_request_id", "function_version", "sampling_rate", "service");
    static final List<String> TRACE_FIELDS = List.of("xray_trace_id", "correlation_id");
    private static final Set<String> NUMBERS = Set.of("function_memory_size", "sampling_rate");
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    @Override
    public byte[] headerBytes() {
        return new byte[0];
    }

    @Override
    public byte[] footerBytes() {
        return new byte[0];
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        return (line(event) + '\n').getBytes(StandardCharsets.UTF_8);
    }

    /** The event's JSON object, without the line break. */
    public String line(ILoggingEvent event) {
        StringBuilder text = new StringBuilder(256);
        try (JsonSerializer json = new JsonSerializer(text)) {
            json.writeStartObject();
            json.writeStringField("level", event.getLevel().toString());
            json.writeSeparator();
            json.writeStringField("message", event.getFormattedMessage());
            if (event.getThrowableProxy() != null) {
                json.writeSeparator();
                error(json, event.getThrowableProxy());
            }
            Map<String, String> mdc = event.getMDCPropertyMap();
            LAMBDA_FIELDS.forEach(field -> lambdaField(json, field, mdc.get(field)));
            json.writeSeparator();
            json.writeStringField("timestamp", TIMESTAMP.format(event.getInstant()));
            TRACE_FIELDS.forEach(field -> lambdaField(json, field, mdc.get(field)));
            mdc.forEach((key, value) -> {
                if (!LAMBDA_FIELDS.contains(key) && !TRACE_FIELDS.contains(key) && value != null) {
                    json.writeSeparator();
                    json.writeStringField(key, value);
                }
            });
            arguments(json, event.getArgumentArray());
            if (event.getKeyValuePairs() != null) {
                event.getKeyValuePairs().forEach(pair -> {
                    json.writeSeparator();
                    json.writeObjectField(pair.key, pair.value);
                });
            }
            json.writeEndObject();
        }
        return text.toString();
    }

    private static void error(JsonSerializer json, IThrowableProxy error) {
        json.writeFieldName("error");
        json.writeStartObject();
        json.writeStringField("message", error.getMessage());
        json.writeSeparator();
        json.writeStringField("name", error.getClassName());
        json.writeSeparator();
        json.writeStringField("stack", ThrowableProxyUtil.asString(error));
        json.writeEndObject();
    }

    private static void lambdaField(JsonSerializer json, String field, String value) {
        if (value == null) {
            return;
        }
        json.writeSeparator();
        if ("cold_start".equals(field)) {
            json.writeBooleanField(field, Boolean.parseBoolean(value));
        } else if (NUMBERS.contains(field) && isNumber(value)) {
            json.writeFieldName(field);
            json.writeRaw(value);
        } else {
            json.writeStringField(field, value);
        }
    }

    /** Digits with at most one point inside, as Powertools writes a memory size or a sampling rate. */
    static boolean isNumber(String value) {
        int point = value.indexOf('.');
        return !value.isEmpty() && point != 0 && point != value.length() - 1 && point == value.lastIndexOf('.')
                && value.chars().allMatch(c -> c == '.' || c >= '0' && c <= '9');
    }

    private static void arguments(JsonSerializer json, Object[] arguments) {
        if (arguments == null) {
            return;
        }
        for (Object argument : arguments) {
            if (argument instanceof StructuredArgument structured) {
                json.writeSeparator();
                try {
                    structured.writeTo(json);
                } catch (IOException e) {
                    throw new UncheckedIOException(e); // writes to a StringBuilder: not expected
                }
            }
        }
    }
}
