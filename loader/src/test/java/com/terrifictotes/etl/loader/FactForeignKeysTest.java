package com.terrifictotes.etl.loader;

import static org.assertj.core.api.Assertions.assertThat;

import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import org.junit.jupiter.api.Test;

/** The statements' text; that they match the migration's constraints is checked on a real warehouse elsewhere. */
class FactForeignKeysTest {
    private static final WarehouseTable PAYMENT = WarehouseCatalogue.FACT_PAYMENT;

    @Test
    void dropsEveryForeignKeyOfTheFactByPostgresDefaultNameInOneStatement() {
        assertThat(FactForeignKeys.drop(PAYMENT)).isEqualTo("ALTER TABLE \"fact_payment\""
                + " DROP CONSTRAINT \"fact_payment_created_date_fkey\","
                + " DROP CONSTRAINT \"fact_payment_last_updated_date_fkey\","
                + " DROP CONSTRAINT \"fact_payment_transaction_id_fkey\","
                + " DROP CONSTRAINT \"fact_payment_counterparty_id_fkey\","
                + " DROP CONSTRAINT \"fact_payment_currency_id_fkey\","
                + " DROP CONSTRAINT \"fact_payment_payment_type_id_fkey\","
                + " DROP CONSTRAINT \"fact_payment_payment_date_fkey\"");
    }

    @Test
    void addsThemBackValidatedUnderTheSameNames() {
        String add = FactForeignKeys.add(PAYMENT);

        assertThat(add).startsWith("ALTER TABLE \"fact_payment\" ADD CONSTRAINT \"fact_payment_created_date_fkey\""
                + " FOREIGN KEY (\"created_date\") REFERENCES \"dim_date\" (\"date_id\"), ")
                .contains("ADD CONSTRAINT \"fact_payment_transaction_id_fkey\" FOREIGN KEY (\"transaction_id\")"
                        + " REFERENCES \"dim_transaction\" (\"transaction_id\")")
                .doesNotContain("NOT VALID");
        assertThat(add.split("ADD CONSTRAINT", -1)).hasSize(PAYMENT.foreignKeys().size() + 1);
    }
}
