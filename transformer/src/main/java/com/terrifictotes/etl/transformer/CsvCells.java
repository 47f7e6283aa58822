package com.terrifictotes.etl.transformer;

import com.terrifictotes.etl.catalogue.SourceTable;

/**
 * A source row from the text of its CSV cells, decoded exactly as a batch's rows are ({@link IngestedTables}): for
 * code that holds a row as the extractor would write it and needs it as the transformer would read it, such as the
 * reconciliation pass comparing the source with the warehouse.
 */
public final class CsvCells {
    private CsvCells() {
    }

    /**
     * @param cells    one value per catalogue column, null for SQL NULL, as in the ingestion CSV
     * @param location what to name in an error about a value, e.g. {@code "source table staff"}
     * @param line     the row's position there (1 for the first)
     * @throws com.terrifictotes.etl.error.BadInputException naming the location, line and column of a value that
     *                                                       does not decode
     */
    public static SourceRow decode(SourceTable table, String[] cells, String location, long line) {
        return IngestedTables.decode(table, location, line, cells.clone());
    }
}
