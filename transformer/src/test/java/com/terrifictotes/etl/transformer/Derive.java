package com.terrifictotes.etl.transformer;

import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import com.terrifictotes.etl.lake.TableRow;

/** The tests' short names for deriving one star table's row through its {@link Lineage}, as the transformer does. */
final class Derive {
    private Derive() {
    }

    static TableRow staff(SourceRow staff, SourceRow department) {
        return derive(WarehouseCatalogue.DIM_STAFF, staff, department);
    }

    static TableRow location(SourceRow address) {
        return derive(WarehouseCatalogue.DIM_LOCATION, address, null);
    }

    static TableRow counterparty(SourceRow counterparty, SourceRow address) {
        return derive(WarehouseCatalogue.DIM_COUNTERPARTY, counterparty, address);
    }

    static TableRow currency(SourceRow currency) {
        return derive(WarehouseCatalogue.DIM_CURRENCY, currency, null);
    }

    static TableRow transaction(SourceRow transaction) {
        return derive(WarehouseCatalogue.DIM_TRANSACTION, transaction, null);
    }

    static TableRow salesOrder(SourceRow order) {
        return derive(WarehouseCatalogue.FACT_SALES_ORDER, order, null);
    }

    static TableRow purchaseOrder(SourceRow order) {
        return derive(WarehouseCatalogue.FACT_PURCHASE_ORDER, order, null);
    }

    static TableRow payment(SourceRow payment) {
        return derive(WarehouseCatalogue.FACT_PAYMENT, payment, null);
    }

    private static TableRow derive(WarehouseTable target, SourceRow row, SourceRow parent) {
        return Lineage.of(target).derive(row, parent);
    }
}
