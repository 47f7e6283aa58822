package com.terrifictotes.etl.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.terrifictotes.etl.reconciler.Bisection.Difference;
import com.terrifictotes.etl.reconciler.Bisection.Kind;
import com.terrifictotes.etl.reconciler.Bisection.WarehouseKey;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The bisection finds exactly the keys that differ, and asks the warehouse for rows only where they do: with tiny
 * settings (factor 2, threshold 4, as data-diff's own tests force deep recursion) and with the defaults.
 */
class BisectionTest {
    private static final LocalDateTime STAMP = LocalDateTime.of(2026, 1, 1, 0, 0);

    @Test
    void equalSidesCostOneSummaryAndNoRows() {
        TreeMap<Integer, Long> rows = rows(1, 1000);
        Bisection bisection = new Bisection(2, 4);

        Bisection.Outcome outcome = bisection.compare(chunk(rows, KeyRange.EVERY), warehouse(rows, List.of()));

        assertThat(outcome.differences()).isEmpty();
        assertThat(outcome.warehouseRows()).isEqualTo(1000);
        assertThat(bisection.cost().summaries).isEqualTo(1);
        assertThat(bisection.cost().rowsFetched).isZero();
    }

    @Test
    void oneChangedRowAmongAThousandIsFoundByDrillingDownToAFewRows() {
        TreeMap<Integer, Long> source = rows(1, 1000);
        TreeMap<Integer, Long> target = new TreeMap<>(source);
        target.put(613, 42L);
        Bisection bisection = new Bisection(2, 4);

        Bisection.Outcome outcome = bisection.compare(chunk(source, KeyRange.EVERY), warehouse(target, List.of()));

        assertThat(outcome.differences()).containsExactly(new Difference(613, Kind.CONTENT, 612));
        assertThat(bisection.cost().rowsFetched).as("rows fetched").isLessThan(4);
        assertThat(bisection.cost().summaries).as("summaries: two per level, about log2(1000 / 4) levels")
                .isBetween(10L, 2L * 10 + 1);
    }

    @Test
    void everyKindOfDifferenceIsFoundWhereverItLiesAndNothingElse() {
        TreeMap<Integer, Long> source = rows(1, 500);
        source.remove(250);
        source.put(10_000, 7L);
        TreeMap<Integer, Long> target = rows(1, 500);
        target.put(3, 99L);
        target.put(-40, 5L);
        target.remove(10);
        source.put(10, 10L);
        target.put(77, source.get(77));
        List<Integer> inferred = List.of(480);

        for (Bisection bisection : List.of(new Bisection(2, 4), new Bisection(32, 1024), new Bisection(3, 50))) {
            Bisection.Outcome outcome = bisection.compare(chunk(source, KeyRange.EVERY), warehouse(target, inferred));

            assertThat(outcome.differences()).extracting(Difference::key, Difference::kind).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(-40, Kind.WAREHOUSE_ONLY),
                    org.assertj.core.groups.Tuple.tuple(3, Kind.CONTENT),
                    org.assertj.core.groups.Tuple.tuple(10, Kind.SOURCE_ONLY),
                    org.assertj.core.groups.Tuple.tuple(250, Kind.WAREHOUSE_ONLY),
                    org.assertj.core.groups.Tuple.tuple(480, Kind.INFERRED),
                    org.assertj.core.groups.Tuple.tuple(10_000, Kind.SOURCE_ONLY));
        }
    }

    @Test
    void aChunkAnswersOnlyForItsRangeAndAnEmptyChunkFindsWhatTheWarehouseAloneHolds() {
        TreeMap<Integer, Long> target = rows(1, 100);
        TreeMap<Integer, Long> source = new TreeMap<>(target.headMap(51));

        Bisection.Outcome first = new Bisection(2, 4).compare(chunk(source, new KeyRange(Integer.MIN_VALUE, 51)),
                warehouse(target, List.of()));
        Bisection.Outcome rest = new Bisection(2, 4).compare(chunk(new TreeMap<>(),
                new KeyRange(51, Integer.MAX_VALUE + 1L)), warehouse(target, List.of()));

        assertThat(first.differences()).isEmpty();
        assertThat(first.warehouseRows()).isEqualTo(50);
        assertThat(rest.differences()).hasSize(50).allMatch(d -> d.kind() == Kind.WAREHOUSE_ONLY);
    }

    @Test
    void aFactorBelowTwoOrAThresholdNotAboveItIsRefused() {
        assertThatThrownBy(() -> new Bisection(1, 4)).hasMessageContaining("factor");
        assertThatThrownBy(() -> new Bisection(4, 4)).hasMessageContaining("threshold");
    }

    /** Keys {@code from..to}, each with a digest of its own. */
    private static TreeMap<Integer, Long> rows(int from, int to) {
        TreeMap<Integer, Long> rows = new TreeMap<>();
        for (int key = from; key <= to; key++) {
            rows.put(key, RowDigest.digest("row " + key));
        }
        return rows;
    }

    private static SourceChunk chunk(TreeMap<Integer, Long> rows, KeyRange range) {
        SourceChunk.Builder builder = new SourceChunk.Builder(4);
        rows.forEach((key, digest) -> builder.add(key, digest, STAMP, SourceChunk.NO_PARENT, null));
        return builder.build(range);
    }

    /** A warehouse side held in memory, answering as the SQL does. */
    private static Bisection.Warehouse warehouse(TreeMap<Integer, Long> rows, List<Integer> inferred) {
        return new Bisection.Warehouse() {
            @Override
            public RangeSummary summary(KeyRange keys) {
                List<WarehouseKey> in = rows(keys);
                if (in.isEmpty()) {
                    return RangeSummary.EMPTY;
                }
                long sum = in.stream().mapToLong(WarehouseKey::digest).sum();
                return new RangeSummary(in.size(), sum, in.get(0).key(), in.get(in.size() - 1).key());
            }

            @Override
            public List<WarehouseKey> rows(KeyRange keys) {
                List<WarehouseKey> in = new ArrayList<>();
                rows.forEach((key, digest) -> {
                    if (keys.contains(key)) {
                        in.add(new WarehouseKey(key, inferred.contains(key) ? -7 : digest, inferred.contains(key)));
                    }
                });
                return in;
            }
        };
    }
}
