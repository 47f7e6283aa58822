package com.terrifictotes.etl.testbed.faults;

import java.util.Set;
import java.util.function.Predicate;

/**
 * One call of the S3 API as a fault rule sees it.
 *
 * @param operation the API operation, e.g. {@code PutObject}, {@code CompleteMultipartUpload}, {@code GetObject}
 * @param key       the object key, or the empty string for calls on the bucket (listings)
 */
public record S3Call(String operation, String bucket, String key) {
    /** The calls that make an object appear: a PUT, or the completion of a multipart upload. */
    public static final Set<String> OBJECT_CREATING = Set.of("PutObject", "CompleteMultipartUpload");

    public boolean createsObject() {
        return OBJECT_CREATING.contains(operation);
    }

    /** A call that creates an object in {@code bucket} under {@code keyPrefix}. */
    public static Predicate<S3Call> creates(String bucket, String keyPrefix) {
        return call -> call.createsObject() && call.bucket.equals(bucket) && call.key.startsWith(keyPrefix);
    }

    /** A GET of an object in {@code bucket} under {@code keyPrefix}. */
    public static Predicate<S3Call> reads(String bucket, String keyPrefix) {
        return call -> call.operation.equals("GetObject") && call.bucket.equals(bucket)
                && call.key.startsWith(keyPrefix);
    }

    /** Any call of {@code operation} on {@code bucket}. */
    public static Predicate<S3Call> operation(String operation, String bucket) {
        return call -> call.operation.equals(operation) && call.bucket.equals(bucket);
    }

    @Override
    public String toString() {
        return operation + " s3://" + bucket + "/" + key;
    }
}
