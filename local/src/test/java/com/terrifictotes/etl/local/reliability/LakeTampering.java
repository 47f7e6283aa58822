package com.terrifictotes.etl.local.reliability;

import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.manifest.Checksum;
import com.terrifictotes.etl.manifest.DataFile;
import com.terrifictotes.etl.manifest.IngestionManifest;
import com.terrifictotes.etl.manifest.ManifestJson;
import com.terrifictotes.etl.manifest.ProcessedManifest;
import com.terrifictotes.etl.manifest.TableExtract;
import com.terrifictotes.etl.manifest.TableOutput;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import com.terrifictotes.etl.testbed.servers.TestBed;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;

/**
 * Plays a faulty or foreign writer of the lake: replaces objects in place (an unconditional PUT, which the deployed
 * buckets' policy denies; with the CRC32C of its own bytes, as any writer using S3's checksums stores one) and
 * rewrites manifests to record the replaced bytes, so that the only thing wrong is what
 * a test means to be wrong. Remembers every original, and {@link #repair()} puts them all back.
 */
final class LakeTampering {
    private final S3Client s3 = TestBed.shared().s3();
    private final Map<String, byte[]> originals = new HashMap<>();
    private final Map<String, String> bucketOf = new HashMap<>();

    /** Replaces an object's bytes. */
    void replace(String bucket, String key, byte[] content) {
        byte[] original = new WriteOnceBucket(s3, bucket).readAllBytes(key);
        originals.putIfAbsent(key, original);
        bucketOf.put(key, bucket);
        s3.putObject(b -> b.bucket(bucket).key(key).checksumAlgorithm(ChecksumAlgorithm.CRC32_C),
                RequestBody.fromBytes(content));
    }

    byte[] read(String bucket, String key) {
        return new WriteOnceBucket(s3, bucket).readAllBytes(key);
    }

    /** The key of the first data file the ingestion manifest lists for {@code table}. */
    String csvKey(String bucket, long sequence, String table) {
        return ingestion(bucket, sequence).table(table).orElseThrow().files().get(0).key();
    }

    /** The key of the first Parquet file the processed manifest lists for {@code table}. */
    String parquetKey(String bucket, long sequence, String table) {
        return processed(bucket, sequence).table(table).orElseThrow().files().get(0).key();
    }

    /** Replaces a data file and rewrites the ingestion manifest to record exactly the new bytes. */
    void replaceCsvConsistently(String bucket, long sequence, String key, byte[] content) {
        replace(bucket, key, content);
        IngestionManifest manifest = ingestion(bucket, sequence);
        List<TableExtract> tables = manifest.tables().stream().map(t -> new TableExtract(t.table(), t.windowLo(),
                t.windowHi(), t.columns(), t.rows(), t.bytes(), recorded(t.files(), key, content),
                t.recentVersions(), t.recentFrom(), t.rejects())).toList();
        replace(bucket, BucketLayout.ingestionManifestKey(sequence), ManifestJson.write(new IngestionManifest(
                manifest.formatVersion(), manifest.sequence(), manifest.runId(), manifest.startedAt(),
                manifest.finishedAt(), manifest.sourceTimeZone(), tables)));
    }

    /** Replaces a Parquet file and rewrites the processed manifest to record exactly the new bytes. */
    void replaceParquetConsistently(String bucket, long sequence, String key, byte[] content) {
        replace(bucket, key, content);
        ProcessedManifest manifest = processed(bucket, sequence);
        List<TableOutput> tables = manifest.tables().stream()
                .map(t -> new TableOutput(t.table(), t.rows(), recorded(t.files(), key, content))).toList();
        replace(bucket, BucketLayout.processedManifestKey(sequence), ManifestJson.write(new ProcessedManifest(
                manifest.formatVersion(), manifest.sequence(), manifest.sourceManifestKey(),
                manifest.schemaVersion(), manifest.createdAt(), tables, manifest.stateFiles(), manifest.quarantined(),
                manifest.quarantinedBy(), manifest.lakeFormat())));
    }

    /** Adds a table the catalogue does not know to the ingestion manifest. */
    void addUnknownTable(String bucket, long sequence, TableExtract unknown) {
        IngestionManifest manifest = ingestion(bucket, sequence);
        List<TableExtract> tables = new java.util.ArrayList<>(manifest.tables());
        tables.add(unknown);
        replace(bucket, BucketLayout.ingestionManifestKey(sequence), ManifestJson.write(new IngestionManifest(
                manifest.formatVersion(), manifest.sequence(), manifest.runId(), manifest.startedAt(),
                manifest.finishedAt(), manifest.sourceTimeZone(), tables)));
    }

    /** Puts every replaced object back as it was: the operator's repair. */
    void repair() {
        originals.forEach((key, content) -> s3.putObject(b -> b.bucket(bucketOf.get(key)).key(key)
                .checksumAlgorithm(ChecksumAlgorithm.CRC32_C), RequestBody.fromBytes(content)));
        originals.clear();
    }

    IngestionManifest ingestion(String bucket, long sequence) {
        String key = BucketLayout.ingestionManifestKey(sequence);
        return ManifestJson.readIngestion(key, read(bucket, key));
    }

    ProcessedManifest processed(String bucket, long sequence) {
        String key = BucketLayout.processedManifestKey(sequence);
        return ManifestJson.readProcessed(key, read(bucket, key));
    }

    private static List<DataFile> recorded(List<DataFile> files, String key, byte[] content) {
        return files.stream().map(f -> f.key().equals(key)
                ? new DataFile(key, f.rows(), content.length, Checksum.of(f.checksum().algorithm(), content)) : f)
                .toList();
    }
}
