package com.terrifictotes.etl.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ForeignKeyPolicyTest {
    private final ForeignKeyPolicy policy = new ForeignKeyPolicy(10_000, 8);

    @Test
    void aBatchBelowTheMinimumAlwaysUsesTheTriggers() {
        assertThat(policy.setBased(9_999, 0)).isFalse();
    }

    @Test
    void aBigBatchIntoAnEmptyOrSmallTableGoesSetBased() {
        assertThat(policy.setBased(10_000, 0)).isTrue();
        assertThat(policy.setBased(10_000, 80_000)).isTrue();
    }

    @Test
    void aBigBatchOntoAFarBiggerTableUsesTheTriggers() {
        assertThat(policy.setBased(10_000, 80_008)).isFalse();
        assertThat(policy.setBased(1_000_000, 100_000_000)).isFalse();
    }

    @Test
    void theTestPoliciesForceOnePathForEveryBatch() {
        assertThat(ForeignKeyPolicy.SET_BASED.setBased(1, Long.MAX_VALUE)).isTrue();
        assertThat(ForeignKeyPolicy.ROW_BY_ROW.setBased(Long.MAX_VALUE - 1, 0)).isFalse();
    }

    @Test
    void refusesAMinimumBelowOneRow() {
        assertThatThrownBy(() -> new ForeignKeyPolicy(0, 8)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("minimumBatchRows must be at least 1");
    }
}
