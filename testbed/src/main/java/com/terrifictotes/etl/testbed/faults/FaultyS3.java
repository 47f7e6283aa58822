package com.terrifictotes.etl.testbed.faults;

import com.terrifictotes.etl.testbed.servers.TestBed;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A real SDK v2 {@link S3Client} for the test bed's S3 server whose calls fail where a rule says: the nth call
 * matching a predicate fails before it reaches S3, or after S3 carried it out (the object exists though the writer
 * was told otherwise), uploads fail once a byte budget is spent, or a download's body breaks after some bytes. All
 * other calls go through untouched. Faults are injected by an {@link ExecutionInterceptor}, as exceptions the SDK
 * does not retry, so each rule fires exactly once, at exactly the call it names. Every call is recorded, in order.
 */
public final class FaultyS3 implements ExecutionInterceptor {
    private static final ExecutionAttribute<S3Call> CALL = new ExecutionAttribute<>("totes.faulty-s3.call");
    private static final ExecutionAttribute<Long> BREAK_AFTER = new ExecutionAttribute<>("totes.faulty-s3.break");

    private final List<CallRule> before = new CopyOnWriteArrayList<>();
    private final List<CallRule> after = new CopyOnWriteArrayList<>();
    private final List<AnswerRule> answers = new CopyOnWriteArrayList<>();
    private final List<DownloadRule> downloads = new CopyOnWriteArrayList<>();
    private final List<UploadBudget> uploads = new CopyOnWriteArrayList<>();
    private final List<S3Call> calls = Collections.synchronizedList(new ArrayList<>());
    private final S3Client client;

    private FaultyS3(TestBed bed) {
        this.client = bed.s3ClientBuilder().overrideConfiguration(o -> o.addExecutionInterceptor(this)).build();
    }

    /** A client for the test bed's S3 server with no fault yet. */
    public static FaultyS3 on(TestBed bed) {
        return new FaultyS3(bed);
    }

    public S3Client client() {
        return client;
    }

    /** The {@code nth} call matching {@code call} fails before it is sent: S3 never sees it. */
    public FaultyS3 failBefore(int nth, Predicate<S3Call> call, Failure failure) {
        before.add(new CallRule(new NthMatch<>(nth, call), failure));
        return this;
    }

    /**
     * The {@code nth} call matching {@code call} is carried out by S3 (a PUT stores its object), then fails on its
     * way back: the caller cannot know that it succeeded.
     */
    public FaultyS3 failAfter(int nth, Predicate<S3Call> call, Failure failure) {
        after.add(new CallRule(new NthMatch<>(nth, call), failure));
        return this;
    }

    /**
     * The {@code nth} call matching {@code call} does not reach S3: it is answered as S3 answers with
     * {@code status} and error {@code code}, once {@code meanwhile} has run (what another writer did in the meantime,
     * e.g. storing the same key before a {@code 409 ConditionalRequestConflict}).
     */
    public FaultyS3 answerBefore(int nth, Predicate<S3Call> call, int status, String code, Runnable meanwhile) {
        answers.add(new AnswerRule(new NthMatch<>(nth, call), status, code, meanwhile));
        return this;
    }

    /**
     * Uploads ({@code PutObject}, {@code UploadPart}) succeed until the bytes sent reach {@code bytes}; the upload
     * that would go past fails before it is sent. Once.
     */
    public FaultyS3 failUploadsPast(long bytes, Failure failure) {
        uploads.add(new UploadBudget(bytes, failure));
        return this;
    }

    /** The body of the {@code nth} GET matching {@code call} breaks after {@code bytes}: reading on throws. */
    public FaultyS3 breakDownload(int nth, Predicate<S3Call> call, long bytes) {
        downloads.add(new DownloadRule(new NthMatch<>(nth, call), bytes));
        return this;
    }

    /** Whether every rule has fired: a test whose fault never fired proves nothing. */
    public boolean allFired() {
        return before.stream().allMatch(r -> r.trigger.fired()) && after.stream().allMatch(r -> r.trigger.fired())
                && answers.stream().allMatch(r -> r.trigger.fired())
                && downloads.stream().allMatch(r -> r.trigger.fired()) && uploads.stream().allMatch(r -> r.fired);
    }

    /** Every call made through this client so far, in order. */
    public List<S3Call> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        S3Call call = describe(context.request(), attributes);
        attributes.putAttribute(CALL, call);
        calls.add(call);
        for (CallRule rule : before) {
            if (rule.trigger.fires(call)) {
                throw rule.failure(call, "before reaching S3");
            }
        }
        for (AnswerRule rule : answers) {
            if (rule.trigger.fires(call)) {
                rule.meanwhile.run();
                throw S3Exception.builder().statusCode(rule.status).message("injected answer to " + call)
                        .awsErrorDetails(AwsErrorDetails.builder().serviceName("S3").errorCode(rule.code)
                                .errorMessage("injected answer to " + call).build())
                        .build();
            }
        }
        for (DownloadRule rule : downloads) {
            if (rule.trigger.fires(call)) {
                attributes.putAttribute(BREAK_AFTER, rule.bytes);
            }
        }
    }

    @Override
    public Optional<RequestBody> modifyHttpContent(Context.ModifyHttpRequest context,
                                                   ExecutionAttributes attributes) {
        S3Call call = attributes.getAttribute(CALL);
        long length = context.requestBody().flatMap(RequestBody::optionalContentLength).orElse(0L);
        if (call != null && (call.operation().equals("PutObject") || call.operation().equals("UploadPart"))) {
            for (UploadBudget budget : uploads) {
                if (budget.spend(length)) {
                    throw CallRule.failure(budget.failure, call, "after " + budget.limit + " bytes were uploaded");
                }
            }
        }
        return context.requestBody();
    }

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
                                                           ExecutionAttributes attributes) {
        Long breakAfter = attributes.getAttribute(BREAK_AFTER);
        if (breakAfter == null || context.responseBody().isEmpty()) {
            return context.responseBody();
        }
        return Optional.of(new BreakingStream(context.responseBody().get(), breakAfter,
                attributes.getAttribute(CALL)));
    }

    /**
     * After-rules fire on the first attempt S3 answered, whatever the answer: an attempt whose connection failed
     * after S3 had stored the object (the test server does that now and then) is retried by the SDK, and its retry
     * is answered 412, which is still "the object landed". The failure thrown here is not retryable.
     */
    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        S3Call call = attributes.getAttribute(CALL);
        for (CallRule rule : after) {
            if (rule.trigger.fires(call)) {
                throw rule.failure(call, "after S3 carried it out");
            }
        }
    }

    private static S3Call describe(SdkRequest request, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        return new S3Call(operation, request.getValueForField("Bucket", String.class).orElse(""),
                request.getValueForField("Key", String.class).orElse(""));
    }

    private record CallRule(NthMatch<S3Call> trigger, Failure failure) {
        RuntimeException failure(S3Call call, String when) {
            return failure(failure, call, when);
        }

        static RuntimeException failure(Failure failure, S3Call call, String when) {
            if (failure == Failure.CRASH) {
                throw new SimulatedCrash("during " + call + ", " + when);
            }
            return SdkClientException.create("injected fault: " + call + " failed " + when
                    + " (connection reset)");
        }
    }

    private record AnswerRule(NthMatch<S3Call> trigger, int status, String code, Runnable meanwhile) {
    }

    private record DownloadRule(NthMatch<S3Call> trigger, long bytes) {
    }

    /** Counts upload bytes; {@link #spend} answers true once, for the upload that would exceed the limit. */
    private static final class UploadBudget {
        private final long limit;
        private final Failure failure;
        private long spent;
        private boolean fired;

        UploadBudget(long limit, Failure failure) {
            this.limit = limit;
            this.failure = failure;
        }

        synchronized boolean spend(long bytes) {
            if (fired) {
                return false;
            }
            if (spent + bytes > limit) {
                fired = true;
                return true;
            }
            spent += bytes;
            return false;
        }
    }

    /** A response body that throws, as a reset connection does, once {@code limit} bytes have been read. */
    private static final class BreakingStream extends FilterInputStream {
        private final long limit;
        private final S3Call call;
        private long read;

        BreakingStream(InputStream in, long limit, S3Call call) {
            super(in);
            this.limit = limit;
            this.call = call;
        }

        @Override
        public int read() throws IOException {
            checkBudget(1);
            int b = super.read();
            if (b >= 0) {
                read++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            checkBudget(1);
            int n = super.read(buffer, offset, (int) Math.min(length, limit - read));
            if (n > 0) {
                read += n;
            }
            return n;
        }

        private void checkBudget(int wanted) throws IOException {
            if (read + wanted > limit) {
                throw new IOException("injected fault: connection reset while reading " + call + " after " + read
                        + " bytes");
            }
        }
    }
}
