package com.terrifictotes.etl.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.terrifictotes.etl.error.ConfigurationException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowBudgetTest {
    private final RowBudget budget = new RowBudget(1_000);

    @Test
    void theFirstBatchIsAlwaysTakenHoweverLarge() {
        assertThat(budget.admits(0, 0, 5_000)).isTrue();
    }

    @Test
    void aFurtherBatchIsTakenWhileTheRowsStayWithinTheBudget() {
        assertThat(budget.admits(1, 400, 600)).isTrue();
        assertThat(budget.admits(3, 999, 1)).isTrue();
    }

    @Test
    void aFurtherBatchThatWouldPassTheBudgetIsLeftForTheNextInvocation() {
        assertThat(budget.admits(1, 400, 601)).isFalse();
        assertThat(budget.admits(1, 5_000, 0)).isFalse();
    }

    @Test
    void theUnboundedBudgetTakesEverythingWithoutOverflowing() {
        assertThat(RowBudget.UNBOUNDED.admits(10, Long.MAX_VALUE - 1, 1)).isTrue();
        assertThat(RowBudget.UNBOUNDED.admits(10, Long.MAX_VALUE, 1)).isFalse();
    }

    @Test
    void theBudgetComesFromTheEnvironmentWithTheExtractorsDefault() {
        assertThat(RowBudget.fromEnvironment(Map.of())).isEqualTo(new RowBudget(2_000_000));
        assertThat(RowBudget.fromEnvironment(Map.of("MAX_ROWS_PER_INVOCATION", "5000")).maxRows()).isEqualTo(5_000);
        assertThatThrownBy(() -> RowBudget.fromEnvironment(Map.of("MAX_ROWS_PER_INVOCATION", "0")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("MAX_ROWS_PER_INVOCATION");
    }
}
