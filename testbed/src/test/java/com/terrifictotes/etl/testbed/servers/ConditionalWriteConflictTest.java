package com.terrifictotes.etl.testbed.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.terrifictotes.etl.error.StorageException;
import com.terrifictotes.etl.manifest.Checksum;
import com.terrifictotes.etl.s3.StoredObject;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import com.terrifictotes.etl.s3.WriteOnceUpload;
import com.terrifictotes.etl.testbed.faults.FaultyS3;
import com.terrifictotes.etl.testbed.faults.S3Call;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * S3 answers {@code 409 ConditionalRequestConflict} when two conditional writes to one key race, for instance two
 * transformers working on the same batch. The write-once storage treats it as another writer at the same key: it
 * re-checks the object as after a 412, and writes again while nothing has appeared. Faults come from {@link FaultyS3},
 * which answers the call with S3's error after running what the other writer did meanwhile.
 */
class ConditionalWriteConflictTest {
    private static final int CONFLICT = 409;
    private static final String CODE = "ConditionalRequestConflict";
    private static final String JSON = "application/json";

    private final TestBed bed = TestBed.shared();
    private String bucketName;
    private WriteOnceBucket direct;
    private FaultyS3 faults;
    private WriteOnceBucket bucket;

    @BeforeEach
    void buckets() {
        bucketName = bed.createBucket("conflicts");
        direct = new WriteOnceBucket(bed.s3(), bucketName);
        faults = FaultyS3.on(bed);
        bucket = new WriteOnceBucket(faults.client(), bucketName);
    }

    @Test
    void aManifestPutThatRacedAnIdenticalWriteGoesOnAsWritten() {
        byte[] manifest = "{\"sequence\": 7}".getBytes(StandardCharsets.UTF_8);
        faults.answerBefore(1, put("manifests/"), CONFLICT, CODE,
                () -> direct.putIfAbsent("manifests/processed-7.json", manifest, JSON));

        StoredObject stored = bucket.putIfAbsent("manifests/processed-7.json", manifest, JSON);

        assertThat(faults.allFired()).isTrue();
        assertThat(stored).isEqualTo(new StoredObject("manifests/processed-7.json", manifest.length,
                crc32c(manifest), false));
    }

    @Test
    void aManifestPutThatRacedADifferentWriteFailsNamingTheKey() {
        faults.answerBefore(1, put("manifests/"), CONFLICT, CODE, () -> direct.putIfAbsent(
                "manifests/processed-8.json", "{\"theirs\": 1}".getBytes(StandardCharsets.UTF_8), JSON));

        assertThatThrownBy(() -> bucket.putIfAbsent("manifests/processed-8.json",
                "{\"ours\": 2}".getBytes(StandardCharsets.UTF_8), JSON))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("s3://" + bucketName + "/manifests/processed-8.json")
                .hasMessageContaining("already exists with different content");
    }

    @Test
    void aSinglePartPutWhoseRivalDidNotWriteIsTriedAgainAndCreatesTheObject() {
        byte[] content = "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8);
        faults.answerBefore(1, put("data/"), CONFLICT, CODE, () -> { })
                .answerBefore(1, put("data/"), CONFLICT, CODE, () -> { }); // each rule counts the calls it sees

        StoredObject stored = bucket.putIfAbsent("data/part-0.csv", content, "text/csv");

        assertThat(faults.allFired()).isTrue();
        assertThat(stored.created()).isTrue();
        assertThat(direct.readAllBytes("data/part-0.csv")).isEqualTo(content);
    }

    @Test
    void aMultipartCompletionThatRacedAnIdenticalUploadGoesOnAsWritten() {
        byte[] content = random(WriteOnceUpload.MIN_PART_SIZE + 1000, 3);
        faults.answerBefore(1, complete("tables/"), CONFLICT, CODE,
                () -> upload(direct, "tables/t/part-0.parquet", content).complete());

        WriteOnceUpload ours = upload(bucket, "tables/t/part-0.parquet", content);
        StoredObject stored = ours.complete();

        assertThat(faults.allFired()).isTrue();
        assertThat(stored).isEqualTo(new StoredObject("tables/t/part-0.parquet", content.length,
                crc32c(content), false));
        assertThat(direct.readAllBytes("tables/t/part-0.parquet")).isEqualTo(content);
    }

    @Test
    void aMultipartCompletionWhoseRivalDidNotPublishCompletesItsOwnPartsOnTheNextTry() {
        byte[] content = random(WriteOnceUpload.MIN_PART_SIZE + 5, 4);
        faults.answerBefore(1, complete("tables/"), CONFLICT, CODE, () -> { });

        StoredObject stored = upload(bucket, "tables/t/part-1.parquet", content).complete();

        assertThat(faults.allFired()).isTrue();
        assertThat(stored.created()).isTrue();
        assertThat(direct.readAllBytes("tables/t/part-1.parquet")).isEqualTo(content);
    }

    @Test
    void aMultipartCompletionThatRacedDifferentContentFailsNamingTheKey() {
        faults.answerBefore(1, complete("tables/"), CONFLICT, CODE,
                () -> upload(direct, "tables/t/part-2.parquet", random(WriteOnceUpload.MIN_PART_SIZE, 5)).complete());

        WriteOnceUpload ours = upload(bucket, "tables/t/part-2.parquet", random(WriteOnceUpload.MIN_PART_SIZE, 6));

        assertThatThrownBy(ours::complete).isInstanceOf(StorageException.class)
                .hasMessageContaining("s3://" + bucketName + "/tables/t/part-2.parquet")
                .hasMessageContaining("already exists with different content");
    }

    @Test
    void aConflictThatNeverResolvesFailsNamingTheKeyAndTheAnswerWithoutLeavingAnything() {
        for (int attempt = 1; attempt <= 5; attempt++) {
            faults.answerBefore(1, complete("tables/"), CONFLICT, CODE, () -> { }); // each rule takes the next call
        }

        WriteOnceUpload ours = upload(bucket, "tables/t/part-3.parquet", random(WriteOnceUpload.MIN_PART_SIZE, 7));

        assertThatThrownBy(ours::complete).isInstanceOf(StorageException.class)
                .hasMessageContaining("s3://" + bucketName + "/tables/t/part-3.parquet")
                .hasMessageContaining("409 ConditionalRequestConflict 5 times")
                .hasCauseInstanceOf(S3Exception.class);
        assertThat(faults.allFired()).isTrue();
        assertThat(direct.exists("tables/t/part-3.parquet")).isFalse();
        assertThat(bed.s3().listMultipartUploads(b -> b.bucket(bucketName)).uploads()).isEmpty();
    }

    private static WriteOnceUpload upload(WriteOnceBucket bucket, String key, byte[] content) {
        WriteOnceUpload upload = bucket.openUpload(key, "application/vnd.apache.parquet");
        upload.write(content, 0, content.length);
        upload.stage();
        return upload;
    }

    private Predicate<S3Call> put(String prefix) {
        return call -> call.operation().equals("PutObject") && call.bucket().equals(bucketName)
                && call.key().startsWith(prefix);
    }

    private Predicate<S3Call> complete(String prefix) {
        return call -> call.operation().equals("CompleteMultipartUpload") && call.bucket().equals(bucketName)
                && call.key().startsWith(prefix);
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static Checksum crc32c(byte[] content) {
        return Checksum.of(Checksum.Algorithm.CRC32C, content);
    }
}
