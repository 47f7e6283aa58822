package com.terrifictotes.etl.extractor;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.terrifictotes.etl.error.StorageException;
import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.manifest.Checksum;
import com.terrifictotes.etl.manifest.IngestionManifest;
import com.terrifictotes.etl.manifest.ManifestJson;
import com.terrifictotes.etl.runtime.ManifestSearch;
import com.terrifictotes.etl.s3.StoredObject;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The ingestion manifests: the extractor's commit log and its only state. The latest one tells each table's
 * previous bound and recently delivered versions; publishing the next one commits a run.
 *
 * <p>Sequence numbers are dense and in the key ({@code manifests/ingestion-000000000042.json}), and every put is
 * conditional ({@code If-None-Match: *}). Two runs that overlap read the same latest manifest, so they compute the
 * same next sequence and race for the same key: S3 lets exactly one of them create it.
 */
public final class ManifestLog {
    static final String CONTENT_TYPE = "application/json";
    private static final Logger LOG = LoggerFactory.getLogger(ManifestLog.class);

    private final WriteOnceBucket bucket;
    private final ManifestSearch search;

    public ManifestLog(S3Client s3, WriteOnceBucket bucket) {
        this.bucket = bucket;
        this.search = ManifestSearch.ingestion(bucket);
    }

    /** The manifest with the highest sequence, found in a number of requests that grows as log(history). */
    public Optional<IngestionManifest> latest() {
        OptionalLong latest = search.latest();
        if (latest.isEmpty()) {
            return Optional.empty();
        }
        String key = BucketLayout.ingestionManifestKey(latest.getAsLong());
        return Optional.of(ManifestJson.readIngestion(bucket.uri(key), bucket.readAllBytes(key)));
    }

    /** The manifest of {@code sequence}, or empty if there is none (never published, or removed by hand). */
    Optional<IngestionManifest> read(long sequence) {
        String key = BucketLayout.ingestionManifestKey(sequence);
        if (!bucket.exists(key)) {
            return Optional.empty();
        }
        return Optional.of(ManifestJson.readIngestion(bucket.uri(key), bucket.readAllBytes(key)));
    }

    /**
     * Publishes {@code manifest}: the run's commit. A PUT that reports a failure may still have stored the object
     * (the answer was lost on the way back, after the SDK's retries): if the manifest there is byte for byte this
     * run's own (it names this run's id), the commit happened and the run goes on as published.
     *
     * @throws ConcurrentRunException if another run already published this sequence
     */
    public StoredObject publish(IngestionManifest manifest) {
        String key = BucketLayout.ingestionManifestKey(manifest.sequence());
        byte[] json = ManifestJson.write(manifest);
        try {
            return bucket.putIfAbsent(key, json, CONTENT_TYPE);
        } catch (StorageException e) {
            if (!bucket.exists(key)) {
                throw e;
            }
            if (Arrays.equals(bucket.readAllBytes(key), json)) {
                LOG.warn("the manifest write reported a failure but the manifest is stored: this run's commit",
                        entry("manifest_key", key), entry("error", e.getMessage()));
                return new StoredObject(key, json.length, Checksum.of(Checksum.Algorithm.CRC32C, json), false);
            }
            throw new ConcurrentRunException("another run published sequence " + manifest.sequence()
                    + " first (" + bucket.uri(key) + "); run " + manifest.runId()
                    + " published nothing and its data files stay unreferenced", e);
        }
    }
}
