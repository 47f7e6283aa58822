package com.terrifictotes.etl.reconciler;

import java.util.ArrayList;
import java.util.List;

/**
 * Compares a chunk of source rows with what the warehouse holds in the same key range, data-diff's way: one summary
 * (rows and digest sum) per range on each side; equal ranges are done; a range that differs is cut into
 * {@code factor} narrower ranges, recursively, until it holds fewer than {@code threshold} rows on either side, and
 * only then are the warehouse's rows of it fetched (key, digest and whether it is inferred) and set against the
 * chunk's key by key. The source side's summaries come from the chunk in memory; only the warehouse side is asked,
 * one aggregate query per range, so what crosses the wire is the differing ranges' rows alone.
 */
final class Bisection {
    /** The warehouse side of one table. */
    interface Warehouse {
        RangeSummary summary(KeyRange keys);

        /** The rows in the range, ascending by key. */
        List<WarehouseKey> rows(KeyRange keys);
    }

    /** One warehouse row as the comparison sees it. */
    record WarehouseKey(int key, long digest, boolean inferred) {
    }

    /** How one key differs. */
    enum Kind {
        /** The source has the row, the warehouse none (or one it flagged deleted). */
        SOURCE_ONLY,
        /** The warehouse has a live row the source no longer has. */
        WAREHOUSE_ONLY,
        /** Both have it, with other content. */
        CONTENT,
        /** The warehouse holds only an inferred row for a key the source has. */
        INFERRED
    }

    /** @param sourceIndex the row's position in the chunk; -1 for {@link Kind#WAREHOUSE_ONLY} */
    record Difference(int key, Kind kind, int sourceIndex) {
    }

    /** What the comparisons cost so far: warehouse summaries asked, ranges fetched whole, rows fetched. */
    static final class Cost {
        long summaries;
        long fetches;
        long rowsFetched;
    }

    private final int factor;
    private final int threshold;
    private final Cost cost = new Cost();

    /**
     * @param factor    ranges a differing range is cut into (data-diff's bisection_factor), at least 2
     * @param threshold below this many rows on both sides, a differing range is fetched (bisection_threshold)
     */
    Bisection(int factor, int threshold) {
        if (factor < 2 || threshold <= factor) {
            throw new IllegalArgumentException("bisection needs a factor of at least 2 and a threshold above it, got "
                    + factor + " and " + threshold);
        }
        this.factor = factor;
        this.threshold = threshold;
    }

    Cost cost() {
        return cost;
    }

    /**
     * @param differences   every key of the chunk's range on which the two sides differ, ascending
     * @param warehouseRows the rows the warehouse holds in the range
     */
    record Outcome(List<Difference> differences, long warehouseRows) {
    }

    /** Compares the chunk with the warehouse's rows of the chunk's range. */
    Outcome compare(SourceChunk chunk, Warehouse warehouse) {
        List<Difference> differences = new ArrayList<>();
        long warehouseRows = compare(chunk, warehouse, chunk.range(), differences);
        return new Outcome(differences, warehouseRows);
    }

    /** @return the warehouse's rows in the range */
    private long compare(SourceChunk chunk, Warehouse warehouse, KeyRange range, List<Difference> differences) {
        RangeSummary source = chunk.summary(range);
        RangeSummary target = warehouse.summary(range);
        cost.summaries++;
        if (source.sameRowsAs(target)) {
            return target.rows();
        }
        KeyRange keys = RangeSummary.keysOf(range, source, target);
        if (Math.max(source.rows(), target.rows()) < threshold || keys.width() <= factor) {
            fetch(chunk, warehouse, keys, differences);
            return target.rows();
        }
        for (KeyRange part : keys.split(factor)) {
            compare(chunk, warehouse, part, differences);
        }
        return target.rows();
    }

    /** Sets the warehouse's rows of the range against the chunk's, key by key (both ascend). */
    private void fetch(SourceChunk chunk, Warehouse warehouse, KeyRange range, List<Difference> differences) {
        List<WarehouseKey> rows = warehouse.rows(range);
        cost.fetches++;
        cost.rowsFetched += rows.size();
        int source = chunk.indexOf(range.lo());
        int end = chunk.indexOf(range.hi());
        int target = 0;
        while (source < end || target < rows.size()) {
            int sourceKey = source < end ? chunk.keys()[source] : Integer.MAX_VALUE;
            long targetKey = target < rows.size() ? rows.get(target).key() : Long.MAX_VALUE;
            if (source < end && sourceKey < targetKey) {
                differences.add(new Difference(sourceKey, Kind.SOURCE_ONLY, source++));
            } else if (source >= end || targetKey < sourceKey) {
                differences.add(new Difference((int) targetKey, Kind.WAREHOUSE_ONLY, -1));
                target++;
            } else {
                WarehouseKey row = rows.get(target++);
                if (row.inferred()) {
                    differences.add(new Difference(sourceKey, Kind.INFERRED, source));
                } else if (row.digest() != chunk.digests()[source]) {
                    differences.add(new Difference(sourceKey, Kind.CONTENT, source));
                }
                source++;
            }
        }
    }
}
