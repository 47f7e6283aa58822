package com.terrifictotes.etl.testbed.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.terrifictotes.etl.error.StorageException;
import com.terrifictotes.etl.manifest.Checksum;
import com.terrifictotes.etl.s3.StoredObject;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import com.terrifictotes.etl.s3.WriteOnceUpload;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** common's write-once storage against a real S3 protocol implementation (S3Proxy), through the real SDK client. */
class WriteOnceStorageTest {
    private static final int PART = WriteOnceUpload.MIN_PART_SIZE;
    private static final String CSV = "text/csv";

    private final S3Client s3 = TestBed.shared().s3();
    private String bucketName;
    private WriteOnceBucket bucket;

    @BeforeEach
    void newBucket() {
        bucketName = TestBed.shared().createBucket("write-once");
        bucket = new WriteOnceBucket(s3, bucketName);
    }

    @Test
    void putIfAbsentCreatesTheObjectWithItsDigestAndContentType() {
        byte[] content = "id,name\n1,\"O'Hara, Zoë\"\n".getBytes(StandardCharsets.UTF_8);

        StoredObject stored = bucket.putIfAbsent("data/a.csv", content, CSV);

        assertThat(stored).isEqualTo(new StoredObject("data/a.csv", content.length, crc32c(content), true));
        assertThat(bucket.readAllBytes("data/a.csv")).isEqualTo(content);
        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucketName).key("data/a.csv"));
        assertThat(head.contentType()).isEqualTo(CSV);
        assertThat(bucket.stored("data/a.csv").crc32c()).contains(crc32c(content));
        assertThat(bucket.exists("data/a.csv")).isTrue();
        assertThat(bucket.listKeys("data/")).containsExactly("data/a.csv");
    }

    @Test
    void writingTheSameContentAgainIsARetryThatCreatesNothing() {
        byte[] content = bytes(1000, 1);
        bucket.putIfAbsent("m.json", content, "application/json");

        StoredObject again = bucket.putIfAbsent("m.json", content, "application/json");

        assertThat(again.created()).isFalse();
        assertThat(again.checksum()).isEqualTo(crc32c(content));
        assertThat(bucket.readAllBytes("m.json")).isEqualTo(content);
    }

    @Test
    void anIdenticalRetryOfAMultiMegabyteSinglePutIsRecognisedToo() {
        byte[] content = bytes(PART - 1, 3);
        bucket.putIfAbsent("tables/big.parquet", content, CSV);

        StoredObject again = bucket.putIfAbsent("tables/big.parquet", content, CSV);

        assertThat(again.created()).isFalse();
        assertThat(again.checksum()).isEqualTo(crc32c(content));
    }

    @Test
    void aDifferentMultiMegabyteSinglePutOnATakenKeyIsAConflictNamingTheKey() {
        bucket.putIfAbsent("tables/big.parquet", bytes(PART - 1, 3), CSV);

        assertThatThrownBy(() -> bucket.putIfAbsent("tables/big.parquet", bytes(PART - 1, 4), CSV))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("s3://" + bucketName + "/tables/big.parquet")
                .hasMessageContaining("different content");
    }

    @Test
    void writingDifferentContentToATakenKeyFailsNamingTheObjectAndKeepsTheOriginal() {
        byte[] original = bytes(1000, 1);
        bucket.putIfAbsent("m.json", original, "application/json");

        assertThatThrownBy(() -> bucket.putIfAbsent("m.json", bytes(1000, 2), "application/json"))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("s3://" + bucketName + "/m.json")
                .hasMessageContaining("already exists with different content");
        assertThat(bucket.readAllBytes("m.json")).isEqualTo(original);
    }

    @Test
    void aStreamingUploadOfMoreThanTwoPartsRoundTripsWithTheRightDigestAndSize() {
        byte[] content = bytes(2 * PART + 123_457, 3);

        StoredObject stored = upload("big/part-0.csv", content);

        assertThat(stored).isEqualTo(new StoredObject("big/part-0.csv", content.length, crc32c(content), true));
        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucketName).key("big/part-0.csv"));
        assertThat(head.contentLength()).isEqualTo(content.length);
        assertThat(head.eTag()).as("assembled from 3 parts").endsWith("-3\"");
        assertThat(head.contentType()).isEqualTo(CSV);
        assertThat(bucket.readAllBytes("big/part-0.csv")).isEqualTo(content);
    }

    @Test
    void aSmallStreamingUploadIsOneConditionalPut() {
        byte[] content = bytes(10_000, 4);

        StoredObject stored = upload("small.csv", content);

        assertThat(stored.created()).isTrue();
        assertThat(s3.headObject(b -> b.bucket(bucketName).key("small.csv")).eTag()).doesNotContain("-");
        assertThat(bucket.readAllBytes("small.csv")).isEqualTo(content);
    }

    @Test
    void aMultipartUploadToAnExistingKeyWithIdenticalContentProceedsWithoutCreating() {
        byte[] content = bytes(2 * PART + 10, 5);
        upload("k.csv", content);

        StoredObject again = upload("k.csv", content);

        assertThat(again).isEqualTo(new StoredObject("k.csv", content.length, crc32c(content), false));
        assertThat(pendingUploads()).isEmpty();
    }

    @Test
    void aMultipartUploadToAnExistingKeyWithDifferentContentFailsAndLeavesTheOriginal() {
        byte[] original = bytes(2 * PART + 10, 6);
        upload("k.csv", original);

        assertThatThrownBy(() -> upload("k.csv", bytes(2 * PART + 10, 7)))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("s3://" + bucketName + "/k.csv");
        assertThat(crc32c(bucket.readAllBytes("k.csv"))).isEqualTo(crc32c(original));
        assertThat(pendingUploads()).as("the losing upload is aborted").isEmpty();
    }

    @Test
    void aSinglePartUploadOverAnExistingKeyBehavesLikePutIfAbsent() {
        byte[] original = bytes(100, 8);
        bucket.putIfAbsent("s.csv", original, CSV);

        assertThat(upload("s.csv", original).created()).isFalse();
        assertThatThrownBy(() -> upload("s.csv", bytes(100, 9)))
                .isInstanceOf(StorageException.class).hasMessageContaining("s3://" + bucketName + "/s.csv");
    }

    @Test
    void anAbortedUploadLeavesNoObjectAndNoPendingParts() {
        WriteOnceUpload upload = bucket.openUpload("aborted.csv", CSV, PART);
        byte[] content = bytes(PART + 1000, 10);
        upload.write(content, 0, content.length);
        assertThat(pendingUploads()).as("a multipart upload was started").hasSize(1);

        upload.abort();
        upload.close();

        assertThat(bucket.exists("aborted.csv")).isFalse();
        assertThat(pendingUploads()).isEmpty();
        assertThatThrownBy(upload::result).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void readingAMissingKeyFailsNamingIt() {
        assertThatThrownBy(() -> bucket.readAllBytes("nope/missing.csv"))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("s3://" + bucketName + "/nope/missing.csv")
                .hasMessageContaining("does not exist");
        assertThat(bucket.exists("nope/missing.csv")).isFalse();
    }

    @Test
    void readingFromAMissingBucketFailsNamingTheBucket() {
        WriteOnceBucket missing = new WriteOnceBucket(s3, "no-such-bucket-here");

        assertThatThrownBy(() -> missing.readAllBytes("a.csv"))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("s3://no-such-bucket-here/a.csv")
                .hasMessageContaining("no-such-bucket-here does not exist");
        assertThatThrownBy(() -> missing.putIfAbsent("a.csv", new byte[] {1}, CSV))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("s3://no-such-bucket-here/a.csv");
    }

    /**
     * The property WriteOnceUpload relies on: this S3 server honours If-None-Match: * on CompleteMultipartUpload
     * (HTTP 412, object untouched), as S3 does. If it ever stops, this test says so before the upload tests do.
     */
    @Test
    void theServerRefusesAConditionalMultipartCompleteOnATakenKey() {
        s3.putObject(b -> b.bucket(bucketName).key("taken"), RequestBody.fromString("first"));
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucketName).key("taken")).uploadId();
        String etag = s3.uploadPart(b -> b.bucket(bucketName).key("taken").uploadId(uploadId).partNumber(1),
                RequestBody.fromBytes(bytes(PART, 11))).eTag();
        List<CompletedPart> parts = List.of(CompletedPart.builder().partNumber(1).eTag(etag).build());

        assertThatThrownBy(() -> s3.completeMultipartUpload(b -> b.bucket(bucketName).key("taken")
                .uploadId(uploadId).ifNoneMatch("*").multipartUpload(m -> m.parts(parts))))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));
        assertThat(bucket.readAllBytes("taken")).asString(StandardCharsets.UTF_8).isEqualTo("first");
        s3.abortMultipartUpload(b -> b.bucket(bucketName).key("taken").uploadId(uploadId));
    }

    /** Writes in uneven chunks and single bytes, so part boundaries fall inside writes. */
    private StoredObject upload(String key, byte[] content) {
        WriteOnceUpload upload = bucket.openUpload(key, CSV, PART);
        try (upload) {
            int offset = 0;
            int chunk = 1;
            while (offset < content.length) {
                int n = Math.min(chunk, content.length - offset);
                if (n == 1) {
                    upload.write(content[offset]);
                } else {
                    upload.write(content, offset, n);
                }
                offset += n;
                chunk = chunk * 7 % 1_000_003 + 1;
            }
        }
        return upload.result();
    }

    private List<String> pendingUploads() {
        List<String> keys = new ArrayList<>();
        s3.listMultipartUploads(b -> b.bucket(bucketName)).uploads().forEach(u -> keys.add(u.key()));
        return keys;
    }

    private static byte[] bytes(int size, long seed) {
        byte[] content = new byte[size];
        new Random(seed).nextBytes(content);
        return content;
    }

    private static Checksum crc32c(byte[] content) {
        return Checksum.of(Checksum.Algorithm.CRC32C, content);
    }
}
