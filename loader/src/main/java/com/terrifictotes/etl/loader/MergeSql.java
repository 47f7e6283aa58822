package com.terrifictotes.etl.loader;

import com.terrifictotes.etl.catalogue.Column;
import com.terrifictotes.etl.catalogue.ForeignKey;
import com.terrifictotes.etl.catalogue.Identifiers;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The SQL that stages and merges one warehouse table, generated from the catalogue alone: every identifier is a
 * catalogue name quoted by {@link Identifiers}, and values only ever travel through COPY or as bind parameters.
 *
 * <p>Each table gets a temporary staging table (dropped at commit) that COPY fills; one set-based statement then
 * merges it and reports how many rows it inserted and updated:
 * <ul>
 *   <li>dimensions: an upsert on the natural key that rewrites a row only when some value differs, so identical
 *       rows are left untouched (no new row version, no dead tuple). A delivered row is a real, live row: it clears
 *       {@code is_inferred} (completing an inferred row) and {@code deleted_at};</li>
 *   <li>facts: an append keyed on the version (source id, last_updated date and time); every new version gets the
 *       next surrogate key, assigned in version order, and {@code etl_batch} = the batch. A version already present
 *       is left alone if identical, and corrected in place otherwise ({@code etl_batch} then moves to the batch);</li>
 *   <li>the quarantine ({@code etl_rejected_row}): an upsert on its key, so a later batch can fill in that a
 *       rejected version was superseded.</li>
 * </ul>
 * Before a fact batch is merged, every dimension key it references that the dimension lacks gets an inferred row
 * ({@link #inferMissing}). A table still empty skips the staging table: its batch is copied straight in
 * ({@link #copyInto}), see {@code TableLoader}.
 */
final class MergeSql {
    /** Position of a row in the staged files, so that "last one in the files wins" is well defined. */
    static final String STAGE_ROW = "stage_row";

    private MergeSql() {
    }

    static String stagingTable(WarehouseTable table) {
        return Identifiers.quote("stage_" + table.name());
    }

    /** The staging table: the load columns with the catalogue's types and nullability, plus the row position. */
    static String createStaging(WarehouseTable table) {
        String columns = table.loadColumns().stream()
                .map(c -> c.quotedName() + " " + c.sqlType() + (c.nullable() ? "" : " NOT NULL"))
                .collect(Collectors.joining(", "));
        return "CREATE TEMPORARY TABLE " + stagingTable(table) + " (" + columns + ", "
                + Identifiers.quote(STAGE_ROW) + " bigint GENERATED ALWAYS AS IDENTITY) ON COMMIT DROP";
    }

    static String copyIntoStaging(WarehouseTable table) {
        return "COPY " + stagingTable(table) + " (" + table.loadColumnList() + ") FROM STDIN (FORMAT binary)";
    }

    /**
     * COPY straight into the warehouse table, for a batch that cannot meet a row already there. A fact's rows carry
     * one more field, {@code etl_batch}, which {@link BinaryCopyEncoder#forBatch} appends to every row.
     */
    static String copyInto(WarehouseTable table) {
        String columns = table.loadColumnList() + (table.isFact() ? ", " + quoted(WarehouseTable.ETL_BATCH) : "");
        return "COPY " + table.quotedName() + " (" + columns + ") FROM STDIN (FORMAT binary)";
    }

    /**
     * {@link #copyInto} for a fact whose rows also carry their surrogate key, first ({@link SurrogateKeys}), instead
     * of leaving it to the column's default.
     */
    static String copyIntoWithKeys(WarehouseTable fact) {
        return "COPY " + fact.quotedName() + " (" + quoted(fact.surrogateKey()) + ", " + fact.loadColumnList() + ", "
                + quoted(WarehouseTable.ETL_BATCH) + ") FROM STDIN (FORMAT binary)";
    }

    /** One row, one boolean: whether the table holds no row at all (visible to this transaction). */
    static String isEmpty(WarehouseTable table) {
        return "SELECT NOT EXISTS (SELECT 1 FROM " + table.quotedName() + ")";
    }

    /**
     * A query returning one row: (rows inserted, rows updated, inferred rows completed). Facts take one bind
     * parameter, the batch's sequence, for {@code etl_batch}.
     */
    static String merge(WarehouseTable table) {
        return switch (table.role()) {
            case FACT -> appendFact(table);
            case DIMENSION, QUARANTINE -> upsert(table);
            case DELETION -> logDeletions(table);
        };
    }

    /**
     * Logs the staged findings of the reconciliation pass in {@code table} (etl_deleted_row), each once, returning
     * (rows logged, 0, 0); {@link #flagDeleted} then marks the rows they name.
     */
    static String logDeletions(WarehouseTable table) {
        String key = String.join(", ", quoted(table.primaryKey()));
        return "WITH logged AS (INSERT INTO " + table.quotedName() + " (" + table.loadColumnList() + ") "
                + "SELECT DISTINCT ON (" + key + ") " + table.loadColumnList() + " FROM " + stagingTable(table)
                + " ORDER BY " + key + ", " + quoted(STAGE_ROW)
                + " ON CONFLICT (" + key + ") DO NOTHING RETURNING 1) SELECT count(*), 0, 0 FROM logged";
    }

    /**
     * Sets {@code deleted_at} on the rows of {@code target} that the staged findings of {@code deletions} name (bind
     * parameter 1: the target's name): a dimension row by its key, every version of a fact row by its source id.
     * Rows already flagged keep their first {@code deleted_at}. Nothing is deleted.
     */
    static String flagDeleted(WarehouseTable target, WarehouseTable deletions) {
        if (!target.hasColumn(WarehouseTable.DELETED_AT) || !(target.isDimension() || target.isFact())) {
            throw new IllegalArgumentException(target.name() + " has no rows the reconciliation can find gone");
        }
        String key = quoted(target.isFact() ? target.sourceIdColumn() : target.primaryKey().get(0));
        String deleted = quoted(WarehouseTable.DELETED_AT);
        return "UPDATE " + target.quotedName() + " t SET " + deleted + " = s." + deleted
                + " FROM " + stagingTable(deletions) + " s"
                + " WHERE s." + quoted("warehouse_table") + " = ? AND t." + key + " = s." + quoted("source_id")
                + " AND t." + deleted + " IS NULL";
    }

    static String upsert(WarehouseTable table) {
        List<String> key = quoted(table.primaryKey());
        List<Column> values = table.loadColumns().stream()
                .filter(c -> !table.primaryKey().contains(c.name()))
                .toList();
        String keyList = String.join(", ", key);
        List<String> set = new ArrayList<>();
        List<String> current = new ArrayList<>();
        List<String> incoming = new ArrayList<>();
        for (Column column : values) {
            set.add(column.quotedName() + " = EXCLUDED." + column.quotedName());
            current.add("t." + column.quotedName());
            incoming.add("EXCLUDED." + column.quotedName());
        }
        String completing = "SELECT 0";
        if (table.takesInferredRows()) {
            String inferred = quoted(WarehouseTable.IS_INFERRED);
            String deleted = quoted(WarehouseTable.DELETED_AT);
            set.add(inferred + " = false");
            set.add(deleted + " = NULL");
            current.add("t." + inferred);
            current.add("t." + deleted);
            incoming.add("false");
            incoming.add("NULL::timestamp(3)");
            completing = "SELECT count(*) FROM " + table.quotedName() + " d WHERE d." + inferred
                    + " AND (" + keyList + ") IN (SELECT " + keyList + " FROM " + stagingTable(table) + ")";
        }
        return "WITH completing AS (" + completing + "), merged AS ("
                + "INSERT INTO " + table.quotedName() + " AS t (" + table.loadColumnList() + ") "
                + "SELECT DISTINCT ON (" + keyList + ") " + table.loadColumnList()
                + " FROM " + stagingTable(table)
                + " ORDER BY " + keyList + ", " + quoted(STAGE_ROW) + " DESC"
                + " ON CONFLICT (" + keyList + ") DO UPDATE SET " + String.join(", ", set)
                + " WHERE ROW(" + String.join(", ", current) + ") IS DISTINCT FROM ROW("
                + String.join(", ", incoming) + ")"
                + " RETURNING (t.xmax = 0) AS inserted) "
                + "SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted),"
                + " (SELECT * FROM completing) FROM merged";
    }

    static String appendFact(WarehouseTable table) {
        String versionKey = String.join(", ", quoted(table.versionKey()));
        List<Column> values = table.loadColumns().stream()
                .filter(c -> !table.versionKey().contains(c.name()))
                .toList();
        String batch = quoted(WarehouseTable.ETL_BATCH);
        String deleted = quoted(WarehouseTable.DELETED_AT);
        String set = values.stream().map(c -> c.quotedName() + " = EXCLUDED." + c.quotedName())
                .collect(Collectors.joining(", "));
        String current = values.stream().map(c -> "t." + c.quotedName()).collect(Collectors.joining(", "));
        String incoming = values.stream().map(c -> "EXCLUDED." + c.quotedName()).collect(Collectors.joining(", "));
        return "WITH appended AS ("
                + "INSERT INTO " + table.quotedName() + " AS t (" + table.loadColumnList() + ", " + batch + ") "
                + "SELECT DISTINCT ON (" + versionKey + ") " + table.loadColumnList() + ", ?::integer"
                + " FROM " + stagingTable(table)
                + " ORDER BY " + versionKey + ", " + quoted(STAGE_ROW)
                + " ON CONFLICT (" + versionKey + ") DO UPDATE SET " + set + ", " + batch + " = EXCLUDED." + batch
                + ", " + deleted + " = NULL"
                + " WHERE ROW(" + current + ", t." + deleted + ") IS DISTINCT FROM ROW(" + incoming
                + ", NULL::timestamp(3))"
                + " RETURNING (t.xmax = 0) AS inserted) "
                + "SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted), 0 FROM appended";
    }

    /**
     * Creates an inferred row (the key, {@code is_inferred} true, every attribute NULL) for each key of {@code key}
     * that rows of {@code source} (a fact's staging table, or the fact table itself after a straight copy) reference
     * and the dimension lacks. Returns the keys it created, one row each.
     */
    static String inferMissing(ForeignKey key, String source) {
        String reference = "s." + Identifiers.quote(key.column());
        return insertInferred(key, "SELECT DISTINCT " + reference + ", true FROM " + source + " s", reference);
    }

    /**
     * {@link #inferMissing} for keys given as one bind parameter, an {@code integer[]} of the distinct keys the
     * batch's rows reference ({@link FactKeys}), instead of read back from the rows.
     */
    static String inferMissingAmong(ForeignKey key) {
        return insertInferred(key, "SELECT s.k, true FROM unnest(?::integer[]) AS s(k)", "s.k");
    }

    /** The inferred rows for the keys {@code select} yields (as {@code reference}) that the dimension lacks. */
    private static String insertInferred(ForeignKey key, String select, String reference) {
        String dimension = Identifiers.quote(key.referencedTable());
        String dimensionKey = Identifiers.quote(key.referencedColumn());
        return "INSERT INTO " + dimension + " (" + dimensionKey + ", " + quoted(WarehouseTable.IS_INFERRED) + ") "
                + select + " WHERE NOT EXISTS (SELECT 1 FROM " + dimension + " d WHERE d." + dimensionKey + " = "
                + reference + ") ON CONFLICT (" + dimensionKey + ") DO NOTHING RETURNING " + dimensionKey;
    }

    private static String quoted(String name) {
        return Identifiers.quote(name);
    }

    private static List<String> quoted(List<String> names) {
        return names.stream().map(Identifiers::quote).toList();
    }
}
