package com.terrifictotes.etl.extractor;

import com.terrifictotes.etl.error.StorageException;
import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.manifest.IngestionManifest;
import com.terrifictotes.etl.manifest.ManifestJson;
import com.terrifictotes.etl.s3.StoredObject;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The ingestion manifests: the extractor's commit log and its only state. The latest one tells each table's
 * previous bound and recently delivered versions; publishing the next one commits a run.
 *
 * <p>Sequence numbers are dense and in the key ({@code manifests/ingestion-000000000042.json}), and every put is
 * conditional ({@code If-None-Match: *}). Two runs that overlap read the same latest manifest, so they compute the
 * same next sequence and race for the same key: S3 lets exactly one of them create it.
 */
final class ManifestLog {
    static final String CONTENT_TYPE = "application/json";
    private static final String PREFIX = BucketLayout.MANIFEST_PREFIX + "ingestion-";

    private final WriteOnceBucket bucket;

    ManifestLog(WriteOnceBucket bucket) {
        this.bucket = bucket;
    }

    Optional<IngestionManifest> latest() {
        OptionalLong latest = bucket.listKeys(PREFIX).stream()
                .map(BucketLayout::ingestionSequence)
                .filter(OptionalLong::isPresent)
                .mapToLong(OptionalLong::getAsLong)
                .max();
        if (latest.isEmpty()) {
            return Optional.empty();
        }
        String key = BucketLayout.ingestionManifestKey(latest.getAsLong());
        return Optional.of(ManifestJson.readIngestion(bucket.uri(key), bucket.readAllBytes(key)));
    }

    /**
     * Publishes {@code manifest}: the run's commit.
     *
     * @throws ConcurrentRunException if another run already published this sequence
     */
    StoredObject publish(IngestionManifest manifest) {
        String key = BucketLayout.ingestionManifestKey(manifest.sequence());
        try {
            return bucket.putIfAbsent(key, ManifestJson.write(manifest), CONTENT_TYPE);
        } catch (StorageException e) {
            if (bucket.exists(key)) {
                throw new ConcurrentRunException("another run published sequence " + manifest.sequence()
                        + " first (" + bucket.uri(key) + "); run " + manifest.runId()
                        + " published nothing and its data files stay unreferenced", e);
            }
            throw e;
        }
    }
}
