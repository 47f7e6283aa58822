package com.terrifictotes.etl.transformer;

import com.terrifictotes.etl.catalogue.Column;
import com.terrifictotes.etl.catalogue.ColumnType;
import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.avro.generic.GenericRecord;

/**
 * What the facts reference in dim_date. The fact rows themselves, one per source row version, are derived by
 * {@link Lineage} as the catalogue declares them (the audit timestamps split into date and time, the text dates parsed
 * strictly).
 */
final class Facts {
    /** Per fact table, filled at class loading: looked up for every fact row. */
    private static final Map<String, List<String>> DATE_COLUMNS = WarehouseCatalogue.TABLES.stream()
            .filter(WarehouseTable::isFact)
            .collect(Collectors.toUnmodifiableMap(WarehouseTable::name, Facts::dateColumns));

    private Facts() {
    }

    /** Every date a fact row references, each of which dim_date must hold before the row can load. */
    public static void referencedDates(WarehouseTable fact, GenericRecord row, Consumer<LocalDate> dates) {
        for (String column : DATE_COLUMNS.get(fact.name())) {
            dates.accept((LocalDate) row.get(column));
        }
    }

    static List<String> dateColumns(WarehouseTable fact) {
        return fact.loadColumns().stream().filter(c -> c.type() == ColumnType.DATE).map(Column::name).toList();
    }
}
