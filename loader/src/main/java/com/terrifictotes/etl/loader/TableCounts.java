package com.terrifictotes.etl.loader;

/**
 * What loading one table of one batch did.
 *
 * @param staged    rows copied from the batch's files
 * @param inserted  new dimension rows, or new fact versions
 * @param updated   dimension rows whose values changed, or fact versions corrected in place (delivered again with
 *                  other values)
 * @param unchanged staged rows that changed nothing: identical dimension rows, fact versions already present as
 *                  they are (the metrics call these "skipped")
 * @param completed dimensions: inferred rows that this batch's real rows completed (counted in {@code updated} too)
 * @param inferred  dimensions: rows this batch created as inferred, for keys its facts reference and the dimension
 *                  lacked (not counted in the columns above, which are about the table's own files)
 */
record TableCounts(String table, int files, long staged, long inserted, long updated, long unchanged,
                          long completed, long inferred, long milliseconds) {
    public static TableCounts empty(String table) {
        return new TableCounts(table, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    /** The same counts with {@code rows} inferred rows. */
    public TableCounts withInferred(long rows) {
        return new TableCounts(table, files, staged, inserted, updated, unchanged, completed, rows, milliseconds);
    }
}
