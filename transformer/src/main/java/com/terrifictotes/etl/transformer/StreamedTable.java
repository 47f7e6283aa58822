package com.terrifictotes.etl.transformer;

import static com.terrifictotes.etl.catalogue.ToteSysCatalogue.CURRENCY;
import static com.terrifictotes.etl.catalogue.ToteSysCatalogue.DESIGN;
import static com.terrifictotes.etl.catalogue.ToteSysCatalogue.PAYMENT;
import static com.terrifictotes.etl.catalogue.ToteSysCatalogue.PAYMENT_TYPE;
import static com.terrifictotes.etl.catalogue.ToteSysCatalogue.PURCHASE_ORDER;
import static com.terrifictotes.etl.catalogue.ToteSysCatalogue.SALES_ORDER;
import static com.terrifictotes.etl.catalogue.ToteSysCatalogue.TRANSACTION;
import static com.terrifictotes.etl.catalogue.WarehouseCatalogue.DIM_CURRENCY;
import static com.terrifictotes.etl.catalogue.WarehouseCatalogue.DIM_DESIGN;
import static com.terrifictotes.etl.catalogue.WarehouseCatalogue.DIM_PAYMENT_TYPE;
import static com.terrifictotes.etl.catalogue.WarehouseCatalogue.DIM_TRANSACTION;
import static com.terrifictotes.etl.catalogue.WarehouseCatalogue.FACT_PAYMENT;
import static com.terrifictotes.etl.catalogue.WarehouseCatalogue.FACT_PURCHASE_ORDER;
import static com.terrifictotes.etl.catalogue.WarehouseCatalogue.FACT_SALES_ORDER;

import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import java.util.List;
import java.util.function.Function;
import org.apache.avro.generic.GenericRecord;

/** A warehouse table derived row by row from one source table, streamed from CSV to Parquet without a join. */
record StreamedTable(WarehouseTable target, SourceTable source, Function<SourceRow, GenericRecord> derivation) {
    static final List<StreamedTable> DIMENSIONS = List.of(
            new StreamedTable(DIM_CURRENCY, CURRENCY, Dimensions::currency),
            new StreamedTable(DIM_DESIGN, DESIGN, Dimensions::design),
            new StreamedTable(DIM_PAYMENT_TYPE, PAYMENT_TYPE, Dimensions::paymentType),
            new StreamedTable(DIM_TRANSACTION, TRANSACTION, Dimensions::transaction));

    static final List<StreamedTable> FACTS = List.of(
            new StreamedTable(FACT_SALES_ORDER, SALES_ORDER, Facts::salesOrder),
            new StreamedTable(FACT_PURCHASE_ORDER, PURCHASE_ORDER, Facts::purchaseOrder),
            new StreamedTable(FACT_PAYMENT, PAYMENT, Facts::payment));

    GenericRecord derive(SourceRow row) {
        return derivation.apply(row);
    }
}
