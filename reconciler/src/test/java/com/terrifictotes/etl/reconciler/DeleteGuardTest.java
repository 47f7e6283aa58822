package com.terrifictotes.etl.reconciler;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.reconciler.Bisection.Difference;
import com.terrifictotes.etl.reconciler.Bisection.Kind;
import com.terrifictotes.etl.transformer.Lineage;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A partial source read looks like a mass delete: above the ratio (and the floor), or everything gone, is refused. */
class DeleteGuardTest {
    private static final Rules RULES = new Rules(Map.of(), LocalDateTime.of(2026, 1, 1, 0, 0), new RejectedVersions());

    @Test
    void deletesWithinTheRatioOrTheFloorPass() {
        DeleteGuard guard = new DeleteGuard(0.1, 10);

        assertThatCode(() -> guard.check(List.of(design(1000, 100), staff(20, 10)))).doesNotThrowAnyException();
    }

    @Test
    void moreThanTheRatioBeyondTheFloorIsRefusedNamingTheTableAndTheSetting() {
        DeleteGuard guard = new DeleteGuard(0.1, 10);

        assertThatThrownBy(() -> guard.check(List.of(design(1000, 101), staff(20, 10))))
                .isInstanceOf(DeleteGuard.MassDeleteRefused.class)
                .hasMessageContaining("dim_design: 101 of its 1000 live rows gone (10%)")
                .hasMessageContaining("RECONCILE_MAX_DELETE_RATIO")
                .hasMessageNotContaining("dim_staff");
    }

    @Test
    void aTableReadAsEmptyIsRefusedHoweverSmallUnlessTheGuardIsOff() {
        assertThatThrownBy(() -> new DeleteGuard(0.1, 10).check(List.of(staff(4, 4))))
                .hasMessageContaining("dim_staff: 4 of its 4 live rows gone (100%)");
        assertThatCode(() -> new DeleteGuard(1.0, 10).check(List.of(staff(4, 4)))).doesNotThrowAnyException();
    }

    private static TableComparison design(int live, int deleted) {
        return table(WarehouseCatalogue.DIM_DESIGN, live, deleted);
    }

    private static TableComparison staff(int live, int deleted) {
        return table(WarehouseCatalogue.DIM_STAFF, live, deleted);
    }

    private static TableComparison table(com.terrifictotes.etl.catalogue.WarehouseTable target, int live,
                                         int deleted) {
        TableComparison table = new TableComparison(Lineage.of(target), RULES);
        List<Difference> gone = new ArrayList<>();
        for (int key = 0; key < deleted; key++) {
            gone.add(new Difference(key, Kind.WAREHOUSE_ONLY, -1));
        }
        table.add(new SourceChunk.Builder(1).build(KeyRange.EVERY), new Bisection.Outcome(gone, live));
        return table;
    }
}
