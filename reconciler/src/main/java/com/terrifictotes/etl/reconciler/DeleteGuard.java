package com.terrifictotes.etl.reconciler;

import com.terrifictotes.etl.error.EtlException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Refuses a pass that finds too much gone. A source read that came back partial (a table emptied by mistake, a
 * permission that hides rows, a replica still restoring) looks exactly like a mass delete; flagging it would be
 * reversible (the next pass finds the rows again) but would mislead every report meanwhile. So when a table loses more
 * than {@code maxRatio} of its live warehouse rows (and more than {@code floor} rows), or every one of them, nothing is
 * published and the run fails naming each such table.
 */
final class DeleteGuard {
    /** Thrown before anything is published. */
    static final class MassDeleteRefused extends EtlException {
        MassDeleteRefused(String message) {
            super(message);
        }
    }

    private final double maxRatio;
    private final int floor;

    DeleteGuard(double maxRatio, int floor) {
        this.maxRatio = maxRatio;
        this.floor = floor;
    }

    void check(List<TableComparison> tables) {
        List<String> over = new ArrayList<>();
        for (TableComparison table : tables) {
            long deleted = table.deleted().size();
            long live = table.warehouseRows();
            boolean share = deleted > floor && deleted > maxRatio * live;
            boolean everything = live > 0 && deleted == live && maxRatio < 1;
            if (deleted > 0 && (share || everything)) {
                over.add(String.format(Locale.ROOT, "%s: %d of its %d live rows gone (%.0f%%)",
                        table.lineage().target().name(), deleted, live, 100.0 * deleted / live));
            }
        }
        if (!over.isEmpty()) {
            throw new MassDeleteRefused("reconciliation refused, nothing published: the source lacks more rows than"
                    + " the delete guard allows (at most " + String.format(Locale.ROOT, "%.0f%%", 100 * maxRatio)
                    + " of a table's live rows, beyond " + floor + "); a partial read of the source looks exactly"
                    + " like this. " + String.join("; ", over) + ". If the rows are really gone, raise "
                    + ReconcilerConfig.MAX_DELETE_RATIO + " (./pipeline reconcile --max-delete-ratio) for one run");
        }
    }
}
