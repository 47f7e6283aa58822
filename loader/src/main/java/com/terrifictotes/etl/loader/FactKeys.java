package com.terrifictotes.etl.loader;

import com.terrifictotes.etl.catalogue.Column;
import com.terrifictotes.etl.catalogue.ColumnType;
import com.terrifictotes.etl.catalogue.ForeignKey;
import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import com.terrifictotes.etl.lake.ParquetRowGroups;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * The distinct dimension keys that the rows of one table's batch hold, gathered from the files as they are copied
 * ({@link FileCopy}): for a fact, the keys its rows reference, for {@link InferredRows} to check against the
 * dimensions without reading the fact back; for a dimension that takes inferred rows, the natural keys its rows
 * carry, which are then present for the facts of the same batch ({@link #ofDimension}).
 *
 * <p>Why: checking the keys in SQL scans the fact (or its staging table) once per dimension; at SF100 that was
 * about a second per million fact rows (BENCHMARKS.md, "Issue #18, the load"). Here each key costs one bit while the
 * loader waits on the COPY anyway. Only the integer keys of dimensions that take inferred rows are gathered (every
 * one of them today); a key of another type is checked in SQL as before ({@link #covers}).
 *
 * <p>The set is exactly the keys of the rows the COPY wrote: every row read from a file is gathered, the file's
 * row count is checked against the COPY's, and a copy that is undone and staged again gathers the same files again.
 */
final class FactKeys {
    /** Keys from 0 to this bound go in a bit set (a few MB at most); others, rare, in a sorted set. */
    private static final int BITS = 1 << 26;

    // arrays indexed alike, not maps: add() runs for every copied row
    private final List<String> columns = new ArrayList<>();
    private final int[] positions;
    private final BitSet[] small;
    private final List<NavigableSet<Integer>> other = new ArrayList<>();

    /** The keys of {@code fact}'s rows into the dimensions that take inferred rows. */
    FactKeys(WarehouseTable fact) {
        this(fact, fact.foreignKeys().stream()
                .filter(key -> WarehouseCatalogue.table(key.referencedTable()).takesInferredRows())
                .map(ForeignKey::column).distinct().toList());
    }

    private FactKeys(WarehouseTable table, List<String> gathered) {
        List<Column> loadColumns = table.loadColumns();
        List<Integer> found = new ArrayList<>();
        for (String column : gathered) {
            int position = table.loadColumnNames().indexOf(column);
            if (position >= 0 && loadColumns.get(position).type() == ColumnType.INTEGER) {
                columns.add(column);
                found.add(position);
                other.add(new TreeSet<>());
            }
        }
        positions = found.stream().mapToInt(Integer::intValue).toArray();
        small = new BitSet[positions.length];
        for (int i = 0; i < small.length; i++) {
            small[i] = new BitSet();
        }
    }

    /**
     * For a dimension that takes inferred rows, the keys of its rows that facts reference (its natural key); for any
     * other table, nothing.
     */
    static FactKeys ofDimension(WarehouseTable dimension) {
        if (!dimension.isDimension() || !dimension.takesInferredRows()) {
            return new FactKeys(dimension, List.of());
        }
        return new FactKeys(dimension, WarehouseCatalogue.TABLES.stream()
                .flatMap(table -> table.foreignKeys().stream())
                .filter(key -> key.referencedTable().equals(dimension.name()))
                .map(ForeignKey::referencedColumn).distinct().toList());
    }

    /** Whether {@code key}'s values are gathered here. */
    boolean covers(ForeignKey key) {
        return columns.contains(key.column());
    }

    /** Gathers the keys of the current row of {@code row}, before its values are consumed; a null is not a key. */
    void add(ParquetRowGroups row) {
        for (int i = 0; i < positions.length; i++) {
            if (!row.isNull(positions[i])) {
                int value = row.column(positions[i]).getInteger();
                if (value >= 0 && value < BITS) {
                    small[i].set(value);
                } else {
                    other.get(i).add(value);
                }
            }
        }
    }

    /** The distinct values of {@code key} gathered so far, ascending. */
    Integer[] values(ForeignKey key) {
        return valuesNotIn(key, null);
    }

    /**
     * The distinct values of {@code key} gathered so far that {@code present} (the keys a dimension's rows of the
     * same batch carry, gathered by {@link #ofDimension}) does not hold, ascending; all of them if it is null.
     */
    Integer[] valuesNotIn(ForeignKey key, FactKeys present) {
        int i = columns.indexOf(key.column());
        if (i < 0) {
            throw new IllegalArgumentException(key.column() + " is not gathered");
        }
        int j = present == null ? -1 : present.columns.indexOf(key.referencedColumn());
        BitSet bits = small[i];
        NavigableSet<Integer> rest = other.get(i);
        if (j >= 0) {
            bits = (BitSet) bits.clone();
            bits.andNot(present.small[j]);
            rest = new TreeSet<>(rest);
            rest.removeAll(present.other.get(j));
        }
        List<Integer> values = new ArrayList<>(bits.cardinality() + rest.size());
        values.addAll(rest.headSet(0, false));
        bits.stream().forEach(values::add);
        values.addAll(rest.tailSet(0, true));
        return values.toArray(Integer[]::new);
    }

    /** Forgets what was gathered: for a copy that is undone before its files are staged again. */
    void clear() {
        for (BitSet bits : small) {
            bits.clear();
        }
        other.forEach(NavigableSet::clear);
    }
}
