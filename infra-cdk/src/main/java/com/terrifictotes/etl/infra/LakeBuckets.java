package com.terrifictotes.etl.infra;

import static com.terrifictotes.etl.manifest.BucketLayout.DATA_PREFIX;
import static com.terrifictotes.etl.manifest.BucketLayout.MANIFEST_PREFIX;
import static com.terrifictotes.etl.manifest.BucketLayout.STATE_PREFIX;
import static com.terrifictotes.etl.manifest.BucketLayout.TABLES_PREFIX;

import com.terrifictotes.etl.manifest.BucketLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.AnyPrincipal;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.BucketProps;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.s3.StorageClass;
import software.amazon.awscdk.services.s3.TargetObjectKeyFormat;
import software.amazon.awscdk.services.s3.Transition;
import software.constructs.Construct;

/**
 * The two zones of the lake plus the bucket that receives their server access logs. Both zones are private,
 * TLS-only, encrypted, versioned and survive stack deletion. Every object the pipeline writes is write-once: the
 * bucket policy refuses a {@code PutObject} or {@code CompleteMultipartUpload} without {@code If-None-Match}, on every
 * prefix the pipeline writes.
 *
 * <p>Lifecycle: nothing in the two zones ever expires, because old objects stay referenced. A table that has not
 * changed since batch N is read from {@code state/<table>/batch=N} by every later batch, and every later processed manifest
 * points at it; the extractor starts each run from the latest ingestion manifest, and the transformer reads the
 * ingestion data of every batch still pending. So the only rules are: abort multipart uploads left behind by a
 * function that timed out, and, if {@link LakeLifecycle} asks, move the bulk prefixes (ingestion {@code data/},
 * processed {@code tables/}) to STANDARD_IA and GLACIER_IR, both of which serve a GET at once. {@code state/} and
 * {@code manifests/} stay in STANDARD: they are small and read on every run.
 */
public final class LakeBuckets extends Construct {
    /** Prefixes the extractor writes in the ingestion bucket. */
    public static final List<String> INGESTION_PREFIXES = List.of(DATA_PREFIX, MANIFEST_PREFIX);
    /** Prefixes the transformer writes in the processed bucket. */
    public static final List<String> PROCESSED_PREFIXES = List.of(TABLES_PREFIX, STATE_PREFIX, MANIFEST_PREFIX);
    /** Written once by the operator's CLI ({@code ./pipeline quarantine-batch}), read by transformer and loader. */
    public static final List<String> OPERATOR_PREFIXES = List.of(BucketLayout.DECISIONS_PREFIX);
    public static final String WRITE_ONCE_SID = "DenyOverwritesWithoutIfNoneMatch";
    /** The prefixes whose objects may move to a cheaper storage class: the bulk of each zone, read rarely once old. */
    public static final List<String> TRANSITIONED_PREFIXES = List.of(DATA_PREFIX, TABLES_PREFIX);
    /** Storage classes a lifecycle rule may move lake objects to: both return an object at once, no restore. */
    public static final List<StorageClass> INSTANT_RETRIEVAL_CLASSES = List.of(StorageClass.INFREQUENT_ACCESS,
            StorageClass.GLACIER_INSTANT_RETRIEVAL);
    static final int ACCESS_LOG_DAYS = 365;

    private final Bucket accessLogs;
    private final Bucket ingestion;
    private final Bucket processed;

    public LakeBuckets(Construct scope, String id, LakeLifecycle lifecycle) {
        super(scope, id);
        accessLogs = new Bucket(this, "AccessLogs", BucketProps.builder()
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                // S3 delivers access logs only to SSE-S3 buckets
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                .minimumTlsVersion(1.2)
                .removalPolicy(RemovalPolicy.RETAIN)
                // versioned like the zones (Control Tower's CT.S3.PR.11); a log is written once, so the only
                // noncurrent versions are logs someone deleted, kept as long as the logs themselves
                .versioned(true)
                .lifecycleRules(List.of(LifecycleRule.builder().id("expire-access-logs")
                        .expiration(Duration.days(ACCESS_LOG_DAYS))
                        .noncurrentVersionExpiration(Duration.days(ACCESS_LOG_DAYS))
                        .build()))
                .build());
        ingestion = lakeBucket("Ingestion", "ingestion/", INGESTION_PREFIXES, lifecycle);
        processed = lakeBucket("Processed", "processed/", Stream.concat(PROCESSED_PREFIXES.stream(),
                OPERATOR_PREFIXES.stream()).toList(), lifecycle);
    }

    public Bucket ingestion() {
        return ingestion;
    }

    public Bucket processed() {
        return processed;
    }

    public Bucket accessLogs() {
        return accessLogs;
    }

    private Bucket lakeBucket(String id, String logPrefix, List<String> writtenPrefixes, LakeLifecycle lifecycle) {
        Bucket bucket = new Bucket(this, id, BucketProps.builder()
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                .minimumTlsVersion(1.2)
                .versioned(true)
                .removalPolicy(RemovalPolicy.RETAIN)
                .serverAccessLogsBucket(accessLogs)
                .serverAccessLogsPrefix(logPrefix)
                .targetObjectKeyFormat(TargetObjectKeyFormat.simplePrefix())
                .lifecycleRules(lifecycleRules(writtenPrefixes, lifecycle))
                .build());
        bucket.addToResourcePolicy(writeOnce(bucket, writtenPrefixes));
        return bucket;
    }

    private static List<LifecycleRule> lifecycleRules(List<String> writtenPrefixes, LakeLifecycle lifecycle) {
        List<LifecycleRule> rules = new ArrayList<>();
        // An abandoned multipart upload (a function that timed out mid-part) costs storage until aborted
        rules.add(LifecycleRule.builder().id("abort-incomplete-multipart-uploads")
                .abortIncompleteMultipartUploadAfter(Duration.days(1)).build());
        if (lifecycle.transitions()) {
            List<Transition> transitions = new ArrayList<>();
            lifecycle.infrequentAccessDays().ifPresent(days -> transitions.add(Transition.builder()
                    .storageClass(StorageClass.INFREQUENT_ACCESS).transitionAfter(Duration.days(days)).build()));
            lifecycle.glacierInstantRetrievalDays().ifPresent(days -> transitions.add(Transition.builder()
                    .storageClass(StorageClass.GLACIER_INSTANT_RETRIEVAL).transitionAfter(Duration.days(days))
                    .build()));
            writtenPrefixes.stream().filter(TRANSITIONED_PREFIXES::contains).forEach(prefix -> rules.add(
                    LifecycleRule.builder()
                            .id("cheaper-storage-" + prefix.replace("/", ""))
                            .prefix(prefix)
                            .transitions(transitions)
                            .build()));
        }
        return rules;
    }

    /**
     * Denies creating an object without {@code If-None-Match}. {@code s3:ObjectCreationOperation} is true for the
     * calls that create the object (PutObject, CompleteMultipartUpload, CopyObject) and false for
     * CreateMultipartUpload and UploadPart, which accept no conditional header: they stay allowed, and the
     * multipart upload is guarded where it completes. CopyObject into these prefixes is refused as a consequence.
     */
    private static PolicyStatement writeOnce(Bucket bucket, List<String> prefixes) {
        return PolicyStatement.Builder.create()
                .sid(WRITE_ONCE_SID)
                .effect(Effect.DENY)
                .principals(List.of(new AnyPrincipal()))
                .actions(List.of("s3:PutObject"))
                .resources(prefixes.stream().map(prefix -> bucket.arnForObjects(prefix + "*")).toList())
                .conditions(Map.of(
                        "Null", Map.of("s3:if-none-match", "true"),
                        "Bool", Map.of("s3:ObjectCreationOperation", "true")))
                .build();
    }
}
