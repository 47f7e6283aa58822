package com.terrifictotes.etl.transformer;

import com.terrifictotes.etl.lake.ParquetTableWriter;
import com.terrifictotes.etl.manifest.DataFile;
import com.terrifictotes.etl.manifest.TableOutput;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The objects of one batch that are uploaded but not yet published. A batch is read and written in a single pass,
 * so bad input can show after many parts were written; publishing them only once the whole batch derived cleanly
 * keeps the guarantee that bad input publishes nothing, and a retry after a repair writes every key afresh.
 * Each staged upload holds only its part list, not its bytes, so a large batch costs no extra memory.
 */
final class StagedObjects {
    private final List<ParquetTableWriter.Staged> uploads = new ArrayList<>();
    private final Map<String, DataFile> stored = new HashMap<>();
    private int published;

    void add(ParquetTableWriter.Staged staged) {
        uploads.add(staged);
    }

    /**
     * Completes every upload in the order it was staged, each with If-None-Match (a retry meeting its own earlier
     * object proceeds, even in other bytes of the same rows). A failure leaves the rest for {@link #abandonAll()}.
     */
    void publishAll() {
        while (published < uploads.size()) {
            DataFile file = uploads.get(published).publish();
            stored.put(file.key(), file);
            published++;
        }
    }

    /**
     * {@code output} as stored: a part kept from an earlier run of the batch has its own size and digest, and the
     * manifest must record those, which the loader checks.
     */
    TableOutput asStored(TableOutput output) {
        return new TableOutput(output.table(), output.rows(),
                output.files().stream().map(f -> stored.getOrDefault(f.key(), f)).toList());
    }

    /** Aborts every upload not published yet: no object appears and no parts stay billed. */
    void abandonAll() {
        for (int i = published; i < uploads.size(); i++) {
            uploads.get(i).upload().abort();
        }
        published = uploads.size();
    }
}
