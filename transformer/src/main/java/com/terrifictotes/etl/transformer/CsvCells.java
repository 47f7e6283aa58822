package com.terrifictotes.etl.transformer;

import com.terrifictotes.etl.catalogue.SourceTable;
import java.util.Optional;

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
     * @return the row as a batch would take it, or empty if the transformer would set it aside before deriving
     *         anything from it: a key or stamp it cannot read, or, for a row of the four join tables (whose rows wait
     *         in the join state), any value it cannot read or that a dimension column it feeds refuses
     */
    public static Optional<SourceRow> decode(SourceTable table, String[] cells, String location, long line) {
        SourceRow row = IngestedTables.decode(table, location, line, cells.clone());
        if (row.keyFault() != null) {
            return Optional.empty();
        }
        if (JoinState.TABLES.stream().anyMatch(t -> t.name().equals(table.name()))) {
            if (row.typeFault() != null) {
                return Optional.empty();
            }
            try {
                Dimensions.check(row);
            } catch (RowRejected rejected) {
                return Optional.empty();
            }
        }
        return Optional.of(row);
    }
}
