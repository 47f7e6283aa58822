package com.terrifictotes.etl.transformer;

import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import org.apache.avro.generic.GenericRecord;

/** The tests' short names for deriving one star table's row through its {@link Lineage}, as the transformer does. */
final class Derive {
    private Derive() {
    }

    static GenericRecord staff(SourceRow staff, SourceRow department) {
        return derive(WarehouseCatalogue.DIM_STAFF, staff, department);
    }

    static GenericRecord location(SourceRow address) {
        return derive(WarehouseCatalogue.DIM_LOCATION, address, null);
    }

    static GenericRecord counterparty(SourceRow counterparty, SourceRow address) {
        return derive(WarehouseCatalogue.DIM_COUNTERPARTY, counterparty, address);
    }

    static GenericRecord currency(SourceRow currency) {
        return derive(WarehouseCatalogue.DIM_CURRENCY, currency, null);
    }

    static GenericRecord transaction(SourceRow transaction) {
        return derive(WarehouseCatalogue.DIM_TRANSACTION, transaction, null);
    }

    static GenericRecord salesOrder(SourceRow order) {
        return derive(WarehouseCatalogue.FACT_SALES_ORDER, order, null);
    }

    static GenericRecord purchaseOrder(SourceRow order) {
        return derive(WarehouseCatalogue.FACT_PURCHASE_ORDER, order, null);
    }

    static GenericRecord payment(SourceRow payment) {
        return derive(WarehouseCatalogue.FACT_PAYMENT, payment, null);
    }

    private static GenericRecord derive(WarehouseTable target, SourceRow row, SourceRow parent) {
        return Lineage.of(target).derive(row, parent);
    }
}
