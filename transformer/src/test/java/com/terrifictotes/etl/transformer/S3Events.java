package com.terrifictotes.etl.transformer;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.terrifictotes.etl.manifest.BucketLayout;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/** S3 notification events as Lambda delivers them, deserialised by the Lambda runtime's own serializer. */
final class S3Events {
    private S3Events() {
    }

    static S3Event manifestsCreated(String bucket, long... sequences) {
        return parse(LongStream.of(sequences).mapToObj(s -> record(bucket, BucketLayout.ingestionManifestKey(s)))
                .collect(Collectors.joining(",", "{\"Records\":[", "]}")));
    }

    static S3Event objectCreated(String bucket, String key) {
        return parse("{\"Records\":[" + record(bucket, key) + "]}");
    }

    /** What the daily catch-up rule sends. */
    static S3Event catchUp() {
        return parse("{\"Records\":[]}");
    }

    private static String record(String bucket, String key) {
        return """
                {"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"eu-west-2",
                 "eventTime":"2024-05-01T09:30:00.000Z","eventName":"ObjectCreated:Put",
                 "s3":{"s3SchemaVersion":"1.0","configurationId":"manifests",
                       "bucket":{"name":"%s","arn":"arn:aws:s3:::%s"},
                       "object":{"key":"%s","size":1024,"sequencer":"0A1B2C3D4E5F678901"}}}"""
                .formatted(bucket, bucket, key);
    }

    private static S3Event parse(String json) {
        return LambdaEventSerializers.serializerFor(S3Event.class, S3Events.class.getClassLoader()).fromJson(json);
    }
}
