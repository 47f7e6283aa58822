package com.terrifictotes.etl.transformer;

import com.terrifictotes.etl.catalogue.Column;
import com.terrifictotes.etl.catalogue.ColumnType;
import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import com.terrifictotes.etl.lake.TableRow;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * What the facts reference in dim_date. The fact rows themselves, one per source row version, are derived by
 * {@link Lineage} as the catalogue declares them (the audit timestamps split into date and time, the text dates parsed
 * strictly).
 */
final class Facts {
    /** Per fact table, filled at class loading: looked up for every fact row. */
    private static final Map<String, int[]> DATE_POSITIONS = WarehouseCatalogue.TABLES.stream()
            .filter(WarehouseTable::isFact)
            .collect(Collectors.toUnmodifiableMap(WarehouseTable::name, Facts::datePositions));

    private Facts() {
    }

    /** Every date a fact row references, each of which dim_date must hold before the row can load. */
    public static void referencedDates(WarehouseTable fact, TableRow row, Consumer<LocalDate> dates) {
        for (int position : DATE_POSITIONS.get(fact.name())) {
            dates.accept((LocalDate) row.get(position));
        }
    }

    /**
     * {@link #referencedDates(WarehouseTable, TableRow, Consumer)} for a caller that goes through many rows of one
     * fact table, whole ({@link #row}) or as the day numbers of its date columns ({@link #day}): the date columns
     * looked up once, and a date equal to the last one of its column not handed on again (rows come in
     * {@code last_updated} order, so most of a row's dates are its predecessor's). For a consumer to which a repeat
     * adds nothing, such as a set.
     */
    static final class ReferencedDates {
        private static final long NONE = Long.MIN_VALUE;

        private final int[] positions;
        private final long[] lastDay;
        private final Consumer<LocalDate> dates;

        ReferencedDates(WarehouseTable fact, Consumer<LocalDate> dates) {
            this.positions = DATE_POSITIONS.get(fact.name());
            this.lastDay = new long[fact.loadColumns().size()];
            Arrays.fill(lastDay, NONE);
            this.dates = dates;
        }

        void row(TableRow row) {
            for (int position : positions) {
                day(position, ((LocalDate) row.get(position)).toEpochDay());
            }
        }

        /** The date of load column {@code position}, as its epoch day. */
        void day(int position, long epochDay) {
            if (lastDay[position] != epochDay) {
                lastDay[position] = epochDay;
                dates.accept(LocalDate.ofEpochDay(epochDay));
            }
        }
    }

    private static int[] datePositions(WarehouseTable fact) {
        List<Column> columns = fact.loadColumns();
        return IntStream.range(0, columns.size()).filter(i -> columns.get(i).type() == ColumnType.DATE).toArray();
    }
}
