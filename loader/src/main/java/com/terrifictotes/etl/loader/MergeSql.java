package com.terrifictotes.etl.loader;

import com.terrifictotes.etl.catalogue.Column;
import com.terrifictotes.etl.catalogue.Identifiers;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The SQL that stages and merges one warehouse table, generated from the catalogue alone: every identifier is a
 * catalogue name quoted by {@link Identifiers}, and values only ever travel through COPY.
 *
 * <p>Each table gets a temporary staging table (dropped at commit) that COPY fills; one set-based statement then
 * merges it and reports how many rows it inserted and updated:
 * <ul>
 *   <li>dimensions: an upsert on the natural key that rewrites a row only when some value differs, so identical
 *       rows are left untouched (no new row version, no dead tuple);</li>
 *   <li>facts: an append keyed on the version (source id, last_updated date and time); a version already present
 *       is not inserted again, every new one gets the next surrogate key, assigned in version order.</li>
 * </ul>
 * A table still empty skips the staging table: its batch is copied straight in ({@link #copyInto}), see
 * {@code TableLoader}.
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
        return "COPY " + stagingTable(table) + " (" + table.loadColumnList() + ") FROM STDIN (FORMAT csv)";
    }

    /** COPY straight into the warehouse table, for a batch that cannot meet a row already there. */
    static String copyInto(WarehouseTable table) {
        return "COPY " + table.quotedName() + " (" + table.loadColumnList() + ") FROM STDIN (FORMAT csv)";
    }

    /** One row, one boolean: whether the table holds no row at all (visible to this transaction). */
    static String isEmpty(WarehouseTable table) {
        return "SELECT NOT EXISTS (SELECT 1 FROM " + table.quotedName() + ")";
    }

    /** A query returning one row: (rows inserted, rows updated). */
    static String merge(WarehouseTable table) {
        return table.isFact() ? appendFact(table) : upsertDimension(table);
    }

    static String upsertDimension(WarehouseTable table) {
        List<String> key = quoted(table.primaryKey());
        List<Column> values = table.loadColumns().stream()
                .filter(c -> !table.primaryKey().contains(c.name()))
                .toList();
        String keyList = String.join(", ", key);
        String set = values.stream()
                .map(c -> c.quotedName() + " = EXCLUDED." + c.quotedName())
                .collect(Collectors.joining(", "));
        String current = values.stream().map(c -> "t." + c.quotedName()).collect(Collectors.joining(", "));
        String incoming = values.stream().map(c -> "EXCLUDED." + c.quotedName()).collect(Collectors.joining(", "));
        return "WITH merged AS ("
                + "INSERT INTO " + table.quotedName() + " AS t (" + table.loadColumnList() + ") "
                + "SELECT DISTINCT ON (" + keyList + ") " + table.loadColumnList()
                + " FROM " + stagingTable(table)
                + " ORDER BY " + keyList + ", " + Identifiers.quote(STAGE_ROW) + " DESC"
                + " ON CONFLICT (" + keyList + ") DO UPDATE SET " + set
                + " WHERE ROW(" + current + ") IS DISTINCT FROM ROW(" + incoming + ")"
                + " RETURNING (t.xmax = 0) AS inserted) "
                + "SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM merged";
    }

    static String appendFact(WarehouseTable table) {
        String versionKey = String.join(", ", quoted(table.versionKey()));
        return "WITH appended AS ("
                + "INSERT INTO " + table.quotedName() + " (" + table.loadColumnList() + ") "
                + "SELECT " + table.loadColumnList() + " FROM " + stagingTable(table)
                + " ORDER BY " + versionKey + ", " + Identifiers.quote(STAGE_ROW)
                + " ON CONFLICT (" + versionKey + ") DO NOTHING"
                + " RETURNING 1) "
                + "SELECT count(*), 0 FROM appended";
    }

    private static List<String> quoted(List<String> names) {
        return names.stream().map(Identifiers::quote).toList();
    }
}
