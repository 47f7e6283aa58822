package com.terrifictotes.etl.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.terrifictotes.etl.error.StorageException;
import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import com.terrifictotes.etl.testbed.servers.TestBed;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;

/** The one manifest search every stage uses, against a real S3 server (S3Proxy behind the AWS SDK). */
class ManifestSearchOnS3Test {
    private static final TestBed BED = TestBed.shared();

    private static WriteOnceBucket bucketWith(S3Client s3, LongFunction<String> keyOf, LongStream sequences,
                                              String... otherKeys) {
        WriteOnceBucket bucket = new WriteOnceBucket(s3, BED.createBucket("manifests"));
        sequences.parallel().forEach(sequence -> put(bucket, keyOf.apply(sequence)));
        for (String key : otherKeys) {
            put(bucket, key);
        }
        return bucket;
    }

    private static void put(WriteOnceBucket bucket, String key) {
        bucket.client().putObject(b -> b.bucket(bucket.name()).key(key),
                RequestBody.fromString("{}", StandardCharsets.UTF_8));
    }

    @Test
    void findsTheLatestProcessedManifestOfALongHistoryWithoutListingItAll() {
        CountingLists counting = new CountingLists(BED.s3());
        WriteOnceBucket bucket = bucketWith(BED.s3(), BucketLayout::processedManifestKey, LongStream.rangeClosed(1,
                2_345), BucketLayout.ingestionManifestKey(9_999), "manifests/processed-7.json");

        assertThat(ManifestSearch.processed(new WriteOnceBucket(counting, bucket.name())).latest()).hasValue(2_345);
        assertThat(counting.keysListed.get()).as("keys listed").isLessThanOrEqualTo(1_000 + 1);
        assertThat(ManifestSearch.ingestion(bucket).latest()).hasValue(9_999);
    }

    @Test
    void listsEveryManifestAfterASequenceOldestFirstWithWhenItWasWritten() {
        WriteOnceBucket bucket = bucketWith(BED.s3(), BucketLayout::ingestionManifestKey, LongStream.of(1, 2, 3, 5, 8),
                "manifests/ingestion-4.json", BucketLayout.processedManifestKey(6));
        ManifestSearch search = ManifestSearch.ingestion(bucket);

        List<ManifestSearch.Listed> after = search.after(2);

        assertThat(after).extracting(ManifestSearch.Listed::sequence).containsExactly(3L, 5L, 8L);
        assertThat(after).extracting(ManifestSearch.Listed::key)
                .containsExactly(BucketLayout.ingestionManifestKey(3), BucketLayout.ingestionManifestKey(5),
                        BucketLayout.ingestionManifestKey(8));
        assertThat(after).allSatisfy(m -> assertThat(m.lastModified()).isNotNull());
        assertThat(search.after(0)).extracting(ManifestSearch.Listed::sequence).containsExactly(1L, 2L, 3L, 5L, 8L);
        assertThat(search.after(8)).isEmpty();
    }

    @Test
    void listsPastAPageOfManifests() {
        WriteOnceBucket bucket = bucketWith(BED.s3(), BucketLayout::processedManifestKey,
                LongStream.rangeClosed(1, 1_203));

        assertThat(ManifestSearch.processed(bucket).after(100)).hasSize(1_103)
                .extracting(ManifestSearch.Listed::sequence).startsWith(101L).endsWith(1_203L).isSorted();
    }

    @Test
    void findsTheFirstManifestAfterASequenceAndWhetherAnyIsBeforeOne() {
        WriteOnceBucket bucket = bucketWith(BED.s3(), BucketLayout::processedManifestKey, LongStream.of(4, 5, 9));
        ManifestSearch search = ManifestSearch.processed(bucket);

        assertThat(search.firstAfter(0)).map(ManifestSearch.Listed::sequence).hasValue(4L);
        assertThat(search.firstAfter(5)).map(ManifestSearch.Listed::sequence).hasValue(9L);
        assertThat(search.firstAfter(9)).isEmpty();
        assertThat(search.anyBefore(4)).isFalse();
        assertThat(search.anyBefore(5)).isTrue();
    }

    @Test
    void anEmptyBucketHasNoManifestsAndAMissingOneIsNamedInTheError() {
        WriteOnceBucket empty = new WriteOnceBucket(BED.s3(), BED.createBucket("empty"));
        assertThat(ManifestSearch.ingestion(empty).latest()).isEmpty();
        assertThat(ManifestSearch.processed(empty).after(0)).isEmpty();
        assertThat(ManifestSearch.processed(empty).anyBefore(10)).isFalse();

        WriteOnceBucket missing = new WriteOnceBucket(BED.s3(), "no-such-bucket-for-the-search");
        assertThatThrownBy(() -> ManifestSearch.processed(missing).latest()).isInstanceOf(StorageException.class)
                .hasMessageContaining("s3://no-such-bucket-for-the-search/manifests/processed-")
                .hasMessageContaining("does not exist");
    }

    /** Counts the keys listings return: the search's cost. */
    private static final class CountingLists implements S3Client {
        private final S3Client delegate;
        private final AtomicInteger keysListed = new AtomicInteger();

        CountingLists(S3Client delegate) {
            this.delegate = delegate;
        }

        @Override
        public ListObjectsV2Response listObjectsV2(ListObjectsV2Request request) {
            ListObjectsV2Response response = delegate.listObjectsV2(request);
            keysListed.addAndGet(response.contents().size());
            return response;
        }

        @Override
        public software.amazon.awssdk.services.s3.model.HeadObjectResponse headObject(
                software.amazon.awssdk.services.s3.model.HeadObjectRequest request) {
            return delegate.headObject(request);
        }

        @Override
        public String serviceName() {
            return delegate.serviceName();
        }

        @Override
        public void close() {
        }
    }
}
