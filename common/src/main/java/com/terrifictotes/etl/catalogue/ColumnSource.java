package com.terrifictotes.etl.catalogue;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a column of a star table comes from, declared in {@link WarehouseCatalogue} next to the column: the one
 * source-to-star mapping that the transformer derives rows by and the reconciliation pass compares by.
 * {@link StarMapping#check} proves, when the catalogue loads, that every declaration names a source table, column and
 * foreign key that {@link ToteSysCatalogue} has, with a type the warehouse column can take.
 */
public sealed interface ColumnSource {
    /**
     * The column of the star table's own source row that this value is read from, if any: what a value the warehouse
     * cannot hold is blamed on (quarantine records and {@code RowRejected} name it).
     */
    default Optional<String> ownColumn() {
        return Optional.empty();
    }

    /** The source row's column {@code column}, as it is (the same name or renamed). */
    record Copied(String column) implements ColumnSource {
        public Copied {
            Identifiers.requireValid(column);
        }

        @Override
        public Optional<String> ownColumn() {
            return Optional.of(column);
        }
    }

    /**
     * Column {@code column} of the parent row that the source row's foreign key {@code foreignKey} names (a foreign key
     * {@link ToteSysCatalogue} declares): staff's department, a counterparty's legal address.
     */
    record Joined(String foreignKey, String column) implements ColumnSource {
        public Joined {
            Identifiers.requireValid(foreignKey);
            Identifiers.requireValid(column);
        }
    }

    /** The date of timestamp {@code column} of the source row. */
    record DatePart(String column) implements ColumnSource {
        public DatePart {
            Identifiers.requireValid(column);
        }

        @Override
        public Optional<String> ownColumn() {
            return Optional.of(column);
        }
    }

    /** The time of day of timestamp {@code column}, milliseconds kept. */
    record TimePart(String column) implements ColumnSource {
        public TimePart {
            Identifiers.requireValid(column);
        }

        @Override
        public Optional<String> ownColumn() {
            return Optional.of(column);
        }
    }

    /**
     * Text column {@code column} read as a date, strictly: only {@code YYYY-MM-DD} naming a real calendar date is a
     * date; anything else rejects the row version, naming {@code column}.
     */
    record TextDate(String column) implements ColumnSource {
        public TextDate {
            Identifiers.requireValid(column);
        }

        @Override
        public Optional<String> ownColumn() {
            return Optional.of(column);
        }
    }

    /** What {@code lookup} gives for the value of {@code column}: a value the source does not hold. */
    record Looked(String column, Lookup lookup) implements ColumnSource {
        public Looked {
            Identifiers.requireValid(column);
            Objects.requireNonNull(lookup, "lookup");
        }

        @Override
        public Optional<String> ownColumn() {
            return Optional.of(column);
        }
    }

    /** An attribute of a calendar date: dim_date's columns, derived from the dates the facts reference. */
    record Calendar(CalendarAttribute attribute) implements ColumnSource {
        public Calendar {
            Objects.requireNonNull(attribute, "attribute");
        }
    }

    /**
     * Kept by the warehouse, never derived from the source: a fact's surrogate key and
     * {@value WarehouseTable#ETL_BATCH}, a dimension's {@value WarehouseTable#IS_INFERRED}, and
     * {@value WarehouseTable#DELETED_AT}.
     */
    record Kept() implements ColumnSource {
    }

    /** The lookups a column may be declared with. */
    enum Lookup {
        /** The English ISO 4217 name of a currency code (the code itself when the runtime does not know it). */
        CURRENCY_NAME(ColumnType.TEXT);

        private final ColumnType type;

        Lookup(ColumnType type) {
            this.type = type;
        }

        /** The type of what the lookup gives. */
        public ColumnType type() {
            return type;
        }
    }
}
