package com.terrifictotes.etl.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.manifest.IngestionManifest;
import com.terrifictotes.etl.manifest.ManifestJson;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import com.terrifictotes.etl.testbed.servers.TestBed;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;

/** Finding the latest manifest costs requests in the logarithm of the history, not one key per run ever made. */
class ManifestHistoryTest {
    private static final int HISTORY = 2_600;

    @Test
    void theLatestOfThousandsOfManifestsIsFoundWithoutListingThemAll() {
        ExtractionBed bed = ExtractionBed.create();
        publishHistory(bed, IntStream.rangeClosed(1, HISTORY));
        CountingS3Client counting = new CountingS3Client(bed.s3);

        IngestionManifest latest = new ManifestLog(counting, new WriteOnceBucket(counting, bed.bucket)).latest()
                .orElseThrow();

        assertThat(latest.sequence()).isEqualTo(HISTORY);
        assertThat(latest.runId()).isEqualTo("run-" + HISTORY);
        assertThat(counting.keysListed.get()).isLessThanOrEqualTo(1_000 + 1);
        assertThat(counting.requests.get()).isLessThanOrEqualTo(2 + 2 * 12);
    }

    @Test
    void aGapInTheHistoryCostsMoreRequestsButNeverAWrongAnswer() {
        ExtractionBed bed = ExtractionBed.create();
        publishHistory(bed, IntStream.concat(IntStream.rangeClosed(1, 1_500), IntStream.rangeClosed(1_800, 2_100)));

        IngestionManifest latest = new ManifestLog(bed.s3, bed.objects).latest().orElseThrow();

        assertThat(latest.sequence()).isEqualTo(2_100);
    }

    @Test
    void aYoungBucketIsAnsweredByOneListing() {
        ExtractionBed bed = ExtractionBed.create();
        publishHistory(bed, IntStream.rangeClosed(1, 7));
        CountingS3Client counting = new CountingS3Client(bed.s3);

        WriteOnceBucket empty = new WriteOnceBucket(counting, TestBed.shared().createBucket("empty"));

        assertThat(new ManifestLog(counting, new WriteOnceBucket(counting, bed.bucket)).latest())
                .map(IngestionManifest::sequence).contains(7L);
        assertThat(new ManifestLog(counting, empty).latest()).isEmpty();
        assertThat(counting.requests.get()).isEqualTo(2);
    }

    private static void publishHistory(ExtractionBed bed, IntStream sequences) {
        sequences.parallel().forEach(sequence -> {
            String key = BucketLayout.ingestionManifestKey(sequence);
            IngestionManifest manifest = new IngestionManifest(IngestionManifest.FORMAT_VERSION, sequence,
                    "run-" + sequence, Instant.EPOCH, Instant.EPOCH, "UTC", List.of());
            bed.s3.putObject(b -> b.bucket(bed.bucket).key(key), RequestBody.fromBytes(ManifestJson.write(manifest)));
        });
        bed.s3.putObject(b -> b.bucket(bed.bucket).key("manifests/processed-000000000001.json"),
                RequestBody.fromString("{}", StandardCharsets.UTF_8));
    }

    /** Counts the requests the search makes and the keys its listings return. */
    private static final class CountingS3Client extends InterceptingS3Client {
        final AtomicInteger requests = new AtomicInteger();
        final AtomicInteger keysListed = new AtomicInteger();

        CountingS3Client(S3Client delegate) {
            super(delegate, (operation, key) -> { });
        }

        @Override
        public ListObjectsV2Response listObjectsV2(ListObjectsV2Request request) {
            requests.incrementAndGet();
            ListObjectsV2Response response = super.listObjectsV2(request);
            keysListed.addAndGet(response.contents().size());
            return response;
        }

        @Override
        public HeadObjectResponse headObject(HeadObjectRequest request) {
            requests.incrementAndGet();
            return super.headObject(request);
        }
    }
}
