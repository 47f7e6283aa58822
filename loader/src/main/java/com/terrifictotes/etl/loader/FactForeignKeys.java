package com.terrifictotes.etl.loader;

import com.terrifictotes.etl.catalogue.ForeignKey;
import com.terrifictotes.etl.catalogue.Identifiers;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import java.util.stream.Collectors;

/**
 * The foreign keys of one fact table, as the migration declares them, for a big batch to set aside and restore
 * inside its own transaction.
 *
 * <p>Why: PostgreSQL checks a foreign key per inserted row, by trigger, one index probe per key and row (7 to 9 per
 * fact row). Measured at SF10 that is 85% of a fact table's load. Re-adding a foreign key checks the whole table in
 * one set-based anti-join instead. So a big batch drops the table's foreign keys, appends its rows, and adds the
 * same constraints back, under the same names, validated (never {@code NOT VALID}): when the transaction commits,
 * the warehouse declares and enforces exactly what it did before, and every row in it has been checked.
 *
 * <p>What it costs: {@code ALTER TABLE} holds an ACCESS EXCLUSIVE lock on the fact table, and dropping a foreign
 * key one on the dimension it references, until the batch commits; readers of those tables wait for the load.
 * That is why only big batches (an initial load, a catch-up) take this path. Being DDL inside the batch's
 * transaction, it is undone with everything else by any failure, and it needs no migration: the schema is the
 * same before and after.
 *
 * <p>Names are PostgreSQL's defaults for the migration's inline {@code REFERENCES} ({@code <table>_<column>_fkey}),
 * built from catalogue names only. A warehouse whose constraints have other names fails the drop, naming the
 * constraint, rather than ending up with its keys declared twice.
 */
final class FactForeignKeys {
    private FactForeignKeys() {
    }

    static String constraintName(WarehouseTable fact, ForeignKey key) {
        return Identifiers.requireValid(fact.name() + "_" + key.column() + "_fkey");
    }

    /** One statement dropping all of the fact's foreign keys. */
    static String drop(WarehouseTable fact) {
        return "ALTER TABLE " + fact.quotedName() + " " + fact.foreignKeys().stream()
                .map(key -> "DROP CONSTRAINT " + Identifiers.quote(constraintName(fact, key)))
                .collect(Collectors.joining(", "));
    }

    /** One statement adding them back; PostgreSQL validates each with one query over the whole table. */
    static String add(WarehouseTable fact) {
        return "ALTER TABLE " + fact.quotedName() + " " + fact.foreignKeys().stream()
                .map(key -> "ADD CONSTRAINT " + Identifiers.quote(constraintName(fact, key))
                        + " FOREIGN KEY (" + Identifiers.quote(key.column()) + ") REFERENCES "
                        + Identifiers.quote(key.referencedTable()) + " (" + Identifiers.quote(key.referencedColumn())
                        + ")")
                .collect(Collectors.joining(", "));
    }
}
