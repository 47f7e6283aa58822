package com.terrifictotes.etl.local.e2e;

import com.terrifictotes.etl.testbed.servers.TestBed;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * S3 in LocalStack (one container per JVM, started on first use; Testcontainers removes it when the JVM ends), and
 * PostgreSQL still the embedded one. The image is pinned to a release that runs without an auth token (later
 * {@code localstack/localstack} images want {@code LOCALSTACK_AUTH_TOKEN}, which is passed on when set);
 * {@code -Dlocalstack.image=...} picks another.
 */
final class LocalStackBed implements PipelineBed {
    private static final String IMAGE = System.getProperty("localstack.image", "localstack/localstack:4.4.0");
    private static LocalStackBed shared;

    private final S3Endpoint endpoint;
    private final S3Client s3;
    private final AtomicInteger buckets = new AtomicInteger();

    private LocalStackBed(S3Endpoint endpoint) {
        this.endpoint = endpoint;
        this.s3 = endpoint.client();
    }

    static synchronized PipelineBed shared() {
        if (shared == null) {
            LocalStackContainer container = new LocalStackContainer(DockerImageName.parse(IMAGE)
                    .asCompatibleSubstituteFor("localstack/localstack")).withServices("s3");
            String token = System.getenv("LOCALSTACK_AUTH_TOKEN");
            if (token != null && !token.isBlank()) {
                container.withEnv("LOCALSTACK_AUTH_TOKEN", token);
            }
            container.start();
            shared = new LocalStackBed(new S3Endpoint(container.getEndpoint(), container.getRegion(),
                    container.getAccessKey(), container.getSecretKey()));
        }
        return shared;
    }

    @Override
    public S3Client s3() {
        return s3;
    }

    @Override
    public S3Client s3(ExecutionInterceptor interceptor) {
        return endpoint.client(interceptor);
    }

    @Override
    public String region() {
        return endpoint.region();
    }

    @Override
    public String createBucket(String hint) {
        String name = hint + "-" + buckets.incrementAndGet();
        s3.createBucket(b -> b.bucket(name));
        return name;
    }

    @Override
    public DataSource createToteSys(ToteSysFixture.Size size) {
        return ToteSysFixture.copy(size);
    }

    @Override
    public DataSource createWarehouse() {
        return TestBed.shared().createEmptyDatabase().dataSource();
    }

    @Override
    public com.terrifictotes.etl.testbed.servers.Database createDatabase() {
        return TestBed.shared().createEmptyDatabase();
    }
}
