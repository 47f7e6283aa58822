package com.terrifictotes.etl.local;

import com.terrifictotes.etl.error.StorageException;
import com.terrifictotes.etl.loader.LoadLedger;
import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.runtime.ManifestSearch;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * How far the warehouse is behind the processed zone, read from what is committed: the newest processed manifest
 * in the bucket against the newest sequence in the load ledger. A loader that meets a missing manifest applies
 * nothing beyond it and returns normally (the batch may still be on its way); a one-shot {@code run} must not
 * then report success, because its warehouse is incomplete.
 *
 * @param ledgerSequence    the newest batch the warehouse holds (0: none)
 * @param processedSequence the newest batch in the processed zone (0: none)
 */
record WarehouseLag(long ledgerSequence, long processedSequence) {
    private static final String UNDEFINED_TABLE = "42P01";

    static WarehouseLag measure(PipelineServices services) {
        long processed = newestProcessed(services);
        return new WarehouseLag(processed == 0 ? 0 : ledgerSequence(services), processed);
    }

    boolean behind() {
        return processedSequence > ledgerSequence;
    }

    /** The manifest the loader waits for: the one after the ledger's newest. */
    String missingManifestKey() {
        return BucketLayout.processedManifestKey(ledgerSequence + 1);
    }

    private static long newestProcessed(PipelineServices services) {
        return ManifestSearch.processed(new WriteOnceBucket(services.s3(), services.processedBucket())).latest()
                .orElse(0);
    }

    private static long ledgerSequence(PipelineServices services) {
        try (Connection connection = services.warehouse().getConnection()) {
            return LoadLedger.lastSequence(connection);
        } catch (SQLException e) {
            if (UNDEFINED_TABLE.equals(e.getSQLState())) {
                return 0; // no loader has run against this warehouse yet: it holds no batch
            }
            throw new StorageException("cannot read the warehouse's load ledger: " + e.getMessage(), e);
        }
    }
}
