package com.terrifictotes.etl.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.terrifictotes.etl.catalogue.ForeignKey;
import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import com.terrifictotes.etl.lake.AvroSchemas;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/** The dimension keys a fact batch references, gathered from its records as they are copied. */
class FactKeysTest {
    private static final WarehouseTable PAYMENT = WarehouseCatalogue.FACT_PAYMENT;

    @Test
    void gathersEachIntegerKeyOfAnInferableDimensionOnceInAscendingOrderWhateverItsSize() {
        FactKeys keys = new FactKeys(PAYMENT);

        for (int transaction : new int[] {7, 3, 7, Integer.MAX_VALUE, -5, 1 << 27, 0, 3}) {
            keys.add(payment(transaction, 2));
        }

        assertThat(keys.values(key("transaction_id")))
                .containsExactly(-5, 0, 3, 7, 1 << 27, Integer.MAX_VALUE);
        assertThat(keys.values(key("currency_id"))).containsExactly(2);
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
        none.add(new GenericData.Record(AvroSchemas.of(WarehouseCatalogue.DIM_STAFF)));
        FactKeys keys = new FactKeys(PAYMENT);
        keys.add(payment(11, 1));

        keys.clear();

        assertThat(keys.values(key("transaction_id"))).isEmpty();
        assertThat(WarehouseCatalogue.DIM_STAFF.foreignKeys()).allMatch(key -> !none.covers(key));
    }

    private static ForeignKey key(String column) {
        return PAYMENT.foreignKeys().stream().filter(key -> key.column().equals(column)).findFirst().orElseThrow();
    }

    /** A payment record with only the keys this test reads set; the others stay null, which gathering skips. */
    private static GenericRecord payment(int transaction, int currency) {
        GenericData.Record record = new GenericData.Record(AvroSchemas.of(PAYMENT));
        record.put("transaction_id", transaction);
        record.put("currency_id", currency);
        return record;
    }
}
