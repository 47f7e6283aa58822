package com.terrifictotes.etl.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.terrifictotes.etl.catalogue.Column;
import com.terrifictotes.etl.catalogue.ForeignKey;
import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import com.terrifictotes.etl.manifest.DataFile;
import com.terrifictotes.etl.runtime.SampleValues;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The dimension keys a fact batch references, and the natural keys a dimension batch carries, gathered from the
 * lake files as they are copied.
 */
class FactKeysTest {
    private static final WarehouseTable PAYMENT = WarehouseCatalogue.FACT_PAYMENT;
    private static final WarehouseTable TRANSACTION = WarehouseCatalogue.DIM_TRANSACTION;

    private final LakeFileRows files = new LakeFileRows();

    @Test
    void gathersEachIntegerKeyOfAnInferableDimensionOnceInAscendingOrderWhateverItsSize() {
        FactKeys keys = new FactKeys(PAYMENT);

        gather(keys, PAYMENT, "transaction_id", 7, 3, 7, Integer.MAX_VALUE, -5, 1 << 27, 0, 3);

        assertThat(keys.values(key("transaction_id")))
                .containsExactly(-5, 0, 3, 7, 1 << 27, Integer.MAX_VALUE);
        assertThat(keys.values(key("currency_id"))).containsExactly((Integer) SampleValues.of(column("currency_id")));
    }

    @Test
    void leavesDateKeysToSqlBecauseDimDateTakesNoInferredRows() {
        FactKeys keys = new FactKeys(PAYMENT);

        assertThat(keys.covers(key("payment_date"))).isFalse();
        assertThat(keys.covers(key("counterparty_id"))).isTrue();
        assertThatThrownBy(() -> keys.values(key("payment_date"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("payment_date");
    }

    @Test
    void aTableWithoutForeignKeysGathersNothingAndACopyUndoneForgetsWhatItGathered() {
        FactKeys none = new FactKeys(WarehouseCatalogue.DIM_STAFF);
        FactKeys keys = new FactKeys(PAYMENT);
        gather(keys, PAYMENT, "transaction_id", 11);

        keys.clear();

        assertThat(keys.values(key("transaction_id"))).isEmpty();
        assertThat(WarehouseCatalogue.DIM_STAFF.foreignKeys()).allMatch(key -> !none.covers(key));
    }

    @Test
    void leavesOutTheKeysTheBatchsOwnDimensionRowsCarryAndNothingIsLeftWhenTheyCarryThemAll() {
        FactKeys facts = new FactKeys(PAYMENT);
        gather(facts, PAYMENT, "transaction_id", -5, 3, 7, 1 << 27, Integer.MAX_VALUE);
        FactKeys dimension = FactKeys.ofDimension(TRANSACTION);
        gather(dimension, TRANSACTION, "transaction_id", 3, 1 << 27, 8, -6);

        assertThat(facts.valuesNotIn(key("transaction_id"), dimension))
                .containsExactly(-5, 7, Integer.MAX_VALUE);
        assertThat(facts.valuesNotIn(key("transaction_id"), null)).containsExactly(-5, 3, 7, 1 << 27,
                Integer.MAX_VALUE);
        gather(dimension, TRANSACTION, "transaction_id", -5, 7, Integer.MAX_VALUE);
        assertThat(facts.valuesNotIn(key("transaction_id"), dimension)).isEmpty();
        assertThat(facts.values(key("transaction_id"))).as("what was gathered is unchanged").hasSize(5);
    }

    @Test
    void aDimensionGathersOnlyTheNaturalKeyFactsReferenceAndOnlyIfItTakesInferredRows() {
        FactKeys dimension = FactKeys.ofDimension(TRANSACTION);
        FactKeys dates = FactKeys.ofDimension(WarehouseCatalogue.DIM_DATE);
        FactKeys fact = FactKeys.ofDimension(PAYMENT);
        gather(dimension, TRANSACTION, "transaction_id", 4);
        FactKeys facts = new FactKeys(PAYMENT);
        gather(facts, PAYMENT, "transaction_id", 4);

        assertThat(facts.valuesNotIn(key("transaction_id"), dimension)).isEmpty();
        assertThat(facts.valuesNotIn(key("transaction_id"), dates)).containsExactly(4);
        assertThat(facts.valuesNotIn(key("transaction_id"), fact)).containsExactly(4);
    }

    /** Writes rows of {@code table} with {@code column} set to each value (the rest plausible) and gathers them. */
    private void gather(FactKeys keys, WarehouseTable table, String column, int... values) {
        int position = table.loadColumnNames().indexOf(column);
        List<Object[]> rows = new ArrayList<>();
        for (int value : values) {
            Object[] row = table.loadColumns().stream().map(SampleValues::of).toArray();
            row[position] = value;
            rows.add(row);
        }
        DataFile file = files.write(table, rows);
        files.forEachRow(table, file, row -> {
            keys.add(row);
            for (int i = 0; i < table.loadColumns().size(); i++) {
                if (row.column(i) != null) {
                    row.column(i).consume();
                }
            }
        });
    }

    private static ForeignKey key(String column) {
        return PAYMENT.foreignKeys().stream().filter(key -> key.column().equals(column)).findFirst().orElseThrow();
    }

    private static Column column(String name) {
        return PAYMENT.loadColumns().get(PAYMENT.loadColumnNames().indexOf(name));
    }
}
