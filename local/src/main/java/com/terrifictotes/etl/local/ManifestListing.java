package com.terrifictotes.etl.local;

import com.terrifictotes.etl.runtime.ManifestSearch;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import java.time.Instant;
import java.util.NavigableMap;
import java.util.TreeMap;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The manifests of one bucket, by sequence, with when each was written: one paged LIST, no GET, through the stages'
 * own {@link ManifestSearch}.
 */
final class ManifestListing {
    private ManifestListing() {
    }

    static NavigableMap<Long, Instant> ingestion(S3Client s3, String bucket) {
        return bySequence(ManifestSearch.ingestion(new WriteOnceBucket(s3, bucket)));
    }

    static NavigableMap<Long, Instant> processed(S3Client s3, String bucket) {
        return bySequence(ManifestSearch.processed(new WriteOnceBucket(s3, bucket)));
    }

    private static NavigableMap<Long, Instant> bySequence(ManifestSearch search) {
        NavigableMap<Long, Instant> manifests = new TreeMap<>();
        search.after(0).forEach(manifest -> manifests.put(manifest.sequence(), manifest.lastModified()));
        return manifests;
    }
}
