package com.terrifictotes.etl.testbed.lambda;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.lang.reflect.InvocationTargetException;
import java.time.Instant;

/**
 * What the Lambda runtime does at a cold start, in a fresh JVM whose environment is the function's and whose class
 * path is a deployable jar (or a module's classes) plus this launcher ({@link LaunchJar} packs it): build the handler
 * with its no-argument constructor, call it once with the event its trigger sends, and say so on stdout the moment it
 * returns (the cold-start bench times the process from its start to that line). With {@code prime}, the handler's
 * SnapStart hooks run between construction and the call, as they would before the snapshot. On failure it prints the
 * error as the runtime reports it (message and type), then the whole stack trace, and exits with status 1.
 *
 * <p>Arguments: the handler class, {@code scheduled} (EventBridge) or {@code catch-up} (S3 event with no records),
 * and optionally {@code prime}. The function's name comes from {@code AWS_LAMBDA_FUNCTION_NAME}, as on Lambda.
 *
 * <p>It loads nothing but the classes {@link LaunchJar} packs, the JDK and what every Lambda jar carries
 * (aws-lambda-java-core and -events, joda-time, org.crac): keep it so.
 */
public final class HandlerLaunch {
    /** Starts the line printed the moment the handler returns, with the launcher's split of the time inside main. */
    public static final String RETURNED = "HANDLER-RETURNED";
    /** Starts the line after it, with the handler's result. */
    public static final String RESULT = "HANDLER RESULT: ";

    private HandlerLaunch() {
    }

    public static void main(String[] args) {
        try {
            launch(args);
            System.exit(0);
        } catch (Throwable failure) {
            Throwable reported = failure instanceof InvocationTargetException e ? e.getCause() : failure;
            System.out.println("{\"errorMessage\":\"" + reported.getMessage() + "\",\"errorType\":\""
                    + reported.getClass().getName() + "\"}");
            reported.printStackTrace();
            System.exit(1);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void launch(String[] args) throws ReflectiveOperationException {
        long started = System.nanoTime();
        RequestHandler handler = (RequestHandler) Class.forName(args[0]).getConstructor().newInstance();
        long constructed = System.nanoTime();
        int resources = args.length > 2 && "prime".equals(args[2]) ? SnapStartHooks.runBeforeCheckpoint(handler)
                : SnapStartHooks.of(handler).size();
        long primed = System.nanoTime();
        Object event = switch (args[1]) {
            case "scheduled" -> LambdaEvents.scheduled(System.getenv("AWS_REGION"), Instant.now());
            case "catch-up" -> LambdaEvents.catchUp();
            default -> throw new IllegalArgumentException("unknown event kind " + args[1]);
        };
        Object result = handler.handleRequest(event, InvocationContext.of(functionName(args[0])));
        long returned = System.nanoTime();
        System.out.println(RETURNED + " construct_ms=" + millis(started, constructed) + " prime_ms="
                + millis(constructed, primed) + " handle_ms=" + millis(primed, returned) + " main_ms="
                + millis(started, returned) + " priming_resources=" + resources);
        System.out.println(RESULT + result);
    }

    private static String functionName(String handlerClass) {
        String name = System.getenv("AWS_LAMBDA_FUNCTION_NAME");
        return name != null ? name : handlerClass.substring(handlerClass.lastIndexOf('.') + 1);
    }

    private static long millis(long from, long to) {
        return (to - from) / 1_000_000;
    }
}
