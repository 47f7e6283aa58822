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
import java.util.Set;
import java.util.TreeSet;
import org.apache.avro.generic.GenericRecord;

/**
 * The distinct dimension keys that the rows of one fact batch reference, gathered from the records as they are
 * copied ({@link FileCopy}), for {@link InferredRows} to check against the dimensions without reading the fact back.
 *
 * <p>Why: checking the keys in SQL scans the fact (or its staging table) once per dimension; at SF100 that was
 * about a second per million fact rows (BENCHMARKS.md, "Issue #18, the load"). Here each key costs one bit while the
 * loader waits on the COPY anyway. Only the integer keys of dimensions that take inferred rows are gathered (every
 * one of them today); a key of another type is checked in SQL as before ({@link #covers}).
 *
 * <p>The set is exactly the keys of the rows the COPY wrote: every record read from a file is gathered, the file's
 * row count is checked against the COPY's, and a copy that is undone and staged again gathers the same files again.
 */
final class FactKeys {
    /** Keys from 0 to this bound go in a bit set (a few MB at most); others, rare, in a sorted set. */
    private static final int BITS = 1 << 26;

    // arrays indexed alike, not maps: add() runs for every copied row, and a record's hash is computed per lookup
    private final List<ForeignKey> keys = new ArrayList<>();
    private final int[] positions;
    private final BitSet[] small;
    private final List<Set<Integer>> other = new ArrayList<>();

    FactKeys(WarehouseTable fact) {
        List<Column> columns = fact.loadColumns();
        List<Integer> found = new ArrayList<>();
        for (ForeignKey key : fact.foreignKeys()) {
            int position = fact.loadColumnNames().indexOf(key.column());
            if (position >= 0 && columns.get(position).type() == ColumnType.INTEGER
                    && WarehouseCatalogue.table(key.referencedTable()).takesInferredRows()) {
                keys.add(key);
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

    /** Whether {@code key}'s values are gathered here. */
    boolean covers(ForeignKey key) {
        return keys.contains(key);
    }

    /** Gathers the record's keys; a null (refused by the COPY's encoder) is not a key. */
    void add(GenericRecord record) {
        for (int i = 0; i < positions.length; i++) {
            if (record.get(positions[i]) instanceof Integer value) {
                if (value >= 0 && value < BITS) {
                    small[i].set(value);
                } else {
                    other.get(i).add(value);
                }
            }
        }
    }

    /** Gathers the keys of the current row of {@code row}, before its values are consumed. */
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
        int i = keys.indexOf(key);
        if (i < 0) {
            throw new IllegalArgumentException(key.column() + " is not gathered");
        }
        BitSet bits = small[i];
        Set<Integer> rest = other.get(i);
        List<Integer> values = new ArrayList<>(bits.cardinality() + rest.size());
        rest.stream().filter(v -> v < 0).forEach(values::add);
        bits.stream().forEach(values::add);
        rest.stream().filter(v -> v >= 0).forEach(values::add);
        return values.toArray(Integer[]::new);
    }

    /** Forgets what was gathered: for a copy that is undone before its files are staged again. */
    void clear() {
        for (BitSet bits : small) {
            bits.clear();
        }
        other.forEach(Set::clear);
    }
}
