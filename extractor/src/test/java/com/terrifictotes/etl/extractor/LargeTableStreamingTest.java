package com.terrifictotes.etl.extractor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.terrifictotes.etl.error.StorageException;
import com.terrifictotes.etl.manifest.DataFile;
import com.terrifictotes.etl.s3.WriteOnceUpload;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

/** A CSV object larger than one upload part goes out as a streamed multipart upload, and fails without a trace. */
class LargeTableStreamingTest {
    private static final int ROWS = 12;
    private static final int ONE_MIB = 1024 * 1024;

    @Test
    void aTableLargerThanOnePartIsStreamedAsAMultipartUploadAndAFailedPartLeavesNoObject() {
        ExtractionBed bed = ExtractionBed.create();
        LocalDateTime stamp = bed.utcNow().minusMinutes(1);
        for (int i = 0; i < ROWS; i++) {
            bed.execute("INSERT INTO design (design_name, file_location, file_name, created_at, last_updated)"
                    + " VALUES (?, '/usr/designs', repeat(?, ?), ?, ?)", "design " + i, "é", ONE_MIB / 2, stamp,
                    stamp);
        }
        AtomicInteger parts = new AtomicInteger();
        InterceptingS3Client failsSecondPart = new InterceptingS3Client(bed.s3, (operation, key) -> {
            if (operation.equals("UploadPart") && parts.incrementAndGet() == 2) {
                throw SdkClientException.create("timeout (injected)");
            }
        });

        assertThatThrownBy(() -> bed.service(failsSecondPart, bed.settings()).run())
                .isInstanceOf(StorageException.class)
                .hasMessageStartingWith("cannot upload last part of s3://" + bed.bucket + "/data/design/")
                .hasMessageContaining("timeout (injected)");
        assertThat(bed.keys()).isEmpty();

        ExtractionResult retry = bed.run();

        List<DataFile> files = bed.manifest(retry.sequence()).table("design").orElseThrow().files();
        assertThat(files).singleElement().satisfies(file -> {
            assertThat(file.rows()).isEqualTo(ROWS);
            assertThat(file.bytes()).isGreaterThan(WriteOnceUpload.DEFAULT_PART_SIZE);
        });
        List<Map<String, String>> rows = bed.deliveredRows("design");
        assertThat(rows).hasSize(ROWS)
                .allSatisfy(row -> assertThat(row.get("file_name")).hasSize(ONE_MIB / 2).matches("é+"));
    }
}
