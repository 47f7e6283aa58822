package com.terrifictotes.etl.loader;

import com.terrifictotes.etl.catalogue.WarehouseTable;
import com.terrifictotes.etl.manifest.DataFile;
import com.terrifictotes.etl.manifest.ProcessedManifest;
import com.terrifictotes.etl.manifest.TableOutput;
import java.util.List;

/**
 * A processed manifest read from the bucket and checked against the catalogue.
 *
 * @param key    the manifest's object key
 * @param sha256 of the manifest's bytes, recorded in the ledger
 */
record ProcessedBatch(String key, long sequence, String sha256, ProcessedManifest manifest) {
    /** The files of one table; none when the batch has no rows for it. */
    List<DataFile> files(WarehouseTable table) {
        return manifest.table(table.name()).map(TableOutput::files).orElse(List.of());
    }

    /** Rows over all its tables, as the manifest counts them: what a loader invocation's budget is charged. */
    long rows() {
        return manifest.tables().stream().mapToLong(TableOutput::rows).sum();
    }

    List<DataFile> allFiles() {
        return manifest.tables().stream().flatMap(t -> t.files().stream()).toList();
    }
}
