package com.terrifictotes.etl.transformer;

import com.terrifictotes.etl.error.StorageException;
import com.terrifictotes.etl.manifest.BucketLayout;
import java.util.Collection;
import java.util.List;
import java.util.NavigableSet;
import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * Which ingestion batches an invocation transforms: every one without a processed manifest, oldest first, up to and
 * including the batch its event names (all of them for the catch-up event). So any order of delivery, duplicates and
 * lost events included, ends with the same batches transformed in the same order.
 *
 * @param previous the newest transformed batch before the first pending one: its state is where the pending run
 *                 starts; empty if there is none
 */
record PendingBatches(List<Long> pending, OptionalLong previous) {
    PendingBatches {
        pending = List.copyOf(pending);
    }

    /**
     * @param ingestionKeys keys under the ingestion bucket's manifest prefix
     * @param processedKeys keys under the processed bucket's manifest prefix
     * @param upTo          the event's own batch, or empty for "everything pending"
     */
    static PendingBatches of(Collection<String> ingestionKeys, Collection<String> processedKeys, OptionalLong upTo) {
        NavigableSet<Long> ingested = sequences(ingestionKeys, true);
        NavigableSet<Long> processed = sequences(processedKeys, false);
        NavigableSet<Long> pending = new TreeSet<>(ingested);
        pending.removeAll(processed);
        if (upTo.isPresent()) {
            pending = pending.headSet(upTo.getAsLong(), true);
        }
        if (pending.isEmpty()) {
            return new PendingBatches(List.of(), OptionalLong.empty());
        }
        long first = pending.first();
        Long later = processed.higher(first);
        if (later != null) {
            throw new StorageException("ingestion batch " + first + " is not transformed but batch " + later
                    + " is: batches must be transformed in order, so the state of " + later + " cannot be trusted");
        }
        Long previous = processed.lower(first);
        return new PendingBatches(List.copyOf(pending),
                previous == null ? OptionalLong.empty() : OptionalLong.of(previous));
    }

    /** How many ingestion batches have no processed manifest, whatever their order. */
    static int count(Collection<String> ingestionKeys, Collection<String> processedKeys) {
        NavigableSet<Long> pending = sequences(ingestionKeys, true);
        pending.removeAll(sequences(processedKeys, false));
        return pending.size();
    }

    private static NavigableSet<Long> sequences(Collection<String> keys, boolean ingestion) {
        NavigableSet<Long> sequences = new TreeSet<>();
        for (String key : keys) {
            OptionalLong sequence = ingestion ? BucketLayout.ingestionSequence(key)
                    : BucketLayout.processedSequence(key);
            sequence.ifPresent(sequences::add);
        }
        return sequences;
    }
}
