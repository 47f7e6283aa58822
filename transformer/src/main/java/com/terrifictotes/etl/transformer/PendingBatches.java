package com.terrifictotes.etl.transformer;

import com.terrifictotes.etl.manifest.BucketLayout;
import java.util.Collection;
import java.util.List;
import java.util.NavigableSet;
import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * Which ingestion batches are pending: every one after the newest transformed batch, oldest first (up to and
 * including {@code upTo} when a caller bounds it; the handler never does: its invocation is bounded by its row budget
 * instead). So any order of delivery, duplicates and lost events included, ends with the same batches transformed in
 * the same order.
 *
 * <p>Batches are transformed strictly in order, each committed by its processed manifest before the next starts, and
 * the processed bucket is write-once: so every ingestion batch up to the newest transformed one is transformed, and
 * only what lies after it needs to be listed (a search and a listing that start there, not the whole history).
 *
 * @param previous the newest transformed batch: its state is where the pending run starts; empty if there is none
 */
record PendingBatches(List<Long> pending, OptionalLong previous) {
    PendingBatches {
        pending = List.copyOf(pending);
    }

    /**
     * @param lastTransformed the newest processed manifest's sequence, empty if there is none
     * @param ingestionKeys   keys of the ingestion manifests listed after {@code lastTransformed}
     * @param upTo            the newest batch to take, or empty for "everything pending"
     */
    static PendingBatches of(OptionalLong lastTransformed, Collection<String> ingestionKeys, OptionalLong upTo) {
        long after = lastTransformed.orElse(Long.MIN_VALUE);
        long last = upTo.orElse(Long.MAX_VALUE);
        NavigableSet<Long> pending = new TreeSet<>();
        for (String key : ingestionKeys) {
            BucketLayout.ingestionSequence(key).ifPresent(sequence -> {
                if (sequence > after && sequence <= last) {
                    pending.add(sequence);
                }
            });
        }
        return new PendingBatches(List.copyOf(pending), pending.isEmpty() ? OptionalLong.empty() : lastTransformed);
    }
}
