package com.terrifictotes.etl.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.terrifictotes.etl.error.StorageException;
import com.terrifictotes.etl.manifest.Checksum;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

class S3PrimingTest {
    /** put, put meeting itself, its HEAD, GET, checked GET, HEAD and GET of a missing key, list, 2 uploads of 3. */
    private static final int REQUESTS_OF_ONE_PRIMING = 14;

    @Test
    void primingRunsEveryBucketOperationThroughTheSdkOnAwsShapedSettingsWithoutTheNetwork() {
        assertThat(S3Priming.prime(Map.of("AWS_REGION", "eu-west-2"))).isEqualTo(REQUESTS_OF_ONE_PRIMING);
    }

    @Test
    void primingWithTheLocalRunnersEndpointOverrideNeverConnectsToIt() {
        // port 9 on the loopback: nothing listens, so any real connection would fail the priming
        assertThat(S3Priming.prime(Map.of("AWS_REGION", "us-east-1", S3Clients.ENDPOINT_VARIABLE,
                "http://127.0.0.1:9"))).isEqualTo(REQUESTS_OF_ONE_PRIMING);
    }

    @Test
    void primingNeedsNoRegionInTheEnvironment() {
        assertThat(S3Priming.prime(Map.of())).isEqualTo(REQUESTS_OF_ONE_PRIMING);
    }

    @Test
    void theInMemoryS3KeepsWriteOnceObjectsAndAnswersChecksumsTheSdkAccepts() {
        try (S3Client s3 = S3Clients.configured(S3Client.builder().httpClient(new InMemoryS3Http()),
                        Map.of("AWS_REGION", "eu-west-2"))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .build()) {
            WriteOnceBucket bucket = new WriteOnceBucket(s3, "some-bucket");
            byte[] first = "first".getBytes(StandardCharsets.UTF_8);
            byte[] big = new byte[WriteOnceUpload.MIN_PART_SIZE + 3];
            big[big.length - 1] = 7;

            assertThat(bucket.putIfAbsent("a/one.csv", first, "text/csv").created()).isTrue();
            assertThat(bucket.putIfAbsent("a/one.csv", first, "text/csv").created()).isFalse();
            assertThatThrownBy(() -> bucket.putIfAbsent("a/one.csv", "other".getBytes(StandardCharsets.UTF_8),
                    "text/csv")).isInstanceOf(StorageException.class).hasMessageContaining("different content");
            try (WriteOnceUpload upload = bucket.openUpload("a/two.bin", "application/octet-stream",
                    WriteOnceUpload.MIN_PART_SIZE)) {
                upload.write(big, 0, big.length);
            }

            assertThat(bucket.readAllBytes("a/one.csv")).isEqualTo(first);
            assertThat(bucket.readAllBytes("a/two.bin")).isEqualTo(big);
            assertThat(bucket.stored("a/two.bin").crc32c()).isPresent();
            assertThat(bucket.checksumOf("a/two.bin", Checksum.Algorithm.CRC32C))
                    .isEqualTo(bucket.stored("a/two.bin").crc32c().orElseThrow());
            assertThat(bucket.listKeys("a/")).containsExactly("a/one.csv", "a/two.bin");
            assertThat(bucket.exists("a/three.csv")).isFalse();
            assertThat(s3.getObjectAsBytes(b -> b.bucket("some-bucket").key("a/two.bin")
                    .range("bytes=" + WriteOnceUpload.MIN_PART_SIZE + "-")).asByteArray()).containsExactly(0, 0, 7);
        }
    }

    @Test
    void aStagesOwnWorkRunsOnThePrimedBucketAfterTheSharedOperations() {
        List<String> seen = new ArrayList<>();

        int requests = S3Priming.prime(Map.of("AWS_REGION", "eu-west-2"), bucket -> {
            bucket.putIfAbsent("tables/t/part.parquet", new byte[] {1, 2, 3}, "application/octet-stream");
            seen.addAll(bucket.listKeys("tables/t/"));
        });

        assertThat(seen).containsExactly("tables/t/part.parquet");
        assertThat(requests).isEqualTo(REQUESTS_OF_ONE_PRIMING + 2);
    }
}
