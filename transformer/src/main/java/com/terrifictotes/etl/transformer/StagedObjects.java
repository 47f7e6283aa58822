package com.terrifictotes.etl.transformer;

import com.terrifictotes.etl.s3.WriteOnceUpload;
import java.util.ArrayList;
import java.util.List;

/**
 * The objects of one batch that are uploaded but not yet published. A batch is read and written in a single pass,
 * so bad input can show after many parts were written; publishing them only once the whole batch derived cleanly
 * keeps the guarantee that bad input publishes nothing, and a retry after a repair writes every key afresh.
 * Each staged upload holds only its part list, not its bytes, so a large batch costs no extra memory.
 */
final class StagedObjects {
    private final List<WriteOnceUpload> uploads = new ArrayList<>();
    private int published;

    void add(WriteOnceUpload staged) {
        uploads.add(staged);
    }

    /**
     * Completes every upload in the order it was staged, each with If-None-Match (a retry meeting its own earlier
     * object proceeds). A failure leaves the rest for {@link #abandonAll()}.
     */
    void publishAll() {
        while (published < uploads.size()) {
            uploads.get(published).complete();
            published++;
        }
    }

    /** Aborts every upload not published yet: no object appears and no parts stay billed. */
    void abandonAll() {
        for (int i = published; i < uploads.size(); i++) {
            uploads.get(i).abort();
        }
        published = uploads.size();
    }
}
