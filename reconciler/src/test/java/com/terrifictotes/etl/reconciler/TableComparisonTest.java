package com.terrifictotes.etl.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.manifest.Reconciliation.Findings;
import com.terrifictotes.etl.reconciler.Bisection.Difference;
import com.terrifictotes.etl.reconciler.Bisection.Kind;
import com.terrifictotes.etl.transformer.Lineage;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How differences become findings: a version in flight (stamped at or after the last applied batch's bound less the
 * overlap, not after the source's clock) and a quarantined version (its own, or its joined row's) are left alone; a
 * version stamped in the future is delivered; a joined dimension's row brings its joined row along.
 */
class TableComparisonTest {
    private static final LocalDateTime NOW = LocalDateTime.of(2026, 11, 22, 3, 0);
    private static final LocalDateTime IN_FLIGHT_FROM = NOW.minusMinutes(20);

    @Test
    void versionsInFlightAndQuarantinedVersionsAreLeftAloneAndTheFutureIsDelivered() {
        RejectedVersions rejected = new RejectedVersions();
        rejected.add("design", "4", NOW.minusDays(3).plusNanos(123_000_000));
        Rules rules = new Rules(Map.of("design", IN_FLIGHT_FROM), NOW, rejected);
        TableComparison design = new TableComparison(Lineage.of(WarehouseCatalogue.DIM_DESIGN), rules);
        SourceChunk chunk = chunk(
                row(1, NOW.minusDays(1)), // changed long ago: delivered
                row(2, NOW.minusMinutes(5)), // in flight: the next window reads it
                row(3, NOW.plusHours(2)), // stamped in the future: no window reads it yet
                row(4, NOW.minusDays(3).plusNanos(123_456_000)), // quarantined, compared to the millisecond
                row(5, IN_FLIGHT_FROM), // exactly at the bound: in flight
                row(6, null)); // an unreadable stamp is never in flight

        design.add(chunk, new Bisection.Outcome(List.of(new Difference(1, Kind.CONTENT, 0),
                new Difference(2, Kind.CONTENT, 1), new Difference(3, Kind.SOURCE_ONLY, 2),
                new Difference(4, Kind.CONTENT, 3), new Difference(5, Kind.INFERRED, 4),
                new Difference(6, Kind.SOURCE_ONLY, 5), new Difference(9, Kind.WAREHOUSE_ONLY, -1)), 8));

        assertThat(design.findings()).isEqualTo(new Findings(2, 1, 1, 0, 2, 1));
        assertThat(design.deliver()).containsExactly(1, 3, 6);
        assertThat(design.deleted()).containsExactly(9);
        assertThat(design.warehouseRows()).isEqualTo(8);
    }

    @Test
    void aJoinedDimensionBringsItsJoinedRowAndIsLeftAloneWhileThatRowIsInFlightOrQuarantined() {
        RejectedVersions rejected = new RejectedVersions();
        rejected.add("department", "30", NOW.minusDays(9));
        Rules rules = new Rules(Map.of("staff", IN_FLIGHT_FROM, "department", IN_FLIGHT_FROM), NOW, rejected);
        TableComparison staff = new TableComparison(Lineage.of(WarehouseCatalogue.DIM_STAFF), rules);
        SourceChunk.Builder builder = new SourceChunk.Builder(3);
        builder.add(1, 11, NOW.minusDays(1), 10, NOW.minusDays(2)); // its department changed: delivered with it
        builder.add(2, 12, NOW.minusDays(1), 20, NOW.minusMinutes(1)); // its department is in flight
        builder.add(3, 13, NOW.minusDays(1), 30, NOW.minusDays(9)); // its department's version is quarantined
        SourceChunk chunk = builder.build(KeyRange.EVERY);

        staff.add(chunk, new Bisection.Outcome(List.of(new Difference(1, Kind.CONTENT, 0),
                new Difference(2, Kind.CONTENT, 1), new Difference(3, Kind.CONTENT, 2)), 3));

        assertThat(staff.findings()).isEqualTo(new Findings(0, 1, 0, 0, 1, 1));
        assertThat(staff.deliver()).containsExactly(1);
        assertThat(staff.parents()).containsExactly(10);
    }

    private static Object[] row(int key, LocalDateTime stamp) {
        return new Object[] {key, stamp};
    }

    private static SourceChunk chunk(Object[]... rows) {
        SourceChunk.Builder builder = new SourceChunk.Builder(rows.length);
        for (Object[] row : rows) {
            builder.add((Integer) row[0], 100 + (Integer) row[0], (LocalDateTime) row[1], SourceChunk.NO_PARENT, null);
        }
        return builder.build(KeyRange.EVERY);
    }
}
