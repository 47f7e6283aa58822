package com.terrifictotes.etl.local.e2e;

import com.terrifictotes.etl.testbed.servers.Database;
import com.terrifictotes.etl.testbed.servers.TestBed;
import javax.sql.DataSource;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.S3Client;

/** The JVM's test bed: embedded PostgreSQL and the in-process S3 server. */
public final class EmbeddedBed implements PipelineBed {
    public static final PipelineBed INSTANCE = new EmbeddedBed();

    private final TestBed bed = TestBed.shared();

    private EmbeddedBed() {
    }

    @Override
    public S3Client s3() {
        return bed.s3();
    }

    @Override
    public S3Client s3(ExecutionInterceptor interceptor) {
        return new S3Endpoint(bed.s3Endpoint(), bed.s3Region(), bed.s3AccessKey(), bed.s3SecretKey())
                .client(interceptor);
    }

    @Override
    public String region() {
        return bed.s3Region();
    }

    @Override
    public String createBucket(String hint) {
        return bed.createBucket(hint);
    }

    @Override
    public DataSource createToteSys(ToteSysFixture.Size size) {
        return ToteSysFixture.copy(size);
    }

    @Override
    public DataSource createWarehouse() {
        return bed.createEmptyDatabase().dataSource();
    }

    @Override
    public Database createDatabase() {
        return bed.createEmptyDatabase();
    }
}
