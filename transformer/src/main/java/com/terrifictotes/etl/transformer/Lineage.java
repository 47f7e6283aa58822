package com.terrifictotes.etl.transformer;

import static com.terrifictotes.etl.catalogue.ToteSysCatalogue.ADDRESS;
import static com.terrifictotes.etl.catalogue.ToteSysCatalogue.COUNTERPARTY;
import static com.terrifictotes.etl.catalogue.ToteSysCatalogue.CURRENCY;
import static com.terrifictotes.etl.catalogue.ToteSysCatalogue.DEPARTMENT;
import static com.terrifictotes.etl.catalogue.ToteSysCatalogue.DESIGN;
import static com.terrifictotes.etl.catalogue.ToteSysCatalogue.PAYMENT;
import static com.terrifictotes.etl.catalogue.ToteSysCatalogue.PAYMENT_TYPE;
import static com.terrifictotes.etl.catalogue.ToteSysCatalogue.PURCHASE_ORDER;
import static com.terrifictotes.etl.catalogue.ToteSysCatalogue.SALES_ORDER;
import static com.terrifictotes.etl.catalogue.ToteSysCatalogue.STAFF;
import static com.terrifictotes.etl.catalogue.ToteSysCatalogue.TRANSACTION;
import static com.terrifictotes.etl.catalogue.WarehouseCatalogue.DIM_COUNTERPARTY;
import static com.terrifictotes.etl.catalogue.WarehouseCatalogue.DIM_CURRENCY;
import static com.terrifictotes.etl.catalogue.WarehouseCatalogue.DIM_DESIGN;
import static com.terrifictotes.etl.catalogue.WarehouseCatalogue.DIM_LOCATION;
import static com.terrifictotes.etl.catalogue.WarehouseCatalogue.DIM_PAYMENT_TYPE;
import static com.terrifictotes.etl.catalogue.WarehouseCatalogue.DIM_STAFF;
import static com.terrifictotes.etl.catalogue.WarehouseCatalogue.DIM_TRANSACTION;
import static com.terrifictotes.etl.catalogue.WarehouseCatalogue.FACT_PAYMENT;
import static com.terrifictotes.etl.catalogue.WarehouseCatalogue.FACT_PURCHASE_ORDER;
import static com.terrifictotes.etl.catalogue.WarehouseCatalogue.FACT_SALES_ORDER;

import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.avro.generic.GenericRecord;

/**
 * Where the rows of each source-backed warehouse table come from: one source table, row for row, joined for two
 * dimensions to the row a foreign key names, and derived by {@link Dimensions} or {@link Facts}. dim_date is not here:
 * it is derived from the facts. The transformer streams and joins by this; the reconciliation pass derives the source's
 * rows with the very same functions to compare them with the warehouse, and maps a source row found gone to the
 * warehouse row it made.
 *
 * @param parent the joined table and the foreign key that names its row, for dim_staff and dim_counterparty
 */
public record Lineage(WarehouseTable target, SourceTable source, Optional<Join> parent, Derivation derivation) {
    /** The row of {@code table} that the source row's {@code foreignKey} names. */
    public record Join(String foreignKey, SourceTable table) {
        public Join {
            Objects.requireNonNull(foreignKey, "foreignKey");
            Objects.requireNonNull(table, "table");
        }
    }

    /** Makes the warehouse row of a source row; {@code parent} is the joined row, or null for a table without one. */
    @FunctionalInterface
    public interface Derivation {
        GenericRecord derive(SourceRow row, SourceRow parent);
    }

    /** In the catalogue's order: dimensions, then facts. */
    public static final List<Lineage> ALL = List.of(
            joined(DIM_STAFF, STAFF, "department_id", DEPARTMENT, Dimensions::staff),
            single(DIM_LOCATION, ADDRESS, Dimensions::location),
            single(DIM_CURRENCY, CURRENCY, Dimensions::currency),
            single(DIM_DESIGN, DESIGN, Dimensions::design),
            joined(DIM_COUNTERPARTY, COUNTERPARTY, "legal_address_id", ADDRESS, Dimensions::counterparty),
            single(DIM_PAYMENT_TYPE, PAYMENT_TYPE, Dimensions::paymentType),
            single(DIM_TRANSACTION, TRANSACTION, Dimensions::transaction),
            single(FACT_SALES_ORDER, SALES_ORDER, Facts::salesOrder),
            single(FACT_PURCHASE_ORDER, PURCHASE_ORDER, Facts::purchaseOrder),
            single(FACT_PAYMENT, PAYMENT, Facts::payment));

    public Lineage {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(derivation, "derivation");
    }

    /** The lineage of a warehouse table; dim_date and the ETL tables have none. */
    public static Lineage of(WarehouseTable target) {
        return ALL.stream().filter(l -> l.target().name().equals(target.name())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(target.name() + " is not derived row for row from"
                        + " one source table"));
    }

    /**
     * The warehouse table whose rows are {@code source}'s rows, one each: what a row of it found gone takes with it.
     * Empty for department, whose rows only ever travel inside dim_staff rows.
     */
    public static Optional<Lineage> ofSource(SourceTable source) {
        return ALL.stream().filter(l -> l.source().name().equals(source.name())).findFirst();
    }

    /** @param parent the row the join names, or null for a table without a join */
    public GenericRecord derive(SourceRow row, SourceRow parent) {
        return derivation.derive(row, parent);
    }

    private static Lineage single(WarehouseTable target, SourceTable source,
                                  java.util.function.Function<SourceRow, GenericRecord> derivation) {
        return new Lineage(target, source, Optional.empty(), (row, parent) -> derivation.apply(row));
    }

    private static Lineage joined(WarehouseTable target, SourceTable source, String foreignKey, SourceTable parent,
                                  Derivation derivation) {
        return new Lineage(target, source, Optional.of(new Join(foreignKey, parent)), derivation);
    }
}
