package com.terrifictotes.etl.testbed.lambda;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.RequestParametersEntity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.ResponseElementsEntity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3BucketEntity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3Entity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3ObjectEntity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.UserIdentityEntity;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.joda.time.DateTime;

/**
 * The events AWS would send, built as the same Java objects the Lambda runtime hands a handler: the EventBridge
 * scheduled event for the extractor, and the bucket notification for each manifest written. {@link HandlerLaunch}
 * carries this class onto a deployable jar's class path: use nothing here but the JDK and the Lambda event classes.
 */
public final class LambdaEvents {
    private LambdaEvents() {
    }

    /** The event an EventBridge schedule rule delivers. */
    public static ScheduledEvent scheduled(String region, Instant time) {
        ScheduledEvent event = new ScheduledEvent();
        event.setVersion("0");
        event.setId(UUID.randomUUID().toString());
        event.setDetailType("Scheduled Event");
        event.setSource("aws.events");
        event.setAccount("000000000000");
        event.setTime(new DateTime(time.toEpochMilli()));
        event.setRegion(region);
        event.setResources(List.of("arn:aws:events:" + region + ":000000000000:rule/totes-etl-extract"));
        event.setDetail(Map.of());
        return event;
    }

    /**
     * The notification S3 sends for a new object. The key is URL-encoded as S3 encodes it; handlers read it back
     * with {@code getUrlDecodedKey()}.
     */
    public static S3Event objectCreated(String region, String bucket, String key, long size, String eTag,
                                        Instant time) {
        S3ObjectEntity object = new S3ObjectEntity(URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/"),
                size, eTag, null, Long.toHexString(time.toEpochMilli()).toUpperCase());
        S3Entity s3 = new S3Entity("totes-etl-manifest",
                new S3BucketEntity(bucket, new UserIdentityEntity("local"), "arn:aws:s3:::" + bucket), object, "1.0");
        S3EventNotificationRecord record = new S3EventNotificationRecord(region, "ObjectCreated:Put", "aws:s3",
                time.toString(), "2.1", new RequestParametersEntity("127.0.0.1"),
                new ResponseElementsEntity("local", "local"), s3, new UserIdentityEntity("local"));
        return new S3Event(List.of(record));
    }

    /** The notification S3 sends for a new object, where its size, tag and time do not matter to the handler. */
    public static S3Event objectCreated(String bucket, String key) {
        return objectCreated("eu-west-2", bucket, key, 100L, "etag", Instant.now());
    }

    /** What the daily catch-up rule sends: no records, meaning "everything pending". */
    public static S3Event catchUp() {
        return new S3Event(List.of());
    }
}
