package com.terrifictotes.etl.extractor;

import com.terrifictotes.etl.manifest.TableExtract;

/**
 * What is left of one batch's row limit ({@code EXTRACT_MAX_BATCH_ROWS}) as its tables are read in catalogue order,
 * every foreign key's target first. Each table may take what the tables before it left; once a table is cut the
 * batch is full, and the tables after it are not read at all (so a row never reaches the lake before the rows it
 * references). A table reached with nothing left but no cut yet is only looked into, to tell whether the batch has
 * caught up.
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

    /** Counts what a table took: its rows and its rejects. */
    void took(TableExtract extract) {
        long taken = extract.rows() + extract.rejects().size();
        if (taken > Math.max(left, 0)) {
            throw new IllegalStateException(extract.table() + " took " + taken + " rows with " + left + " left");
        }
        left -= taken;
        full |= extract.isCut();
    }

    /** True if no table was cut: every window was read to its end. */
    boolean caughtUp() {
        return !full;
    }
}
