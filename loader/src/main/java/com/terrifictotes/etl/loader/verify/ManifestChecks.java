package com.terrifictotes.etl.loader.verify;

import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.runtime.ManifestSearch;
import com.terrifictotes.etl.s3.Sha256;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Part (1) of the verification: every ledger row against its manifest in the processed zone. The key must name the
 * row's sequence, and the manifest's bytes must have the SHA-256 the loader recorded (a batch skipped on an operator's
 * decision: the decision object must exist). Each mismatch is one line naming the batch and the object.
 */
final class ManifestChecks {
    /**
     * How much later than the loader's clock S3's may stamp an object: a manifest written that long after its batch
     * was applied has been replaced since.
     */
    static final Duration CLOCK_TOLERANCE = Duration.ofMinutes(1);

    /** How many manifests are read. */
    enum Depth {
        /** Every ledger row's manifest is read and hashed: one GET per batch ({@code ./pipeline verify}). */
        EVERY_MANIFEST,
        /**
         * One paged LIST finds every manifest; only one that is missing or was written after its batch was applied
         * (replaced since) is read and hashed. For the daily verification, whose run time must not grow by one GET
         * per batch of the whole history: a manifest replaced at the same instant it was applied goes unnoticed.
         */
        CHANGED_SINCE_APPLIED
    }

    private final WriteOnceBucket processed;
    private final Depth depth;

    ManifestChecks(WriteOnceBucket processed, Depth depth) {
        this.processed = processed;
        this.depth = depth;
    }

    void check(List<LedgerRows.Row> ledger, List<String> differences) {
        Map<String, Instant> written = depth == Depth.CHANGED_SINCE_APPLIED ? listManifests() : null;
        for (LedgerRows.Row row : ledger) {
            check(row, written, differences);
        }
    }

    private void check(LedgerRows.Row row, Map<String, Instant> written, List<String> differences) {
        OptionalLong keySequence = BucketLayout.processedSequence(row.manifestKey());
        if (keySequence.isEmpty() || keySequence.getAsLong() != row.sequence()) {
            differences.add("ledger batch " + row.sequence() + " names manifest " + row.manifestKey()
                    + ", which is not the processed manifest of that sequence");
            return;
        }
        if (row.operatorDecision() != null) {
            if (!exists(row.operatorDecision())) {
                differences.add("ledger batch " + row.sequence() + " was skipped on the decision "
                        + row.operatorDecision() + ", which does not exist");
            }
            return;
        }
        if (written != null) {
            Instant at = written.get(row.manifestKey());
            if (at != null && !at.isAfter(row.loadedAt().plus(CLOCK_TOLERANCE))) {
                return; // there before its batch was applied, and not replaced since
            }
        }
        if (!processed.exists(row.manifestKey())) {
            differences.add("ledger batch " + row.sequence() + ": " + processed.uri(row.manifestKey())
                    + " does not exist");
            return;
        }
        String sha256 = Sha256.hex(processed.readAllBytes(row.manifestKey()));
        if (!sha256.equals(row.manifestSha256())) {
            differences.add("ledger batch " + row.sequence() + ": " + processed.uri(row.manifestKey())
                    + " has SHA-256 " + sha256 + " but the ledger recorded " + row.manifestSha256());
        }
    }

    private boolean exists(String uri) {
        String prefix = processed.uri("");
        return uri.startsWith(prefix) && processed.exists(uri.substring(prefix.length()));
    }

    /** Every processed manifest's key and when it was last written. */
    private Map<String, Instant> listManifests() {
        Map<String, Instant> written = new HashMap<>();
        ManifestSearch.processed(processed).after(0).forEach(m -> written.put(m.key(), m.lastModified()));
        return written;
    }
}
