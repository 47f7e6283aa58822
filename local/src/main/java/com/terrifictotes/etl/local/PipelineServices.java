package com.terrifictotes.etl.local;

import java.util.Objects;
import javax.sql.DataSource;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What one run of the pipeline talks to: an S3 API, two buckets, the ToteSys source and the warehouse. The demo
 * fills it with embedded servers; {@code run} from environment variables; tests from the test bed.
 */
public record PipelineServices(S3Client s3, String region, String ingestionBucket, String processedBucket,
                               DataSource toteSys, DataSource warehouse) {
    public PipelineServices {
        Objects.requireNonNull(s3, "s3");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(ingestionBucket, "ingestionBucket");
        Objects.requireNonNull(processedBucket, "processedBucket");
        Objects.requireNonNull(toteSys, "toteSys");
        Objects.requireNonNull(warehouse, "warehouse");
    }
}
