package com.terrifictotes.etl.local.reliability;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.terrifictotes.etl.local.LambdaEvents;
import com.terrifictotes.etl.local.LocalLambdaContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * What the Lambda Java runtime does, in a process whose environment is the function's: build the handler through
 * its no-argument constructor, call it once with the event its trigger sends, and on failure print the error as the
 * runtime reports it (message and type) followed by the whole stack trace with every cause, which is more than
 * CloudWatch would receive. Exit status 0 on success, 1 on failure.
 *
 * <p>Arguments: the handler class, then {@code scheduled} (EventBridge) or {@code catch-up} (S3 event, no records).
 */
public final class LambdaRuntimeStandIn {
    private LambdaRuntimeStandIn() {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public static void main(String[] args) {
        try {
            RequestHandler handler = (RequestHandler) Class.forName(args[0]).getConstructor().newInstance();
            Object event = switch (args[1]) {
                case "scheduled" -> LambdaEvents.scheduled(System.getenv("AWS_REGION"), Instant.now());
                case "catch-up" -> new S3Event(List.of());
                default -> throw new IllegalArgumentException("unknown event kind " + args[1]);
            };
            Object result = handler.handleRequest(event, new LocalLambdaContext(
                    System.getenv("AWS_LAMBDA_FUNCTION_NAME"), Clock.systemUTC()));
            System.out.println("HANDLER RESULT: " + result);
            System.exit(0);
        } catch (Throwable failure) {
            Throwable reported = failure instanceof java.lang.reflect.InvocationTargetException e ? e.getCause()
                    : failure;
            System.out.println("{\"errorMessage\":\"" + reported.getMessage() + "\",\"errorType\":\""
                    + reported.getClass().getName() + "\"}");
            reported.printStackTrace();
            System.exit(1);
        }
    }
}
