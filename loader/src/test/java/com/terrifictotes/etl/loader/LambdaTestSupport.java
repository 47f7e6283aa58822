package com.terrifictotes.etl.loader;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** S3 events and a Lambda context, shaped as the Lambda service sends them. */
final class LambdaTestSupport {
    private LambdaTestSupport() {
    }

    /** The ObjectCreated event S3 sends when a processed manifest appears. */
    static S3Event objectCreated(String bucket, String key) {
        S3EventNotification.S3Entity entity = new S3EventNotification.S3Entity("processed-manifests",
                new S3EventNotification.S3BucketEntity(bucket, null, "arn:aws:s3:::" + bucket),
                new S3EventNotification.S3ObjectEntity(key, 100L, "etag", null, "0062E8D1"), "1.0");
        return new S3Event(List.of(new S3EventNotification.S3EventNotificationRecord("eu-west-2",
                "ObjectCreated:Put", "aws:s3", "2026-11-21T10:00:00.000Z", "2.1", null, null, entity, null)));
    }

    /** The daily catch-up rule's event: no records. */
    static S3Event catchUp() {
        return new S3Event(List.of());
    }

    static Context context() {
        return new Context() {
            @Override
            public String getAwsRequestId() {
                return "test-request";
            }

            @Override
            public String getLogGroupName() {
                return "/aws/lambda/totes-etl-loader";
            }

            @Override
            public String getLogStreamName() {
                return "test";
            }

            @Override
            public String getFunctionName() {
                return "totes-etl-loader";
            }

            @Override
            public String getFunctionVersion() {
                return "$LATEST";
            }

            @Override
            public String getInvokedFunctionArn() {
                return "arn:aws:lambda:eu-west-2:123456789012:function:totes-etl-loader";
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
                        log(new String(message, StandardCharsets.UTF_8));
                    }
                };
            }
        };
    }
}
