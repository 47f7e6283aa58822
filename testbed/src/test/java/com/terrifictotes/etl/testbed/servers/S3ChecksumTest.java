package com.terrifictotes.etl.testbed.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.terrifictotes.etl.error.StorageException;
import com.terrifictotes.etl.manifest.Checksum;
import com.terrifictotes.etl.s3.StoredObject;
import com.terrifictotes.etl.s3.StoredState;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import com.terrifictotes.etl.s3.WriteOnceUpload;
import com.terrifictotes.etl.testbed.faults.CorruptingHttpClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The integrity S3 itself gives the lake's writes: CRC32C validated on upload, stored, reported by HEAD and GET. */
class S3ChecksumTest {
    private static final int PART = WriteOnceUpload.MIN_PART_SIZE;

    private final S3Client s3 = TestBed.shared().s3();
    private String bucketName;

    @BeforeEach
    void newBucket() {
        bucketName = TestBed.shared().createBucket("checksums");
    }

    @Test
    void aMultipartUploadIsStoredWithTheWholeObjectsCrc32cAsAFullObjectChecksum() throws IOException {
        byte[] content = bytes(2 * PART + 123_457, 5);
        WriteOnceBucket bucket = new WriteOnceBucket(s3, bucketName);

        StoredObject stored;
        try (WriteOnceUpload upload = bucket.openUpload("tables/t/part-0.parquet", "application/octet-stream")) {
            upload.write(content, 0, content.length);
            upload.close();
            stored = upload.result();
        }

        Checksum expected = Checksum.of(Checksum.Algorithm.CRC32C, content);
        assertThat(stored.checksum()).isEqualTo(expected);
        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucketName).key("tables/t/part-0.parquet")
                .checksumMode(ChecksumMode.ENABLED));
        assertThat(head.checksumCRC32C()).isEqualTo(expected.value());
        assertThat(head.checksumType()).isEqualTo(ChecksumType.FULL_OBJECT);
        assertThat(bucket.stored("tables/t/part-0.parquet"))
                .isEqualTo(new StoredState(content.length, Optional.of(expected)));
        try (InputStream in = bucket.openChecked("tables/t/part-0.parquet")) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
    }

    @Test
    void uploadsGoWithTheirCrc32cInAHeaderAndNoSha256OfThePayload() {
        List<String> contentSha256 = new CopyOnWriteArrayList<>();
        List<String> crc32c = new CopyOnWriteArrayList<>();
        S3Client watched = TestBed.shared().s3ClientBuilder()
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                        context.httpRequest().firstMatchingHeader("x-amz-content-sha256").ifPresent(contentSha256::add);
                        context.httpRequest().firstMatchingHeader("x-amz-checksum-crc32c").ifPresent(crc32c::add);
                    }
                })).build();
        byte[] manifest = "{\"formatVersion\": 3}".getBytes(StandardCharsets.UTF_8);

        new WriteOnceBucket(watched, bucketName).putIfAbsent("manifests/m.json", manifest, "application/json");

        assertThat(contentSha256).containsExactly("UNSIGNED-PAYLOAD");
        assertThat(crc32c).containsExactly(Checksum.of(Checksum.Algorithm.CRC32C, manifest).value());
    }

    @Test
    void aPutWhoseBytesAreCorruptedOnTheWayIsRefusedByItsCrcNamingTheObjectAndStoresNothing() {
        WriteOnceBucket bucket = new WriteOnceBucket(corruptingClient(PutObjectRequest.class), bucketName);

        assertThatThrownBy(() -> bucket.putIfAbsent("data/a.csv", bytes(1000, 1), "text/csv"))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("s3://" + bucketName + "/data/a.csv")
                .hasMessageContaining("do not match the CRC32C");
        assertThat(bucket.exists("data/a.csv")).isFalse();
    }

    @Test
    void aPutAndAPartWhoseCrc32cIsWrongAreRefused() {
        byte[] content = bytes(PART, 3);
        String wrong = Checksum.of(Checksum.Algorithm.CRC32C, bytes(10, 4)).value();

        assertThatThrownBy(() -> s3.putObject(b -> b.bucket(bucketName).key("p").checksumCRC32C(wrong),
                RequestBody.fromBytes(content))).isInstanceOf(S3Exception.class)
                .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(400));
        String upload = s3.createMultipartUpload(b -> b.bucket(bucketName).key("m")
                .checksumAlgorithm(ChecksumAlgorithm.CRC32_C).checksumType(ChecksumType.FULL_OBJECT)).uploadId();
        assertThatThrownBy(() -> s3.uploadPart(b -> b.bucket(bucketName).key("m").uploadId(upload).partNumber(1)
                .checksumCRC32C(wrong), RequestBody.fromBytes(content))).isInstanceOf(S3Exception.class)
                .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(400));
        s3.abortMultipartUpload(b -> b.bucket(bucketName).key("m").uploadId(upload));
    }

    @Test
    void aFullReadWithChecksumModeFailsWhenTheBytesS3SentChangeOnTheWay() {
        byte[] content = bytes(100_000, 7);
        new WriteOnceBucket(s3, bucketName).putIfAbsent("data/batch=1/a.csv", content, "text/csv");
        CorruptingHttpClient flipping = new CorruptingHttpClient("data/batch=1/a.csv", 50_000);
        WriteOnceBucket bucket = new WriteOnceBucket(TestBed.shared().s3ClientBuilder()
                .httpClientBuilder(flipping.asBuilder()).build(), bucketName);

        assertThatThrownBy(() -> {
            try (InputStream in = bucket.openChecked("data/batch=1/a.csv")) {
                in.transferTo(OutputStream.nullOutputStream());
            }
        }).isInstanceOf(SdkClientException.class).hasMessageContaining("checksum");
        assertThat(flipping.corrupted()).isEqualTo(1);
    }

    @Test
    void aWholeReadOfAManifestWhoseBytesChangeOnTheWayIsAStorageFaultNamingItAndARetryReadsItWhole() {
        byte[] manifest = "{\"formatVersion\": 3, \"sequence\": 12}".getBytes(StandardCharsets.UTF_8);
        CorruptingHttpClient flipping = new CorruptingHttpClient("manifests/m.json", 20);
        WriteOnceBucket bucket = storedAndReadThrough(flipping, "manifests/m.json", manifest);

        assertThatThrownBy(() -> bucket.readAllBytes("manifests/m.json"))
                .isInstanceOf(StorageException.class)
                .hasMessageStartingWith("cannot read s3://" + bucketName + "/manifests/m.json: the bytes received do "
                        + "not match the checksum S3 stores for it (changed on the way); a retry reads it again.");
        assertThat(flipping.corrupted()).isEqualTo(1);
        assertThat(new WriteOnceBucket(s3, bucketName).readAllBytes("manifests/m.json")).isEqualTo(manifest);
    }

    @Test
    void readIfExistsAnswersEmptyForAMissingObjectWhereReadAllBytesFailsNamingItAndChecksAPresentOneAlike() {
        byte[] decision = "{\"stage\": \"load\"}".getBytes(StandardCharsets.UTF_8);
        CorruptingHttpClient flipping = new CorruptingHttpClient("decisions/d.json", 5);
        WriteOnceBucket bucket = storedAndReadThrough(flipping, "decisions/d.json", decision);

        assertThat(bucket.readIfExists("decisions/none.json")).isEmpty();
        assertThatThrownBy(() -> bucket.readAllBytes("decisions/none.json"))
                .isInstanceOf(StorageException.class)
                .hasMessage("s3://" + bucketName + "/decisions/none.json does not exist");
        assertThatThrownBy(() -> bucket.readIfExists("decisions/d.json"))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("s3://" + bucketName + "/decisions/d.json: the bytes received do not match");
        assertThat(flipping.corrupted()).isEqualTo(1);
        assertThat(new WriteOnceBucket(s3, bucketName).readIfExists("decisions/d.json").orElseThrow())
                .isEqualTo(decision);
    }

    /** Stores {@code content} at {@code key}, and returns the bucket as seen through a client that flips a byte. */
    private WriteOnceBucket storedAndReadThrough(CorruptingHttpClient flipping, String key, byte[] content) {
        new WriteOnceBucket(s3, bucketName).putIfAbsent(key, content, "application/json");
        return new WriteOnceBucket(TestBed.shared().s3ClientBuilder().httpClientBuilder(flipping.asBuilder()).build(),
                bucketName);
    }

    /** A client whose requests of one kind have a byte of their body flipped after the checksum was computed. */
    private S3Client corruptingClient(Class<?> requestType) {
        return TestBed.shared().s3ClientBuilder()
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public Optional<RequestBody> modifyHttpContent(Context.ModifyHttpRequest context,
                                                                   ExecutionAttributes attributes) {
                        if (!requestType.isInstance(context.request()) || context.requestBody().isEmpty()) {
                            return context.requestBody();
                        }
                        try (InputStream in = context.requestBody().get().contentStreamProvider().newStream()) {
                            byte[] body = in.readAllBytes();
                            body[body.length / 2] ^= 0x20;
                            return Optional.of(RequestBody.fromBytes(body));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                })).build();
    }

    private static byte[] bytes(int size, long seed) {
        byte[] content = new byte[size];
        new Random(seed).nextBytes(content);
        return content;
    }
}
