package com.terrifictotes.etl.s3;

import com.terrifictotes.etl.error.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * SnapStart priming of the S3 path every stage takes: each {@link WriteOnceBucket} operation once (a conditional PUT,
 * the same PUT meeting its own object, GETs plain and with checksum mode, a HEAD, a missing object, a listing, a
 * multipart upload completed and one aborted), through a client built as {@link S3Clients#fromEnvironment} builds the
 * function's, but answered in memory ({@link InMemoryS3Http}).
 *
 * <p>Why: after a restore, the first event otherwise loads and links the operations' request and response models
 * (381 classes in the extractor, 849 in the transformer), their marshallers, the signer and the XML unmarshallers
 * (counted with {@code -Xlog:class+load}, BENCHMARKS.md, issue #18's third round). No socket is opened, so none is
 * frozen dead into the snapshot, and the credentials are a fixed placeholder, so none is either; the function's own
 * client is untouched.
 */
public final class S3Priming {
    static final String BUCKET = "totes-etl-priming";
    private static final String CONTENT_TYPE = "application/octet-stream";

    private S3Priming() {
    }

    /** @return the requests the in-memory S3 answered (so a caller can see that the paths ran) */
    public static int prime(Map<String, String> environment) {
        return prime(environment, bucket -> { });
    }

    /**
     * As {@link #prime(Map)}, then {@code stageWork} on the same in-memory bucket: a stage's own reads and writes of
     * objects (Parquet through ranged GETs, manifests), which load the classes of its first event.
     */
    public static int prime(Map<String, String> environment, Consumer<WriteOnceBucket> stageWork) {
        InMemoryS3Http http = new InMemoryS3Http();
        S3ClientBuilder builder = S3Clients.configured(S3Client.builder().httpClient(http), environment)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("priming",
                        "priming")));
        if (environment.getOrDefault("AWS_REGION", "").isBlank()) {
            builder.region(Region.US_EAST_1);
        }
        try (S3Client s3 = builder.build()) {
            WriteOnceBucket bucket = new WriteOnceBucket(s3, BUCKET);
            exercise(bucket);
            stageWork.accept(bucket);
        }
        return http.requests();
    }

    private static void exercise(WriteOnceBucket bucket) {
        byte[] content = "{\"priming\":true}\n".getBytes(StandardCharsets.UTF_8);
        bucket.putIfAbsent("manifests/priming.json", content, "application/json");
        bucket.putIfAbsent("manifests/priming.json", content, "application/json"); // 412, then HEAD: the same bytes
        bucket.readAllBytes("manifests/priming.json");
        try (InputStream in = bucket.openChecked("manifests/priming.json")) {
            in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("priming: reading the in-memory object failed", e);
        }
        bucket.exists("manifests/missing.json");
        try {
            bucket.readAllBytes("manifests/missing.json");
        } catch (StorageException expected) {
            // the NoSuchKey path, as a stage meets it when a manifest is not there yet
        }
        List<String> keys = bucket.listKeys("manifests/");
        upload(bucket, "tables/priming/part-0.bin", content).complete();
        upload(bucket, "tables/priming/part-1.bin", content).abort();
        if (keys.isEmpty()) {
            throw new IllegalStateException("priming: the in-memory listing lost the object just written");
        }
    }

    private static WriteOnceUpload upload(WriteOnceBucket bucket, String key, byte[] content) {
        WriteOnceUpload upload = bucket.openUpload(key, CONTENT_TYPE, WriteOnceUpload.MIN_PART_SIZE);
        upload.write(content, 0, content.length);
        upload.stage();
        return upload;
    }
}
