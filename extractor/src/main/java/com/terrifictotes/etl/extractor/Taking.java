package com.terrifictotes.etl.extractor;

import com.terrifictotes.etl.manifest.RowVersion;

/**
 * How much of a batch's row limit one table's read has used, and where it stopped: the rows taken (written, or
 * rejected because a value cannot be delivered), the version of the last one, and whether a row to take was left
 * when the limit was reached (then the table is cut after that version).
 */
final class Taking {
    private final long limit;
    private final long droppable;
    private long taken;
    private long written;
    private RowVersion last;
    private boolean more;

    /**
     * @param limit     at most this many rows are taken
     * @param droppable how many versions a read may meet and drop as already delivered
     */
    Taking(long limit, long droppable) {
        if (limit < 0) {
            throw new IllegalArgumentException("a row limit cannot be negative, got " + limit);
        }
        this.limit = limit;
        this.droppable = droppable;
    }

    /** Rows that may still be taken. */
    long left() {
        return limit - taken;
    }

    /**
     * The most rows a row-by-row read of one segment can need: what is left, every version it may drop, and one
     * more to tell whether anything follows. So a read that stops at the limit does not make PostgreSQL sort the
     * rest of the window; Long.MAX_VALUE if that sum does not fit.
     */
    long rowLimit() {
        long need = left() + droppable + 1;
        return need < 0 ? Long.MAX_VALUE : need;
    }

    void took(CopySegment.Taken copy) {
        taken += copy.taken();
        written += copy.written();
        if (copy.last() != null) {
            last = copy.last();
        }
        more |= copy.more();
    }

    void tookRow(RowVersion version, boolean wasWritten) {
        taken++;
        if (wasWritten) {
            written++;
        }
        last = version;
    }

    /** A row to take was met with nothing left: the table is cut. */
    void foundMore() {
        more = true;
    }

    boolean more() {
        return more;
    }

    long written() {
        return written;
    }

    /** The last row taken; null if none was. */
    RowVersion last() {
        return last;
    }
}
