package com.terrifictotes.etl.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.terrifictotes.etl.s3.WriteOnceBucket;
import com.terrifictotes.etl.s3.WriteOnceUpload;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The end-to-end beds hand the stages clients that upload as the stages' own clients do: plain bodies, no payload
 * hash. An {@code aws-chunked} upload is what S3Proxy leaves partly unread, which broke a part upload now and then.
 */
class S3EndpointTest {

    @Test
    void aBedsClientSendsPutsAndPartsAsPlainBodiesWithoutAPayloadHash() throws Exception {
        List<Upload> uploads = new CopyOnWriteArrayList<>();
        S3Client s3 = EmbeddedBed.INSTANCE.s3(new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
                if (operation.equals("PutObject") || operation.equals("UploadPart")) {
                    uploads.add(Upload.of(operation, context.httpRequest()));
                }
            }
        });
        WriteOnceBucket bucket = new WriteOnceBucket(s3, EmbeddedBed.INSTANCE.createBucket("endpoint"));
        byte[] part = new byte[WriteOnceUpload.MIN_PART_SIZE + 1_000];
        new Random(7).nextBytes(part);

        bucket.putIfAbsent("manifests/m.json", "{}".getBytes(StandardCharsets.UTF_8), "application/json");
        try (WriteOnceUpload upload = bucket.openUpload("tables/t/part-0.parquet", "application/octet-stream",
                WriteOnceUpload.MIN_PART_SIZE)) {
            upload.write(part, 0, part.length);
        }

        assertThat(uploads).extracting(Upload::operation).containsExactly("PutObject", "UploadPart", "UploadPart");
        assertThat(uploads).allSatisfy(upload -> {
            assertThat(upload.contentSha256()).as(upload.operation()).isEqualTo("UNSIGNED-PAYLOAD");
            assertThat(upload.contentEncoding()).as(upload.operation()).doesNotContain("aws-chunked");
        });
        assertThat(bucket.stored("tables/t/part-0.parquet").bytes()).isEqualTo(part.length);
    }

    private record Upload(String operation, String contentSha256, String contentEncoding) {
        static Upload of(String operation, SdkHttpRequest request) {
            return new Upload(operation, request.firstMatchingHeader("x-amz-content-sha256").orElse(""),
                    request.firstMatchingHeader("Content-Encoding").orElse(""));
        }
    }
}
