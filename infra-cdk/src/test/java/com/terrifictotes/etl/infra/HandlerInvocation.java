package com.terrifictotes.etl.infra;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.joda.time.DateTime;

/**
 * What the Lambda runtime does, in a process of its own whose environment is the function's: instantiate the handler
 * through its no-argument constructor and call it once with the event its trigger sends. Exit status 0 on success.
 * Arguments: handler class name, then {@code scheduled} (EventBridge schedule) or {@code catch-up} (S3 event with no
 * records).
 */
public final class HandlerInvocation {
    private HandlerInvocation() {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public static void main(String[] args) throws Exception {
        RequestHandler handler = (RequestHandler) Class.forName(args[0]).getConstructor().newInstance();
        Object event = switch (args[1]) {
            case "scheduled" -> scheduledEvent();
            case "catch-up" -> new S3Event(List.of());
            default -> throw new IllegalArgumentException("unknown event kind " + args[1]);
        };
        Object result = handler.handleRequest(event, new InvocationContext(args[0]));
        System.out.println("HANDLER RESULT: " + result);
    }

    private static ScheduledEvent scheduledEvent() {
        ScheduledEvent event = new ScheduledEvent();
        event.setId(UUID.randomUUID().toString());
        event.setSource("aws.events");
        event.setDetailType("Scheduled Event");
        event.setTime(DateTime.now());
        event.setResources(List.of("arn:aws:events:eu-west-2:123456789012:rule/contract-test"));
        return event;
    }

    /** The invocation's context as Lambda would give it; only the fields logging and metrics read matter. */
    private record InvocationContext(String handler) implements Context {
        @Override
        public String getAwsRequestId() {
            return "contract-test-" + UUID.randomUUID();
        }

        @Override
        public String getLogGroupName() {
            return "/aws/lambda/contract-test";
        }

        @Override
        public String getLogStreamName() {
            return "contract-test";
        }

        @Override
        public String getFunctionName() {
            return handler.substring(handler.lastIndexOf('.') + 1);
        }

        @Override
        public String getFunctionVersion() {
            return "1";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:eu-west-2:123456789012:function:" + getFunctionName() + ":live";
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return 900_000;
        }

        @Override
        public int getMemoryLimitInMB() {
            return 1024;
        }

        @Override
        public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override
                public void log(String message) {
                    System.out.println(message);
                }

                @Override
                public void log(byte[] message) {
                    System.out.println(new String(message, StandardCharsets.UTF_8));
                }
            };
        }
    }
}
