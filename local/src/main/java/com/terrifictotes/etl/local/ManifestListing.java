package com.terrifictotes.etl.local;

import com.terrifictotes.etl.error.StorageException;
import com.terrifictotes.etl.manifest.BucketLayout;
import java.time.Instant;
import java.util.NavigableMap;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The manifests of one bucket, by sequence, with when each was written: one paged LIST, no GET. */
final class ManifestListing {
    private ManifestListing() {
    }

    static NavigableMap<Long, Instant> ingestion(S3Client s3, String bucket) {
        return list(s3, bucket, "ingestion-", BucketLayout::ingestionSequence);
    }

    static NavigableMap<Long, Instant> processed(S3Client s3, String bucket) {
        return list(s3, bucket, "processed-", BucketLayout::processedSequence);
    }

    private static NavigableMap<Long, Instant> list(S3Client s3, String bucket, String name,
                                                    Function<String, OptionalLong> sequence) {
        NavigableMap<Long, Instant> manifests = new TreeMap<>();
        try {
            for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket)
                    .prefix(BucketLayout.MANIFEST_PREFIX + name)).contents()) {
                sequence.apply(object.key()).ifPresent(s -> manifests.put(s, object.lastModified()));
            }
        } catch (SdkException e) {
            throw new StorageException("cannot list s3://" + bucket + "/" + BucketLayout.MANIFEST_PREFIX + name
                    + "*: " + e.getMessage(), e);
        }
        return manifests;
    }
}
