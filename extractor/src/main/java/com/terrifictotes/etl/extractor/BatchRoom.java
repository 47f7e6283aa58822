package com.terrifictotes.etl.extractor;

import com.terrifictotes.etl.manifest.TableExtract;

/**
 * What is left of one batch's row limit ({@code EXTRACT_MAX_BATCH_ROWS}) as its tables are read: first every
 * table's fresh window in catalogue order (every foreign key's target first), then, with what they left, each backfill
 * range in the same order ({@link com.terrifictotes.etl.manifest.Backfill}). Each read may take what the reads before
 * it left; once one is cut the batch is full, and the reads after it do not happen. A read reached with nothing left
 * but no cut yet is only looked into, to tell whether the batch has caught up. Within one phase a row never reaches
 * the lake before the rows it references; a fresh row may reference one still in a backfill range, which the
 * warehouse infers until it arrives.
 */
final class BatchRoom {
    /** The limit for a table the batch has no room for: it is not read. */
    static final long FULL = -1;

    private long left;
    private boolean full;

    BatchRoom(long maxRows) {
        if (maxRows < 1) {
            throw new IllegalArgumentException("a batch must hold at least one row, not " + maxRows);
        }
        this.left = maxRows;
    }

    /** The most rows the next table may take: what is left, 0 to only look, or {@link #FULL}. */
    long nextLimit() {
        return full ? FULL : left;
    }

    /** Counts what a table's fresh window took: its rows and its rejects. */
    void took(TableExtract extract) {
        took(extract.table(), extract.rows() + extract.rejects().size(), extract.isCut());
    }

    /**
     * Counts what a table's backfill range took ({@code after} less {@code before}: rows and rejects); the batch is
     * full if a range is left.
     */
    void tookBackfill(TableExtract before, TableExtract after) {
        took(after.table(), after.rows() + after.rejects().size() - before.rows() - before.rejects().size(),
                after.backfill() != null);
    }

    private void took(String table, long taken, boolean cut) {
        if (taken > Math.max(left, 0)) {
            throw new IllegalStateException(table + " took " + taken + " rows with " + left + " left");
        }
        left -= taken;
        full |= cut;
    }

    /** True if no fresh window and no backfill range read was cut. */
    boolean caughtUp() {
        return !full;
    }
}
