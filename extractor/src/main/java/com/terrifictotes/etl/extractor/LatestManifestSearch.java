package com.terrifictotes.etl.extractor;

import com.terrifictotes.etl.error.StorageException;
import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import java.util.OptionalLong;
import java.util.function.LongPredicate;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Finds the highest ingestion manifest sequence without listing the whole history, so a run's cost does not grow
 * with the number of runs before it.
 *
 * <p>How: one listing page from the start; if that is all there is, its highest sequence is the answer (the usual
 * case for a young bucket, one request). Otherwise, from a sequence known to exist, look further ahead in doubling
 * steps ({@code HEAD} of the key) until a sequence does not exist, then bisect between the two: a sequence that
 * exists whose successor does not. Sequences are dense by construction (each run publishes latest + 1, write-once),
 * so that is the latest; but the answer does not depend on it: the search ends with a listing that starts after the
 * sequence found and takes the highest of everything there, so a gap (a manifest deleted by hand) costs more
 * requests, never a wrong answer. About 2·log2(n) requests for n manifests.
 */
final class LatestManifestSearch {
    private static final String PREFIX = BucketLayout.MANIFEST_PREFIX + "ingestion-";
    private static final int FIRST_STEP = 1000;

    private final S3Client s3;
    private final WriteOnceBucket bucket;

    LatestManifestSearch(S3Client s3, WriteOnceBucket bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    OptionalLong latestSequence() {
        Page first = page(null);
        if (!first.truncated()) {
            return first.highest();
        }
        if (first.highest().isEmpty()) {
            return highestAfter(first.lastKey()); // a page of other keys: no sequence to start from
        }
        long found = lastOfRun(first.highest().getAsLong(),
                sequence -> bucket.exists(BucketLayout.ingestionManifestKey(sequence)));
        return max(OptionalLong.of(found), highestAfter(BucketLayout.ingestionManifestKey(found)));
    }

    /**
     * A sequence at or after {@code known} (which exists) that exists while its successor does not.
     */
    static long lastOfRun(long known, LongPredicate exists) {
        long low = known;
        long step = FIRST_STEP;
        while (exists.test(low + step)) {
            low += step;
            step *= 2;
        }
        long high = low + step; // exists(low) and not exists(high)
        while (high - low > 1) {
            long middle = low + (high - low) / 2;
            if (exists.test(middle)) {
                low = middle;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /** The highest sequence among all keys listed after {@code startAfter} (null: from the start). */
    private OptionalLong highestAfter(String startAfter) {
        OptionalLong highest = OptionalLong.empty();
        String from = startAfter;
        Page page;
        do {
            page = page(from);
            highest = max(highest, page.highest());
            from = page.lastKey();
        } while (page.truncated());
        return highest;
    }

    private record Page(OptionalLong highest, String lastKey, boolean truncated) {
    }

    private Page page(String startAfter) {
        ListObjectsV2Response response;
        try {
            response = s3.listObjectsV2(b -> b.bucket(bucket.name()).prefix(PREFIX).startAfter(startAfter));
        } catch (SdkException e) {
            String detail = e instanceof NoSuchBucketException ? "bucket " + bucket.name() + " does not exist"
                    : e.getMessage();
            throw new StorageException("cannot list " + bucket.uri(PREFIX) + ": " + detail, e);
        }
        OptionalLong highest = OptionalLong.empty();
        String lastKey = startAfter;
        for (S3Object object : response.contents()) {
            highest = max(highest, BucketLayout.ingestionSequence(object.key()));
            lastKey = object.key();
        }
        return new Page(highest, lastKey, Boolean.TRUE.equals(response.isTruncated()));
    }

    private static OptionalLong max(OptionalLong a, OptionalLong b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.isPresent() && b.getAsLong() > a.getAsLong() ? b : a;
    }
}
