package com.terrifictotes.etl.loader;

/**
 * Which fact batches check their foreign keys set-based ({@link FactForeignKeys}: drop, append, re-add) rather
 * than row by row through PostgreSQL's triggers.
 *
 * <p>The triggers cost per batch row; re-adding the constraints costs per row of the whole table (one anti-join
 * per key over everything already loaded) plus a lock on the table and its dimensions until commit. So the
 * set-based path pays off for a batch that is big, and big relative to the table: an initial load or a catch-up,
 * not the daily increment onto years of history. Measured at SF10 on a busy machine (./pipeline bench, one run
 * each): loading fact_payment (158,360 rows, 7 foreign keys) took 19.4 s with the triggers and 2.8 s set-based,
 * fact_sales_order (111,870 rows, 9 keys) 14.0 s and 2.5 s. The check re-reads the whole table, so the ratio
 * below keeps a small batch onto a big table on the triggers, whose cost does not grow with the table.
 *
 * @param minimumBatchRows     below this a batch always uses the triggers: small loads never take the locks
 * @param tableRowsPerBatchRow a batch takes the set-based path only if the table (before the batch) holds at most
 *                             this many rows per batch row
 */
record ForeignKeyPolicy(long minimumBatchRows, long tableRowsPerBatchRow) {
    static final ForeignKeyPolicy DEFAULT = new ForeignKeyPolicy(10_000, 8);

    /** Row-by-row always: for tests of the small-batch path. */
    static final ForeignKeyPolicy ROW_BY_ROW = new ForeignKeyPolicy(Long.MAX_VALUE, 0);

    /** Set-based for every non-empty batch: for tests of the big-batch path on small data. */
    static final ForeignKeyPolicy SET_BASED = new ForeignKeyPolicy(1, Long.MAX_VALUE);

    ForeignKeyPolicy {
        if (minimumBatchRows < 1 || tableRowsPerBatchRow < 0) {
            throw new IllegalArgumentException("minimumBatchRows must be at least 1 and tableRowsPerBatchRow not"
                    + " negative, got " + minimumBatchRows + " and " + tableRowsPerBatchRow);
        }
    }

    /** Whether a batch of {@code batchRows} fact rows onto a table of about {@code tableRows} goes set-based. */
    boolean setBased(long batchRows, long tableRows) {
        if (batchRows < minimumBatchRows) {
            return false;
        }
        return tableRowsPerBatchRow == 0 ? tableRows == 0 : tableRows / tableRowsPerBatchRow <= batchRows;
    }
}
