package com.terrifictotes.etl.testbed.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.terrifictotes.etl.error.StorageException;
import com.terrifictotes.etl.manifest.Checksum;
import com.terrifictotes.etl.s3.StoredObject;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import com.terrifictotes.etl.s3.WriteOnceUpload;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * common's staged uploads (every byte uploaded now, the object published later or never) against S3Proxy: what a
 * batch needs to publish many objects all or none.
 */
class StagedUploadTest {
    private static final int PART = WriteOnceUpload.MIN_PART_SIZE;
    private static final String PARQUET = "application/vnd.apache.parquet";

    private final S3Client s3 = TestBed.shared().s3();
    private String bucketName;
    private WriteOnceBucket bucket;

    @BeforeEach
    void newBucket() {
        bucketName = TestBed.shared().createBucket("staged");
        bucket = new WriteOnceBucket(s3, bucketName);
    }

    @Test
    void aStagedSmallObjectIsInvisibleUntilCompletedAndThenHoldsExactlyItsBytes() {
        byte[] content = bytes(1000, 1);
        WriteOnceUpload upload = write("small.parquet", content);

        StoredObject staged = upload.stage();

        assertThat(bucket.exists("small.parquet")).isFalse();
        assertThat(pendingUploads()).containsExactly("small.parquet");
        assertThat(staged).isEqualTo(new StoredObject("small.parquet", 1000, crc32c(content), true));

        assertThat(upload.complete()).isEqualTo(staged);
        assertThat(bucket.readAllBytes("small.parquet")).isEqualTo(content);
        assertThat(pendingUploads()).isEmpty();
        assertThat(upload.result()).isEqualTo(staged);
    }

    @Test
    void aStagedObjectOfSeveralPartsRoundTripsWithTheRightDigestAndSize() {
        byte[] content = bytes(2 * PART + 123, 2);
        WriteOnceUpload upload = write("large.parquet", content);

        upload.stage();
        assertThat(bucket.exists("large.parquet")).isFalse();
        StoredObject stored = upload.complete();

        assertThat(stored).isEqualTo(new StoredObject("large.parquet", content.length, crc32c(content), true));
        assertThat(bucket.readAllBytes("large.parquet")).isEqualTo(content);
    }

    @Test
    void anAbortedStagedUploadLeavesNoObjectAndNoPendingParts() {
        WriteOnceUpload upload = write("aborted.parquet", bytes(PART + 10, 3));
        upload.stage();

        upload.abort();

        assertThat(bucket.exists("aborted.parquet")).isFalse();
        assertThat(pendingUploads()).isEmpty();
        assertThatThrownBy(upload::complete).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void completingOverIdenticalContentIsARetryAndOverDifferentContentAConflict() {
        byte[] content = bytes(500, 4);
        bucket.putIfAbsent("taken.parquet", content, PARQUET);

        WriteOnceUpload retry = write("taken.parquet", content);
        retry.stage();
        assertThat(retry.complete().created()).as("created").isFalse();

        WriteOnceUpload conflict = write("taken.parquet", bytes(500, 5));
        conflict.stage();
        assertThatThrownBy(conflict::complete).isInstanceOf(StorageException.class)
                .hasMessageContaining("s3://" + bucketName + "/taken.parquet")
                .hasMessageContaining("different content");
        assertThat(bucket.readAllBytes("taken.parquet")).isEqualTo(content);
        assertThat(pendingUploads()).isEmpty();
    }

    @Test
    void aStagedUploadTakesNoMoreBytes() {
        WriteOnceUpload upload = write("closed.parquet", bytes(10, 6));
        upload.stage();

        assertThatThrownBy(() -> upload.write(1)).isInstanceOf(IllegalStateException.class);
        upload.abort();
    }

    private WriteOnceUpload write(String key, byte[] content) {
        WriteOnceUpload upload = bucket.openUpload(key, PARQUET, PART);
        upload.write(content, 0, content.length);
        return upload;
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
