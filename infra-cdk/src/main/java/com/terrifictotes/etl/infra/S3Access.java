package com.terrifictotes.etl.infra;

import java.util.List;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.GrantOnPrincipalOptions;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.s3.IBucket;

/**
 * S3 grants with exact actions, scoped to the key prefixes of {@code BucketLayout}. CDK's {@code grantRead} and
 * {@code grantPut} would add wildcard actions ({@code s3:GetObject*}, {@code s3:List*}, {@code s3:Abort*}) and calls the
 * code never makes (tagging, retention, legal hold); these grant only what common's {@code WriteOnceBucket} and
 * {@code WriteOnceUpload} call.
 */
final class S3Access {
    /** PutObject authorises PutObject, CreateMultipartUpload, UploadPart and CompleteMultipartUpload. */
    static final List<String> WRITE_ACTIONS = List.of("s3:PutObject", "s3:AbortMultipartUpload");
    /** GetObject authorises GetObject and HeadObject. */
    static final List<String> READ_ACTIONS = List.of("s3:GetObject");
    /** ListObjectsV2. */
    static final List<String> LIST_ACTIONS = List.of("s3:ListBucket");

    private S3Access() {
    }

    /** Write-once writes, including multipart uploads and their abort, under the given prefixes. */
    static void write(IGrantable grantee, IBucket bucket, List<String> prefixes) {
        grant(grantee, WRITE_ACTIONS, objects(bucket, prefixes));
    }

    /**
     * Reads under the given prefixes, plus listing the bucket. The listing right is not only for ListObjectsV2: without
     * it S3 answers a GET or HEAD of a missing key with 403 instead of 404, and {@code WriteOnceBucket.exists} and
     * {@code open} rely on telling "not there" from "not allowed".
     */
    static void read(IGrantable grantee, IBucket bucket, List<String> prefixes) {
        grant(grantee, READ_ACTIONS, objects(bucket, prefixes));
        grant(grantee, LIST_ACTIONS, List.of(bucket.getBucketArn()));
    }

    private static List<String> objects(IBucket bucket, List<String> prefixes) {
        return prefixes.stream().map(prefix -> bucket.arnForObjects(prefix + "*")).toList();
    }

    private static void grant(IGrantable grantee, List<String> actions, List<String> resources) {
        Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(grantee)
                .actions(actions)
                .resourceArns(resources)
                .build());
    }
}
