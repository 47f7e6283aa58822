package com.terrifictotes.etl.transformer;

import com.terrifictotes.etl.catalogue.Column;
import com.terrifictotes.etl.catalogue.ColumnType;
import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseDomain;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import com.terrifictotes.etl.lake.TableRow;
import java.time.LocalDate;
import java.util.BitSet;
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
     * The dates the fact rows of a batch reference, for dim_date: a bit per day of the warehouse's calendar
     * ({@link WarehouseDomain#FIRST_DATE} on), so that a row adds its dates without a {@code LocalDate} or a hash
     * each, and they come out in calendar order.
     */
    static final class ReferencedDays {
        private static final long FIRST_DAY = WarehouseDomain.FIRST_DATE.toEpochDay();

        private final BitSet days = new BitSet();

        /** Every date a fact row of {@code fact} references. */
        void row(WarehouseTable fact, TableRow row) {
            for (int position : DATE_POSITIONS.get(fact.name())) {
                add(((LocalDate) row.get(position)).toEpochDay());
            }
        }

        /** A date, as its epoch day: one the warehouse holds (a fact row with another was refused). */
        void add(long epochDay) {
            days.set(Math.toIntExact(epochDay - FIRST_DAY));
        }

        /** The dates, in calendar order, each once. */
        void forEach(Consumer<LocalDate> dates) {
            for (int day = days.nextSetBit(0); day >= 0; day = days.nextSetBit(day + 1)) {
                dates.accept(LocalDate.ofEpochDay(day + FIRST_DAY));
            }
        }

        int size() {
            return days.cardinality();
        }
    }

    private static int[] datePositions(WarehouseTable fact) {
        List<Column> columns = fact.loadColumns();
        return IntStream.range(0, columns.size()).filter(i -> columns.get(i).type() == ColumnType.DATE).toArray();
    }
}
