package com.terrifictotes.etl.bench;

import com.terrifictotes.etl.catalogue.Identifiers;
import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.manifest.IngestionManifest;
import com.terrifictotes.etl.manifest.ManifestJson;
import com.terrifictotes.etl.manifest.ProcessedManifest;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import com.terrifictotes.etl.testbed.servers.Database;
import com.terrifictotes.etl.testbed.servers.TestBed;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The servers every measurement runs against, hosted in the harness: the test bed's embedded PostgreSQL and S3
 * server (objects kept in files, so the harness heap stays flat). Hands out fresh buckets and databases per run and
 * removes them afterwards, so runs do not pile data up.
 */
final class BenchBed {
    private final TestBed bed = TestBed.shared();

    S3Client s3() {
        return bed.s3();
    }

    String newBucket(String hint) {
        return bed.createBucket(hint);
    }

    Database newToteSys() {
        return bed.createToteSysDatabase();
    }

    /** A warehouse with the migrations applied, so a load measures loading rather than Flyway's first migrate. */
    Database newWarehouse() {
        return bed.createWarehouseDatabase();
    }

    Database newEmptyDatabase() {
        return bed.createEmptyDatabase();
    }

    StageCoordinates coordinates(String ingestion, String processed, Database toteSys, Database warehouse) {
        return new StageCoordinates(bed.s3Endpoint().toString(), bed.s3Region(), bed.s3AccessKey(),
                bed.s3SecretKey(), ingestion, processed, toteSys.jdbcUrl(),
                warehouse == null ? null : warehouse.jdbcUrl(), toteSys.user(), toteSys.password());
    }

    IngestionManifest ingestionManifest(String bucket, long sequence) {
        String key = BucketLayout.ingestionManifestKey(sequence);
        WriteOnceBucket ingestion = new WriteOnceBucket(s3(), bucket);
        return ManifestJson.readIngestion(ingestion.uri(key), ingestion.readAllBytes(key));
    }

    ProcessedManifest processedManifest(String bucket, long sequence) {
        String key = BucketLayout.processedManifestKey(sequence);
        WriteOnceBucket processed = new WriteOnceBucket(s3(), bucket);
        return ManifestJson.readProcessed(processed.uri(key), processed.readAllBytes(key));
    }

    /** Deletes every object of the bucket, then the bucket. */
    void dropBucket(String bucket) {
        List<S3Object> objects = s3().listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream().toList();
        for (int from = 0; from < objects.size(); from += 1000) {
            List<ObjectIdentifier> batch = objects.subList(from, Math.min(objects.size(), from + 1000)).stream()
                    .map(o -> ObjectIdentifier.builder().key(o.key()).build()).toList();
            s3().deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(batch)));
        }
        s3().deleteBucket(b -> b.bucket(bucket));
    }

    /** Drops a database through a connection to another one of the same owner. */
    void dropDatabase(Database database, Database via) throws SQLException {
        try (Connection connection = via.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + Identifiers.quote(database.name()));
        }
    }
}
