package com.terrifictotes.etl.local.e2e;

import com.terrifictotes.etl.testbed.servers.Database;
import javax.sql.DataSource;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Where the end-to-end suite runs the pipeline: an S3 server and a PostgreSQL server. Every scenario takes its own
 * buckets and databases from it, so scenarios never see each other's data.
 */
public interface PipelineBed {
    /** A real SDK client for the bed's S3 server. */
    S3Client s3();

    /** Another real SDK client for the same server whose every call first passes {@code interceptor}. */
    S3Client s3(ExecutionInterceptor interceptor);

    String region();

    /** A new, empty bucket whose name starts with the hint. */
    String createBucket(String hint);

    /** A new ToteSys database holding generated data of the given size. */
    DataSource createToteSys(ToteSysFixture.Size size);

    /** A new, empty database for a warehouse (the loader migrates it). */
    DataSource createWarehouse();

    /** A new, empty database for the test's own use (the oracle's mirror of what was delivered). */
    Database createDatabase();
}
