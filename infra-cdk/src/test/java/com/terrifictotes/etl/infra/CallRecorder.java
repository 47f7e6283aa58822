package com.terrifictotes.etl.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Registered for every AWS SDK client of the test classpath (software/amazon/awssdk/global/handlers), it appends
 * each API call a process makes to the file named by {@value #LOG_VARIABLE}: service, operation and the request's
 * bucket, key, prefix or secret id, tab-separated. Without the variable it records nothing.
 */
public final class CallRecorder implements ExecutionInterceptor {
    public static final String LOG_VARIABLE = "TOTES_CALL_LOG";

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String log = System.getenv(LOG_VARIABLE);
        if (log == null) {
            return;
        }
        SdkRequest request = context.request();
        String line = String.join("\t",
                attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME),
                attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
                field(request, "Bucket"), field(request, "Key"), field(request, "Prefix"), field(request, "SecretId"))
                + "\n";
        try {
            Files.writeString(Path.of(log), line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the call in " + log, e);
        }
    }

    private static String field(SdkRequest request, String name) {
        return request.getValueForField(name, String.class).orElse("");
    }
}
