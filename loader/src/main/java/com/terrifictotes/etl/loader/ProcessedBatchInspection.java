package com.terrifictotes.etl.loader;

import com.terrifictotes.etl.error.EtlException;
import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.manifest.DataFile;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The loader's checks on one processed batch, run without a warehouse: what {@code ./pipeline status} uses to say
 * why the loader is stuck on a batch. The same reading and checking the loader does before its transaction
 * (manifest, sequence, schema version, tables; every object's size, and with {@code deep} its stored checksum, as the
 * loader checks it, and then its bytes read through against the manifest's checksum: corruption at rest that the
 * loader would meet as a failed page CRC), so a problem found here is the one the loader meets. Cheap by default: one
 * GET and one HEAD per object.
 */
public final class ProcessedBatchInspection {
    private ProcessedBatchInspection() {
    }

    /** What stops the loader from applying batch {@code sequence}, or empty if these checks pass. */
    public static Optional<String> problem(S3Client s3, String processedBucket, long sequence, boolean deep) {
        ProcessedZone zone = new ProcessedZone(s3, processedBucket);
        String key = BucketLayout.processedManifestKey(sequence);
        try {
            Optional<byte[]> json = zone.readIfExists(key);
            if (json.isEmpty()) {
                return Optional.of(zone.uri(key) + " does not exist");
            }
            ProcessedBatch batch = zone.read(key, json.get());
            if (deep) {
                zone.verify(batch);
                zone.verifyContent(batch);
            } else {
                for (DataFile file : batch.allFiles()) {
                    zone.verifySize(batch, file);
                }
            }
            return Optional.empty();
        } catch (EtlException e) {
            return Optional.of(e.getMessage());
        }
    }
}
