package com.terrifictotes.etl.testbed;

import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import com.terrifictotes.etl.s3.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * What a warehouse holds, as sorted text rows per table (facts without their surrogate key, which depends on
 * sequence consumption, not on content) plus the ledger: equal contents mean equal warehouses. Also builds the
 * expected contents from source snapshots, applying the star schema's rules independently of the loader:
 * dimensions keep the newest values per key, facts keep every distinct version.
 */
public record WarehouseContents(Map<String, List<String>> tables, List<String> ledger) {

    public static WarehouseContents of(DataSource warehouse) {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        for (WarehouseTable table : WarehouseCatalogue.TABLES) {
            tables.put(table.name(), sorted(query(warehouse,
                    "SELECT " + table.loadColumnList() + " FROM " + table.quotedName())));
        }
        return new WarehouseContents(tables, query(warehouse,
                "SELECT sequence, manifest_key, manifest_sha256, table_counts::text FROM load_ledger ORDER BY 1"));
    }

    /** The tables the given source snapshots lead to when loaded in order; the ledger is not predicted. */
    public static Map<String, List<String>> expected(List<WarehouseFromSource.SourceSnapshot> batches) {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        for (WarehouseTable table : WarehouseCatalogue.TABLES) {
            if (table.isFact()) {
                Set<String> versions = new LinkedHashSet<>();
                batches.forEach(b -> versions.addAll(b.rows(table).texts()));
                tables.put(table.name(), sorted(versions));
            } else {
                Map<String, String> byKey = new TreeMap<>();
                batches.forEach(b -> b.rows(table).texts()
                        .forEach(row -> byKey.put(WarehouseFromSource.TableRows.key(row), row)));
                tables.put(table.name(), sorted(byKey.values()));
            }
        }
        return tables;
    }

    /** A SHA-256 over every table's sorted rows: equal for equal warehouses, whatever the surrogate keys. */
    public String tablesSha256() {
        MessageDigest digest = Sha256.newDigest();
        tables.forEach((table, rows) -> {
            digest.update(table.getBytes(StandardCharsets.UTF_8));
            rows.forEach(row -> digest.update((row + "\n").getBytes(StandardCharsets.UTF_8)));
        });
        return Sha256.hex(digest);
    }

    public int rows(WarehouseTable table) {
        return tables.get(table.name()).size();
    }

    public static List<String> query(DataSource dataSource, String sql) {
        List<String> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                String[] cells = new String[columns];
                for (int i = 0; i < columns; i++) {
                    cells[i] = result.getString(i + 1);
                }
                rows.add(WarehouseFromSource.TableRows.textRow(cells));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot query the warehouse: " + e.getMessage(), e);
        }
        return rows;
    }

    private static List<String> sorted(Collection<String> rows) {
        List<String> list = new ArrayList<>(rows);
        list.sort(null);
        return list;
    }
}
