package com.terrifictotes.etl.runtime;

import com.terrifictotes.etl.error.StorageException;
import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.LongPredicate;
import java.util.function.ToLongFunction;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The one way every stage finds manifests in a bucket (ingestion or processed): the latest, the first after a
 * sequence, every one after a sequence, whether any is before one. Keys are zero-padded, so a listing's order is the
 * batches' order, and a listing that starts after a sequence's key costs what lies after it, never the history.
 *
 * <p>The latest without listing the whole history: one listing page from the start; if that is all there is, its
 * highest sequence is the answer (the usual case for a young bucket, one request). Otherwise, from a sequence known to
 * exist, look further ahead in doubling steps ({@code HEAD} of the key) until a sequence does not exist, then bisect
 * between the two: a sequence that exists whose successor does not. Sequences are dense by construction (each batch
 * is latest + 1, write-once), so that is the latest; but the answer does not depend on it: the search ends with a
 * listing that starts after the sequence found and takes the highest of everything there, so a gap (a manifest
 * deleted by hand) costs more requests, never a wrong answer. About 2·log2(n) requests for n manifests.
 */
public final class ManifestSearch {
    private static final int FIRST_STEP = 1000;

    private final WriteOnceBucket bucket;
    private final String prefix;
    private final LongFunction<String> keyOf;
    private final ToLongFunction<String> sequenceOf;

    /** A manifest as a listing shows it. */
    public record Listed(long sequence, String key, Instant lastModified) {
    }

    private ManifestSearch(WriteOnceBucket bucket, String name, LongFunction<String> keyOf,
                           Function<String, OptionalLong> sequence) {
        this.bucket = bucket;
        this.prefix = BucketLayout.MANIFEST_PREFIX + name;
        this.keyOf = keyOf;
        this.sequenceOf = key -> sequence.apply(key).orElse(-1);
    }

    /** The ingestion manifests of {@code bucket}. */
    public static ManifestSearch ingestion(WriteOnceBucket bucket) {
        return new ManifestSearch(bucket, "ingestion-", BucketLayout::ingestionManifestKey,
                BucketLayout::ingestionSequence);
    }

    /** The processed manifests of {@code bucket}. */
    public static ManifestSearch processed(WriteOnceBucket bucket) {
        return new ManifestSearch(bucket, "processed-", BucketLayout::processedManifestKey,
                BucketLayout::processedSequence);
    }

    /** The highest sequence, in a number of requests that grows as log(history); empty for a bucket with none. */
    public OptionalLong latest() {
        Page first = page(null, null);
        if (!first.truncated()) {
            return first.highest();
        }
        if (first.highest().isEmpty()) {
            return highestAfter(first.lastKey()); // a page of other keys: no sequence to start from
        }
        long found = lastOfRun(first.highest().getAsLong(), sequence -> bucket.exists(keyOf.apply(sequence)));
        return max(OptionalLong.of(found), highestAfter(keyOf.apply(found)));
    }

    /** Every manifest with a sequence above {@code sequence} (0: all of them), oldest first. */
    public List<Listed> after(long sequence) {
        List<Listed> found = new ArrayList<>();
        String from = startAfter(sequence);
        Page page;
        do {
            page = page(from, null);
            found.addAll(page.manifests());
            from = page.lastKey();
        } while (page.truncated());
        return found;
    }

    /** The first manifest with a sequence above {@code sequence}, if one exists yet. */
    public Optional<Listed> firstAfter(long sequence) {
        String from = startAfter(sequence);
        Page page;
        do {
            page = page(from, 100);
            if (!page.manifests().isEmpty()) {
                return Optional.of(page.manifests().get(0));
            }
            from = page.lastKey();
        } while (page.truncated());
        return Optional.empty();
    }

    /** Whether any manifest with a sequence below {@code sequence} exists. */
    public boolean anyBefore(long sequence) {
        Optional<Listed> first = firstAfter(0);
        return first.isPresent() && first.get().sequence() < sequence;
    }

    /** A sequence at or after {@code known} (which exists) that exists while its successor does not. */
    public static long lastOfRun(long known, LongPredicate exists) {
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

    private String startAfter(long sequence) {
        return sequence < 1 ? null : keyOf.apply(sequence);
    }

    /** The highest sequence among all keys listed after {@code startAfter} (null: from the start). */
    private OptionalLong highestAfter(String startAfter) {
        OptionalLong highest = OptionalLong.empty();
        String from = startAfter;
        Page page;
        do {
            page = page(from, null);
            highest = max(highest, page.highest());
            from = page.lastKey();
        } while (page.truncated());
        return highest;
    }

    private record Page(List<Listed> manifests, String lastKey, boolean truncated) {
        OptionalLong highest() {
            return manifests.isEmpty() ? OptionalLong.empty()
                    : OptionalLong.of(manifests.get(manifests.size() - 1).sequence());
        }
    }

    private Page page(String startAfter, Integer maxKeys) {
        ListObjectsV2Response response;
        try {
            response = bucket.client().listObjectsV2(b -> b.bucket(bucket.name()).prefix(prefix)
                    .startAfter(startAfter).maxKeys(maxKeys));
        } catch (SdkException e) {
            String detail = e instanceof NoSuchBucketException ? "bucket " + bucket.name() + " does not exist"
                    : e.getMessage();
            throw new StorageException("cannot list " + bucket.uri(prefix) + "*: " + detail, e);
        }
        List<Listed> manifests = new ArrayList<>();
        String lastKey = startAfter;
        for (S3Object object : response.contents()) {
            long sequence = sequenceOf.applyAsLong(object.key());
            if (sequence >= 0) {
                manifests.add(new Listed(sequence, object.key(), object.lastModified()));
            }
            lastKey = object.key();
        }
        return new Page(manifests, lastKey, Boolean.TRUE.equals(response.isTruncated()));
    }

    private static OptionalLong max(OptionalLong a, OptionalLong b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.isPresent() && b.getAsLong() > a.getAsLong() ? b : a;
    }
}
