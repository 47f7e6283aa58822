package com.terrifictotes.etl.transformer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.lake.TableRow;
import org.junit.jupiter.api.Test;

class WarehouseRowTest {
    @Test
    void setsEachValueUnderItsColumnName() {
        TableRow row = WarehouseRow.of(WarehouseCatalogue.DIM_CURRENCY)
                .set("currency_id", 1).set("currency_code", "GBP").set("currency_name", "British pound").build();

        assertThat(row.get("currency_id")).isEqualTo(1);
        assertThat(row.get("currency_code")).isEqualTo("GBP");
        assertThat(row.get("currency_name")).isEqualTo("British pound");
    }

    @Test
    void refusesAColumnTheTableDoesNotHave() {
        assertThatThrownBy(() -> WarehouseRow.of(WarehouseCatalogue.DIM_CURRENCY).set("currency_symbol", "£"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("table dim_currency has no column currency_symbol");
    }

    @Test
    void refusesARowWithANotNullColumnLeftEmptyNamingIt() {
        WarehouseRow row = WarehouseRow.of(WarehouseCatalogue.DIM_CURRENCY).set("currency_id", 1)
                .set("currency_code", "GBP");

        assertThatThrownBy(row::build).isInstanceOf(IllegalStateException.class)
                .hasMessage("dim_currency.currency_name is NOT NULL but was not set");
    }

    @Test
    void acceptsANullInANullableColumn() {
        TableRow row = WarehouseRow.of(WarehouseCatalogue.DIM_TRANSACTION).set("transaction_id", 7)
                .set("transaction_type", "SALE").set("sales_order_id", 3).set("purchase_order_id", null).build();

        assertThat(row.get("purchase_order_id")).isNull();
    }
}
