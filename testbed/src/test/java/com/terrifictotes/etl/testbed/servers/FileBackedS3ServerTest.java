package com.terrifictotes.etl.testbed.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.terrifictotes.etl.error.StorageException;
import com.terrifictotes.etl.s3.StoredObject;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import com.terrifictotes.etl.s3.WriteOnceUpload;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The S3 server over files (what benchmarks use, to keep big objects out of the heap) keeps write-once semantics. */
class FileBackedS3ServerTest {
    @TempDir
    Path directory;

    @Test
    void objectsLiveInFilesUnderTheDirectoryAndStayWriteOnce() throws IOException {
        try (S3Server server = S3Server.start(directory.resolve("s3").toString())) {
            String name = server.createBucket("files");
            WriteOnceBucket bucket = new WriteOnceBucket(server.client(), name);
            byte[] small = "id\n1\n".getBytes(StandardCharsets.UTF_8);
            byte[] large = new byte[WriteOnceUpload.MIN_PART_SIZE * 2 + 17];
            new Random(7).nextBytes(large);

            bucket.putIfAbsent("a.csv", small, "text/csv");
            StoredObject multipart;
            try (WriteOnceUpload upload = bucket.openUpload("b.bin", "application/octet-stream")) {
                upload.write(large, 0, large.length);
                upload.close();
                multipart = upload.result();
            }

            assertThat(bucket.readAllBytes("a.csv")).isEqualTo(small);
            assertThat(bucket.readAllBytes("b.bin")).isEqualTo(large);
            assertThat(multipart.bytes()).isEqualTo(large.length);
            assertThatThrownBy(() -> bucket.putIfAbsent("a.csv", "other".getBytes(StandardCharsets.UTF_8), "text/csv"))
                    .isInstanceOf(StorageException.class);
            assertThat(bytesUnder(directory.resolve("s3"))).isGreaterThanOrEqualTo(large.length + small.length);
        }
    }

    @Test
    void aServerOverADirectoryAnEarlierServerLeftNeverHandsOutOneOfItsBuckets() {
        String kept = directory.resolve("kept").toString();
        String earlier;
        try (S3Server first = S3Server.start(kept)) {
            earlier = first.createBucket("cold-ingestion");
            new WriteOnceBucket(first.client(), earlier).putIfAbsent("manifest.json",
                    "{}".getBytes(StandardCharsets.UTF_8), "application/json");
        }
        try (S3Server second = S3Server.start(kept)) {
            String fresh = second.createBucket("cold-ingestion");

            assertThat(fresh).isNotEqualTo(earlier).startsWith("cold-ingestion");
            assertThat(second.client().listObjectsV2(b -> b.bucket(fresh)).contents()).isEmpty();
            assertThat(new WriteOnceBucket(second.client(), earlier).readAllBytes("manifest.json"))
                    .isEqualTo("{}".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static long bytesUnder(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
