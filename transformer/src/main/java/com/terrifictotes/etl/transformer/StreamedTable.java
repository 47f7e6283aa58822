package com.terrifictotes.etl.transformer;

import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import com.terrifictotes.etl.lake.TableRow;
import java.util.List;

/**
 * A warehouse table derived row by row from one source table, streamed from CSV to Parquet without a join: every
 * {@link Lineage} without a join whose source is not kept in the {@link JoinState} (those are written from the state).
 *
 * @param columnar its columnar pass, or null if it has none ({@link ColumnarTable#of})
 */
record StreamedTable(WarehouseTable target, SourceTable source, Lineage lineage, ColumnarTable columnar) {
    static final List<StreamedTable> DIMENSIONS = streamed(false);
    static final List<StreamedTable> FACTS = streamed(true);

    TableRow derive(SourceRow row) {
        return lineage.derive(row, null);
    }

    private static List<StreamedTable> streamed(boolean facts) {
        return Lineage.ALL.stream()
                .filter(l -> l.parent().isEmpty() && l.target().isFact() == facts)
                .filter(l -> JoinState.TABLES.stream().noneMatch(t -> t.name().equals(l.source().name())))
                .map(l -> new StreamedTable(l.target(), l.source(), l, ColumnarTable.of(l.target()).orElse(null)))
                .toList();
    }
}
