package com.terrifictotes.etl.bench.coldstart;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.crac.Resource;
import org.joda.time.DateTime;

/**
 * What the Lambda runtime does at a cold start, in a fresh JVM whose class path is this class plus one deployable
 * jar: build the handler with its no-argument constructor, call it once, and say so on stdout the moment it
 * returns (the harness times the process from its start to that line). With {@code prime}, the handler's SnapStart
 * hooks run between construction and the call, as they would before the snapshot, so the call shows what priming
 * leaves for the first invocation after a restore. Uses only classes the Lambda jars carry.
 * Arguments: handler class, {@code scheduled} or {@code catch-up}, and optionally {@code prime}.
 */
public final class HandlerLaunch {
    static final String RETURNED = "BENCH-HANDLER-RETURNED";

    private HandlerLaunch() {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        RequestHandler handler = (RequestHandler) Class.forName(args[0]).getConstructor().newInstance();
        long constructed = System.nanoTime();
        List<Resource> resources = primingResources(handler);
        if (args.length > 2 && "prime".equals(args[2])) {
            for (Resource resource : resources) {
                resource.beforeCheckpoint(null); // what SnapStart runs before it takes the snapshot
            }
        }
        long primed = System.nanoTime();
        Object event = "scheduled".equals(args[1]) ? scheduledEvent() : new S3Event(List.of());
        Object result = handler.handleRequest(event, new InvocationContext(args[0]));
        long returned = System.nanoTime();
        System.out.println(RETURNED + " construct_ms=" + millis(started, constructed) + " prime_ms="
                + millis(constructed, primed) + " handle_ms=" + millis(primed, returned) + " main_ms="
                + millis(started, returned) + " priming_resources=" + resources.size()
                + " result=" + String.valueOf(result).replace(' ', '_'));
        System.exit(0);
    }

    /**
     * The SnapStart hooks the handler registered: itself if it is a CRaC resource, plus each of its fields that
     * holds one (a handler must keep a reference, since CRaC contexts may hold resources weakly). Called directly,
     * because outside a CRaC runtime the global context refuses to run a checkpoint.
     */
    private static List<Resource> primingResources(Object handler) throws IllegalAccessException {
        List<Resource> resources = new ArrayList<>();
        if (handler instanceof Resource resource) {
            resources.add(resource);
        }
        for (Field field : handler.getClass().getDeclaredFields()) {
            if (Resource.class.isAssignableFrom(field.getType())) {
                field.setAccessible(true);
                if (field.get(handler) instanceof Resource resource) {
                    resources.add(resource);
                }
            }
        }
        return resources;
    }

    private static long millis(long from, long to) {
        return (to - from) / 1_000_000;
    }

    private static ScheduledEvent scheduledEvent() {
        ScheduledEvent event = new ScheduledEvent();
        event.setId(UUID.randomUUID().toString());
        event.setSource("aws.events");
        event.setDetailType("Scheduled Event");
        event.setTime(DateTime.now());
        event.setResources(List.of("arn:aws:events:eu-west-2:123456789012:rule/bench"));
        return event;
    }

    /** The context Lambda passes; only the fields that logging and metrics read matter. */
    private record InvocationContext(String handler) implements Context {
        @Override
        public String getAwsRequestId() {
            return "bench-" + UUID.randomUUID();
        }

        @Override
        public String getLogGroupName() {
            return "/aws/lambda/bench";
        }

        @Override
        public String getLogStreamName() {
            return "bench";
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
            return 1769;
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
