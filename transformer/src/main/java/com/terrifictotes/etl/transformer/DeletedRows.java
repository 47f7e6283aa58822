package com.terrifictotes.etl.transformer;

import static com.terrifictotes.etl.catalogue.WarehouseCatalogue.ETL_DELETED_ROW;

import com.terrifictotes.etl.catalogue.EtlColumns;
import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.catalogue.ToteSysCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import com.terrifictotes.etl.error.BadInputException;
import com.terrifictotes.etl.lake.TableRow;
import com.terrifictotes.etl.manifest.Reconciliation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The source rows a reconciliation batch found gone, as the batch's etl_deleted_row rows: one per warehouse row the
 * source row made ({@link Lineage#ofSource}), in table and key order, so the output depends on the manifest alone.
 * Rows of the join tables also leave the join state ({@link JoinState#forget}); a department has no warehouse row of
 * its own, so only that happens to it.
 */
final class DeletedRows {
    private DeletedRows() {
    }

    /** Nothing for an extraction's batch. */
    static List<TableRow> of(long sequence, String manifestLocation, Reconciliation reconciliation) {
        if (reconciliation == null) {
            return List.of();
        }
        List<TableRow> rows = new ArrayList<>();
        reconciliation.deleted().forEach((sourceTable, ids) -> {
            SourceTable source = ToteSysCatalogue.find(sourceTable).orElseThrow(() -> new BadInputException(
                    manifestLocation + " reports rows of " + sourceTable + " deleted, a table the catalogue does not"
                            + " know"));
            Optional<WarehouseTable> target = Lineage.ofSource(source).map(Lineage::target);
            for (int id : ids) {
                target.ifPresent(table -> rows.add(WarehouseRow.of(ETL_DELETED_ROW)
                        .set(EtlColumns.DELETED_IN_BATCH, Math.toIntExact(sequence))
                        .set(EtlColumns.WAREHOUSE_TABLE, table.name())
                        .set(EtlColumns.SOURCE_TABLE, source.name())
                        .set(EtlColumns.SOURCE_ID, id)
                        .set(WarehouseTable.DELETED_AT, reconciliation.sourceTime())
                        .build()));
            }
        });
        return rows;
    }
}
