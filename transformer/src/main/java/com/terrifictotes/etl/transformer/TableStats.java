package com.terrifictotes.etl.transformer;

/**
 * What one batch did for one warehouse table.
 *
 * @param rowsIn  source rows of the batch the table derives from (for dim_date: the fact rows whose dates it covers)
 * @param rowsOut rows written
 * @param millis  time spent producing the table in the writing pass
 * @param rowPath records of a table with a columnar pass ({@link ColumnarTable}) that went the row path instead:
 *                cells of another shape, values the warehouse refuses or changes, a file with another header. The
 *                extractor's files take the pass whole, so a count above 0 tells an operator the source's values
 *                have drifted from their usual shapes (and the batch costs more CPU); 0 for a table without a pass
 */
record TableStats(String table, long rowsIn, long rowsOut, long millis, long rowPath) {
}
