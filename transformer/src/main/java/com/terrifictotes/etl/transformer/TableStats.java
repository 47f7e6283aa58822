package com.terrifictotes.etl.transformer;

/**
 * What one batch did for one warehouse table.
 *
 * @param rowsIn  source rows of the batch the table derives from (for dim_date: the fact rows whose dates it covers)
 * @param rowsOut rows written
 * @param millis  time spent producing the table in the writing pass
 */
record TableStats(String table, long rowsIn, long rowsOut, long millis) {
}
