package com.terrifictotes.etl.testbed.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The Lambda {@link Context} an invocation outside AWS gets (the local runner, tests, {@link HandlerLaunch}): the
 * same fields the runtime fills, with the 15-minute limit of a real function counting down from the start of the
 * invocation. It is its own {@link LambdaLogger} (no nested class), because {@link HandlerLaunch} carries it onto a
 * deployable jar's class path as one class file; use nothing here but the JDK and aws-lambda-java-core.
 */
public final class InvocationContext implements Context, LambdaLogger {
    private static final Duration TIMEOUT = Duration.ofMinutes(15);

    private final String functionName;
    private final String requestId = UUID.randomUUID().toString();
    private final Clock clock;
    private final Instant deadline;

    public InvocationContext(String functionName, Clock clock) {
        this.functionName = functionName;
        this.clock = clock;
        this.deadline = clock.instant().plus(TIMEOUT);
    }

    /** An invocation of {@code functionName} starting now, by the system clock. */
    public static InvocationContext of(String functionName) {
        return new InvocationContext(functionName, Clock.systemUTC());
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + functionName;
    }

    @Override
    public String getLogStreamName() {
        return "local";
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:local:000000000000:function:" + functionName;
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
        return (int) Math.max(0, Duration.between(clock.instant(), deadline).toMillis());
    }

    @Override
    public int getMemoryLimitInMB() {
        return (int) (Runtime.getRuntime().maxMemory() >> 20);
    }

    @Override
    public LambdaLogger getLogger() {
        return this;
    }

    @Override
    public void log(String message) {
        System.err.print(message);
    }

    @Override
    public void log(byte[] message) {
        log(new String(message, StandardCharsets.UTF_8));
    }
}
