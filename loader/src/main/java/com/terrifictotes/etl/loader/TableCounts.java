package com.terrifictotes.etl.loader;

/**
 * What loading one table of one batch did.
 *
 * @param staged    rows copied from the batch's files
 * @param inserted  new dimension rows, or new fact versions
 * @param updated   dimension rows whose values changed (always 0 for facts)
 * @param unchanged staged rows that changed nothing: identical dimension rows, fact versions already present
 *                  (the metrics call these "skipped")
 */
public record TableCounts(String table, int files, long staged, long inserted, long updated, long unchanged,
                          long milliseconds) {
    public static TableCounts empty(String table) {
        return new TableCounts(table, 0, 0, 0, 0, 0, 0);
    }
}
