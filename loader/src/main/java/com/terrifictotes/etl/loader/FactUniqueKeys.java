package com.terrifictotes.etl.loader;

import com.terrifictotes.etl.catalogue.Identifiers;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The unique keys of one fact table (its surrogate primary key and its version key), as the migration declares
 * them, for a big first load to set aside while it copies and to build afterwards, inside the batch's transaction.
 *
 * <p>Why: PostgreSQL maintains a B-tree index row by row during a COPY: one descent, one leaf write and its WAL per
 * row and index. Building the index once the rows are in sorts them and writes each leaf once. Measured at SF100 on
 * a busy machine (BENCHMARKS.md, "Issue #18: the load"): copy plus build 1.7-2.5 s against 2.8-3.0 s for the copy
 * under the indexes (fact_purchase_order), 5.5-5.8 s against 5.8-7.0 s (fact_sales_order, whose version key
 * arrives mostly in key order, which the B-tree handles cheaply row by row).
 *
 * <p>What does not change: the table is empty when this path starts ({@code TableLoader}'s straight copy) and its
 * version key is still unique when the batch commits. A version the batch repeats fails the build with SQLSTATE
 * 23505, as the COPY did before; the copy is undone to its savepoint (which restores these constraints) and the batch
 * is merged instead. The lock is the foreign keys' (ACCESS EXCLUSIVE on the fact until commit), on a table that held
 * nothing. Dimensions keep their keys: the facts' foreign keys reference them, and they are small.
 *
 * <p>Names are PostgreSQL's default for the primary key ({@code <table>_pkey}) and the migration's
 * {@code <table>_version}, built from catalogue names only. A warehouse whose constraints are named otherwise fails
 * the drop, naming the constraint, and the batch rolls back.
 */
final class FactUniqueKeys {
    private FactUniqueKeys() {
    }

    static String primaryKeyName(WarehouseTable fact) {
        return Identifiers.requireValid(fact.name() + "_pkey");
    }

    static String versionKeyName(WarehouseTable fact) {
        return Identifiers.requireValid(fact.name() + "_version");
    }

    /** One statement dropping both constraints (and their indexes). */
    static String drop(WarehouseTable fact) {
        requireFact(fact);
        return "ALTER TABLE " + fact.quotedName() + " DROP CONSTRAINT " + Identifiers.quote(primaryKeyName(fact))
                + ", DROP CONSTRAINT " + Identifiers.quote(versionKeyName(fact));
    }

    /** One statement adding them back: one index build (a scan and a sort) each. */
    static String add(WarehouseTable fact) {
        requireFact(fact);
        return "ALTER TABLE " + fact.quotedName()
                + " ADD CONSTRAINT " + Identifiers.quote(primaryKeyName(fact)) + " PRIMARY KEY ("
                + columns(fact.primaryKey()) + ")"
                + ", ADD CONSTRAINT " + Identifiers.quote(versionKeyName(fact)) + " UNIQUE ("
                + columns(fact.versionKey()) + ")";
    }

    private static String columns(List<String> names) {
        return names.stream().map(Identifiers::quote).collect(Collectors.joining(", "));
    }

    private static void requireFact(WarehouseTable table) {
        if (!table.isFact()) {
            throw new IllegalArgumentException(table.name() + " is not a fact table");
        }
    }
}
