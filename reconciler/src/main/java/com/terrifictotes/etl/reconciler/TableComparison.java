package com.terrifictotes.etl.reconciler;

import com.terrifictotes.etl.manifest.Reconciliation.Findings;
import com.terrifictotes.etl.reconciler.Bisection.Difference;
import com.terrifictotes.etl.transformer.Lineage;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * What one warehouse table differs in from the source, sorted into the finding's kinds, and what the batch must carry
 * for it: the source rows to deliver (with, for a joined dimension, the joined rows, so the transformer's join state
 * takes their current content too) and the keys found gone.
 */
final class TableComparison {
    private final Lineage lineage;
    private final Rules rules;
    private final NavigableSet<Integer> deliver = new TreeSet<>();
    private final NavigableSet<Integer> parents = new TreeSet<>();
    private final List<Integer> deleted = new ArrayList<>();
    private long missing;
    private long changed;
    private long inferred;
    private long inFlight;
    private long quarantined;
    private long sourceRows;
    private long warehouseRows;

    TableComparison(Lineage lineage, Rules rules) {
        this.lineage = lineage;
        this.rules = rules;
    }

    Lineage lineage() {
        return lineage;
    }

    /** Takes in the comparison of one chunk. */
    void add(SourceChunk chunk, Bisection.Outcome outcome) {
        sourceRows += chunk.size();
        warehouseRows += outcome.warehouseRows();
        for (Difference difference : outcome.differences()) {
            if (difference.kind() == Bisection.Kind.WAREHOUSE_ONLY) {
                deleted.add(difference.key());
            } else {
                found(chunk, difference);
            }
        }
    }

    private void found(SourceChunk chunk, Difference difference) {
        int row = difference.sourceIndex();
        LocalDateTime stamp = chunk.stamps()[row];
        int parentKey = chunk.parentKeys()[row];
        LocalDateTime parentStamp = chunk.parentStamps()[row];
        String source = lineage.source().name();
        String parent = lineage.parent().map(j -> j.table().name()).orElse(null);
        boolean hasParent = parent != null && parentKey != SourceChunk.NO_PARENT;
        if (rules.quarantined(source, difference.key(), stamp)
                || (hasParent && rules.quarantined(parent, parentKey, parentStamp))) {
            quarantined++;
        } else if (rules.inFlight(source, stamp) || (hasParent && rules.inFlight(parent, parentStamp))) {
            inFlight++;
        } else {
            switch (difference.kind()) {
                case SOURCE_ONLY -> missing++;
                case CONTENT -> changed++;
                case INFERRED -> inferred++;
                default -> throw new IllegalStateException("not a source row: " + difference);
            }
            deliver.add(difference.key());
            if (hasParent) {
                parents.add(parentKey);
            }
        }
    }

    Findings findings() {
        return new Findings(missing, changed, deleted.size(), inferred, inFlight, quarantined);
    }

    /** Keys of the table's source rows to deliver, ascending. */
    NavigableSet<Integer> deliver() {
        return deliver;
    }

    /** Keys of the joined table's rows to deliver with them, ascending. */
    NavigableSet<Integer> parents() {
        return parents;
    }

    /** Keys the warehouse holds live and the source no longer has, ascending. */
    List<Integer> deleted() {
        return deleted;
    }

    long sourceRows() {
        return sourceRows;
    }

    /** Live rows the warehouse holds (a fact: current rows), inferred ones included. */
    long warehouseRows() {
        return warehouseRows;
    }
}
