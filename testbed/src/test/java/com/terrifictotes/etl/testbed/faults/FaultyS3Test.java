package com.terrifictotes.etl.testbed.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.terrifictotes.etl.error.StorageException;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import com.terrifictotes.etl.testbed.servers.TestBed;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

class FaultyS3Test {
    private final TestBed bed = TestBed.shared();
    private final String bucket = bed.createBucket("faulty-s3");
    private final WriteOnceBucket healthy = new WriteOnceBucket(bed.s3(), bucket);

    @Test
    void theNthMatchingCallFailsBeforeReachingS3AndOtherCallsGoThrough() {
        FaultyS3 faulty = FaultyS3.on(bed).failBefore(2, S3Call.creates(bucket, "data/"), Failure.ERROR);
        WriteOnceBucket through = new WriteOnceBucket(faulty.client(), bucket);

        through.putIfAbsent("data/1.csv", bytes("one"), "text/csv");
        through.putIfAbsent("manifests/1.json", bytes("{}"), "application/json");
        assertThat(faulty.allFired()).isFalse();
        assertThatThrownBy(() -> through.putIfAbsent("data/2.csv", bytes("two"), "text/csv"))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("s3://" + bucket + "/data/2.csv")
                .hasMessageContaining("injected fault: PutObject s3://" + bucket
                        + "/data/2.csv failed before reaching S3");
        through.putIfAbsent("data/3.csv", bytes("three"), "text/csv");

        assertThat(faulty.allFired()).isTrue();
        assertThat(healthy.listKeys("")).containsExactly("data/1.csv", "data/3.csv", "manifests/1.json");
        assertThat(faulty.calls()).extracting(S3Call::key)
                .containsExactly("data/1.csv", "manifests/1.json", "data/2.csv", "data/3.csv");
    }

    @Test
    void aCallFailingAfterS3CarriedItOutLeavesTheObjectWrittenThoughTheWriterSawAnError() {
        FaultyS3 faulty = FaultyS3.on(bed).failAfter(1, S3Call.creates(bucket, "manifests/"), Failure.ERROR);

        assertThatThrownBy(() -> faulty.client().putObject(b -> b.bucket(bucket).key("manifests/1.json"),
                RequestBody.fromBytes(bytes("{\"n\":1}"))))
                .isInstanceOf(SdkClientException.class)
                .hasMessageContaining("failed after S3 carried it out");

        assertThat(healthy.readAllBytes("manifests/1.json")).isEqualTo(bytes("{\"n\":1}"));
    }

    @Test
    void aCrashIsAnErrorThatNoExceptionHandlerCatches() {
        FaultyS3 faulty = FaultyS3.on(bed).failAfter(1, S3Call.creates(bucket, ""), Failure.CRASH);
        WriteOnceBucket through = new WriteOnceBucket(faulty.client(), bucket);

        assertThatThrownBy(() -> through.putIfAbsent("data/1.csv", bytes("one"), "text/csv"))
                .isInstanceOf(SimulatedCrash.class).isInstanceOf(Error.class)
                .hasMessageContaining("PutObject s3://" + bucket + "/data/1.csv");
        assertThat(healthy.exists("data/1.csv")).isTrue();
    }

    @Test
    void uploadsFailOnceTheirByteBudgetIsSpent() {
        S3Client client = FaultyS3.on(bed).failUploadsPast(100, Failure.ERROR).client();
        client.putObject(b -> b.bucket(bucket).key("a"), RequestBody.fromBytes(new byte[60]));

        assertThatThrownBy(() -> client.putObject(b -> b.bucket(bucket).key("b"), RequestBody.fromBytes(new byte[60])))
                .isInstanceOf(SdkClientException.class).hasMessageContaining("after 100 bytes were uploaded");
        client.putObject(b -> b.bucket(bucket).key("c"), RequestBody.fromBytes(new byte[60]));

        assertThat(healthy.listKeys("")).containsExactly("a", "c");
    }

    @Test
    void aDownloadBreaksAfterItsBytesAsAResetConnectionDoes() throws IOException {
        byte[] content = new byte[1000];
        Arrays.fill(content, (byte) 'x');
        healthy.putIfAbsent("data/big.csv", content, "text/csv");
        FaultyS3 faulty = FaultyS3.on(bed).breakDownload(1, S3Call.reads(bucket, "data/"), 100);

        try (InputStream in = faulty.client().getObject(b -> b.bucket(bucket).key("data/big.csv"))) {
            assertThat(in.readNBytes(100)).hasSize(100);
            assertThatThrownBy(in::read).isInstanceOf(IOException.class)
                    .hasMessageContaining("connection reset while reading GetObject s3://" + bucket
                            + "/data/big.csv after 100 bytes");
        }
        assertThat(new WriteOnceBucket(faulty.client(), bucket).readAllBytes("data/big.csv")).isEqualTo(content);
        assertThat(faulty.allFired()).isTrue();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
