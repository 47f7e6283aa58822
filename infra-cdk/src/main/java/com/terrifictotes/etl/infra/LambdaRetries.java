package com.terrifictotes.etl.infra;

import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.stepfunctions.JitterType;
import software.amazon.awscdk.services.stepfunctions.RetryProps;
import software.amazon.awscdk.services.stepfunctions.tasks.LambdaInvoke;

/**
 * The retries of a state machine's Lambda task: Lambda's own transient errors only (the service's, and throttling
 * with a longer backoff), never a failure of the function, which fails the execution and raises its alarm.
 */
final class LambdaRetries {
    /** Errors of the Lambda service itself, not of the function: safe to retry at once. */
    static final List<String> SERVICE_ERRORS = List.of("Lambda.ServiceException",
            "Lambda.AWSLambdaException", "Lambda.SdkClientException", "Lambda.ClientExecutionTimeoutException");
    static final String THROTTLED = "Lambda.TooManyRequestsException";
    /** A task waits this long past the function's own timeout before it calls the invocation lost. */
    static final int TASK_TIMEOUT_MARGIN_SECONDS = 60;

    private LambdaRetries() {
    }

    static void addTo(LambdaInvoke task) {
        task.addRetry(RetryProps.builder().errors(SERVICE_ERRORS).interval(Duration.seconds(2))
                .maxAttempts(5).backoffRate(2).maxDelay(Duration.minutes(1)).jitterStrategy(JitterType.FULL).build());
        task.addRetry(RetryProps.builder().errors(List.of(THROTTLED)).interval(Duration.seconds(10))
                .maxAttempts(6).backoffRate(2).maxDelay(Duration.minutes(5)).jitterStrategy(JitterType.FULL).build());
    }
}
