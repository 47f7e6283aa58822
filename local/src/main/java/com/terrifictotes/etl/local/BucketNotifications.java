package com.terrifictotes.etl.local;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.testbed.lambda.LambdaEvents;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Plays the bucket notification that the stack configures (ObjectCreated on {@code manifests/*.json}): after a
 * stage has run, every manifest that appeared since the last look becomes one S3 event, oldest key first.
 */
final class BucketNotifications {
    private final S3Client s3;
    private final String region;
    private final String bucket;
    private final Clock clock;
    private final Set<String> notified = new HashSet<>();

    /** Manifests already in the bucket count as notified long ago. */
    BucketNotifications(S3Client s3, String region, String bucket, Clock clock) {
        this(s3, region, bucket, clock, key -> true);
    }

    /**
     * Manifests already in the bucket count as notified long ago if {@code consumed} says the next stage has taken
     * them; the others are notified at the next look, as S3 would have notified them when they appeared (a batch
     * published by another process, such as {@code ./pipeline reconcile}, while no stage was listening).
     */
    BucketNotifications(S3Client s3, String region, String bucket, Clock clock, Predicate<String> consumed) {
        this.s3 = s3;
        this.region = region;
        this.bucket = bucket;
        this.clock = clock;
        manifests().stream().map(S3Object::key).filter(consumed).forEach(notified::add);
    }

    String bucket() {
        return bucket;
    }

    List<S3Event> newManifestEvents() {
        List<S3Event> events = new ArrayList<>();
        for (S3Object object : manifests()) {
            if (notified.add(object.key())) {
                events.add(LambdaEvents.objectCreated(region, bucket, object.key(), object.size(),
                        object.eTag(), clock.instant()));
            }
        }
        return events;
    }

    private List<S3Object> manifests() {
        return s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(BucketLayout.MANIFEST_PREFIX))
                .contents().stream()
                .filter(o -> o.key().endsWith(BucketLayout.MANIFEST_SUFFIX))
                .toList();
    }
}
