package com.terrifictotes.etl.bench;

import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import com.terrifictotes.etl.testbed.expected.WarehouseFromSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Whether the chain's warehouse is right, table by table, against the oracle ({@link WarehouseFromSource}: every
 * warehouse table computed from ToteSys with plain SQL): the row count of each table equal to the oracle's on the
 * source as the chain ended. If source changes were made while the chain ran, a fact table may also hold the earlier
 * version of each row the changes stamped (facts keep every version, and whether the chain read the earlier one
 * depends on where it was when the change came), and dim_date the dates only those earlier versions referenced (at
 * most four each): so then a table may hold up to that many rows more, never fewer. The content, row by row, is
 * compared by the end-to-end suites; here the counts keep the check cheap at SF100 and beyond.
 */
final class ChainCheck {
    /** Per warehouse table: rows expected (the oracle's), rows found, and the tolerance allowed above the oracle. */
    record TableCount(String table, long expected, long found, long tolerance) {
        boolean right() {
            return found >= expected && found <= expected + tolerance;
        }
    }

    record Outcome(List<TableCount> tables) {
        boolean right() {
            return tables.stream().allMatch(TableCount::right);
        }

        long warehouseRows() {
            return tables.stream().mapToLong(TableCount::found).sum();
        }

        String failures() {
            return tables.stream().filter(t -> !t.right()).map(t -> t.table() + ": " + t.found() + " rows, the oracle "
                    + t.expected() + (t.tolerance() > 0 ? " (+ at most " + t.tolerance() + ")" : "")).toList()
                    .toString();
        }
    }

    private ChainCheck() {
    }

    /** @param stampedByChanges source rows changes stamped while the chain ran, per source table (empty: none) */
    static Outcome of(DataSource toteSys, DataSource warehouse, Map<String, Integer> stampedByChanges) {
        int stamped = stampedByChanges.values().stream().mapToInt(Integer::intValue).sum();
        List<TableCount> tables = new ArrayList<>();
        for (Map.Entry<WarehouseTable, Long> expected : oracleCounts(toteSys).entrySet()) {
            WarehouseTable table = expected.getKey();
            long tolerance = table.isFact() ? stampedByChanges.getOrDefault(table.sourceTable(), 0)
                    : table.equals(WarehouseCatalogue.DIM_DATE) ? stamped * 4L : 0;
            tables.add(new TableCount(table.name(), expected.getValue(),
                    count(warehouse, "SELECT count(*) FROM " + table.quotedName()), tolerance));
        }
        return new Outcome(tables);
    }

    /** Every warehouse table's row count as the oracle computes it; the ETL tables of a clean source hold none. */
    private static Map<WarehouseTable, Long> oracleCounts(DataSource toteSys) {
        Map<WarehouseTable, Long> counts = new LinkedHashMap<>();
        for (WarehouseTable table : WarehouseCatalogue.TABLES) {
            String query = WarehouseFromSource.QUERIES.get(table);
            counts.put(table, query == null ? 0 : count(toteSys, "SELECT count(*) FROM (" + query + ") oracle"));
        }
        return counts;
    }

    private static long count(DataSource database, String sql) {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count (" + sql + "): " + e.getMessage(), e);
        }
    }
}
