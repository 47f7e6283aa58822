package com.terrifictotes.etl.testbed.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.terrifictotes.etl.testbed.SchemaInspector;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Exception;

@ExtendWith(TestBedExtension.class)
class TestBedTest {

    @Test
    void theExtensionHandsOutTheSharedTestBed(TestBed bed) {
        assertThat(bed).isSameAs(TestBed.shared());
    }

    @Test
    void everyDatabaseIsNewAndIsolatedFromTheOthers() throws SQLException {
        Database first = TestBed.shared().createEmptyDatabase();
        Database second = TestBed.shared().createEmptyDatabase();
        execute(first, "CREATE TABLE only_here (id integer)");

        assertThat(first.name()).isNotEqualTo(second.name());
        assertThat(new SchemaInspector(first.dataSource()).tables()).containsExactly("only_here");
        assertThat(new SchemaInspector(second.dataSource()).tables()).isEmpty();
    }

    @Test
    void databasesCreatedInParallelAreAllDistinct() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Database>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                futures.add(pool.submit((Callable<Database>) TestBed.shared()::createToteSysDatabase));
            }
            Set<String> names = new HashSet<>();
            for (Future<Database> future : futures) {
                names.add(future.get().name());
            }
            assertThat(names).hasSize(8);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theDatabaseRoleMustAuthenticateWithItsPassword() throws SQLException {
        Database db = TestBed.shared().createEmptyDatabase();

        try (Connection ok = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
            assertThat(ok.isValid(5)).isTrue();
        }
        assertThatThrownBy(() -> DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password() + "x"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("password authentication failed");
    }

    @Test
    void aDatabaseNeverShowsItsPasswordInText() {
        Database db = TestBed.shared().createEmptyDatabase();

        assertThat(db.password()).isNotBlank();
        assertThat(db.toString()).doesNotContain(db.password()).contains(db.name(), db.user());
        assertThat(db.secret().toString()).doesNotContain(db.password());
        assertThat(db.secret().port()).isEqualTo(db.port());
        assertThat(db.jdbcUrl()).doesNotContain(db.password());
    }

    @Test
    void warehouseDatabasesHaveTheFlywayHistory() {
        Database db = TestBed.shared().createWarehouseDatabase();

        assertThat(new SchemaInspector(db.dataSource()).tables()).contains("flyway_schema_history", "dim_date");
    }

    @Test
    void bucketsAreNewValidlyNamedAndUsableThroughTheRealClient() {
        TestBed bed = TestBed.shared();
        String first = bed.createBucket("Ingestion Bucket!");
        String second = bed.createBucket("Ingestion Bucket!");
        bed.s3().putObject(b -> b.bucket(first).key("a/b.txt"), RequestBody.fromString("hello"));

        assertThat(first).isNotEqualTo(second).matches("[a-z0-9][a-z0-9-]{1,61}[a-z0-9]").startsWith("ingestion-bucket-");
        assertThat(bed.s3().getObjectAsBytes(b -> b.bucket(first).key("a/b.txt")).asString(StandardCharsets.UTF_8))
                .isEqualTo("hello");
        assertThat(bed.s3().listObjectsV2(b -> b.bucket(second)).contents()).isEmpty();
        assertThat(bed.s3Endpoint().getHost()).isEqualTo("127.0.0.1");
        assertThat(bed.s3Region()).isEqualTo("us-east-1");
    }

    @Test
    void bucketNamesAreMadeValidWhateverTheHint() {
        assertThat(S3Server.bucketName("", 7)).isEqualTo("bucket-7");
        assertThat(S3Server.bucketName("x", 7)).isEqualTo("bucket-x-7");
        assertThat(S3Server.bucketName("a".repeat(100), 12)).hasSize(63).endsWith("-12");
        assertThat(S3Server.bucketName("Processed_Data", 3)).isEqualTo("processed-data-3");
    }

    @Test
    void theS3ServerChecksSignatures() {
        var wrong = software.amazon.awssdk.services.s3.S3Client.builder()
                .httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder())
                .endpointOverride(TestBed.shared().s3Endpoint()).forcePathStyle(true)
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                                TestBed.shared().s3AccessKey(), "not-the-secret")))
                .build();
        try (wrong) {
            assertThatThrownBy(wrong::listBuckets).isInstanceOf(S3Exception.class);
        }
    }

    private static void execute(Database db, String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
