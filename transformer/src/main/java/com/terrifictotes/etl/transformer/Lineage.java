package com.terrifictotes.etl.transformer;

import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import com.terrifictotes.etl.lake.TableRow;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the rows of each source-backed warehouse table come from: one source table, row for row, joined for two
 * dimensions to the row a foreign key names, and derived column by column as the catalogue declares
 * ({@link com.terrifictotes.etl.catalogue.ColumnSource}, compiled by {@link StarRows}). dim_date is not here:
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
        TableRow derive(SourceRow row, SourceRow parent);
    }

    /** In the catalogue's order: dimensions, then facts; every star table that names a source table. */
    public static final List<Lineage> ALL = WarehouseCatalogue.starSchema().stream()
            .filter(t -> t.sourceTable() != null)
            .map(Lineage::declared)
            .toList();

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
    public TableRow derive(SourceRow row, SourceRow parent) {
        return derivation.derive(row, parent);
    }

    private static Lineage declared(WarehouseTable target) {
        StarRows rows = StarRows.of(target);
        Optional<Join> parent = Optional.ofNullable(rows.join())
                .map(key -> new Join(key.column(), rows.parent()));
        return new Lineage(target, rows.source(), parent, rows::derive);
    }
}
