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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * What a warehouse holds, as sorted text rows per table (facts without their surrogate key, which depends on
 * sequence consumption, not on content; etl_rejected_row as which batch set aside which value of which row and
 * which batch superseded it, since the wording of a reason is the pipeline's) plus the ledger: equal contents mean
 * equal warehouses. Also builds the expected contents from source snapshots, applying the warehouse's rules
 * independently of the loader: dimensions keep the values of their latest delivery per key, facts keep every
 * version (a version delivered again with other values is the later one), a key facts reference that no dimension row delivered is an inferred row (the key, attributes
 * NULL), and the quarantine is what the last snapshot says was set aside.
 */
public record WarehouseContents(Map<String, List<String>> tables, List<String> ledger) {

    /** How etl_rejected_row is compared: batch, table, key, column, superseding batch. */
    public static final String REJECTED = "SELECT rejected_in_batch, source_table, source_id, column_name,"
            + " superseded_in_batch FROM " + WarehouseCatalogue.ETL_REJECTED_ROW.quotedName();

    public static WarehouseContents of(DataSource warehouse) {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        for (WarehouseTable table : WarehouseCatalogue.TABLES) {
            tables.put(table.name(), sorted(query(warehouse, table == WarehouseCatalogue.ETL_REJECTED_ROW ? REJECTED
                    : "SELECT " + table.loadColumnList() + " FROM " + table.quotedName())));
        }
        return new WarehouseContents(tables, query(warehouse,
                "SELECT sequence, manifest_key, manifest_sha256, table_counts::text FROM load_ledger ORDER BY 1"));
    }

    /** The tables the given source snapshots lead to when loaded in order; the ledger is not predicted. */
    public static Map<String, List<String>> expected(List<WarehouseFromSource.SourceSnapshot> batches) {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        Map<WarehouseTable, Map<String, String>> dimensions = new LinkedHashMap<>();
        for (WarehouseTable table : WarehouseCatalogue.starSchema()) {
            if (table.isFact()) {
                Map<String, String> byVersion = new LinkedHashMap<>();
                batches.forEach(b -> b.rows(table).texts().forEach(row -> byVersion.put(versionKey(table, row), row)));
                tables.put(table.name(), sorted(byVersion.values()));
            } else {
                Map<String, String> byKey = new TreeMap<>();
                batches.forEach(b -> b.rows(table).texts()
                        .forEach(row -> byKey.put(WarehouseFromSource.TableRows.key(row), row)));
                dimensions.put(table, byKey);
            }
        }
        for (WarehouseTable fact : WarehouseCatalogue.facts()) {
            inferMissing(fact, tables.get(fact.name()), dimensions);
        }
        dimensions.forEach((table, byKey) -> tables.put(table.name(), sorted(byKey.values())));
        tables.put(WarehouseCatalogue.ETL_REJECTED_ROW.name(), batches.isEmpty() ? List.of()
                : sorted(batches.get(batches.size() - 1).rejected()));
        Map<String, List<String>> inCatalogueOrder = new LinkedHashMap<>();
        WarehouseCatalogue.TABLES.forEach(t -> inCatalogueOrder.put(t.name(), tables.get(t.name())));
        return inCatalogueOrder;
    }

    /**
     * A fact row's version: its source id and last_updated date and time. A version delivered again with other
     * values is corrected in place, so the later delivery is the row.
     */
    private static String versionKey(WarehouseTable fact, String row) {
        String[] cells = row.split("\u241f", -1);
        StringBuilder key = new StringBuilder();
        for (String column : fact.versionKey()) {
            key.append(cells[fact.loadColumnNames().indexOf(column)]).append('\u241f');
        }
        return key.toString();
    }

    /** Every key the fact's rows reference that its dimension lacks becomes an inferred row: the key, NULLs. */
    private static void inferMissing(WarehouseTable fact, List<String> rows,
                                     Map<WarehouseTable, Map<String, String>> dimensions) {
        for (com.terrifictotes.etl.catalogue.ForeignKey key : fact.foreignKeys()) {
            WarehouseTable dimension = WarehouseCatalogue.table(key.referencedTable());
            if (!dimension.takesInferredRows()) {
                continue;
            }
            int column = fact.loadColumnNames().indexOf(key.column());
            Map<String, String> byKey = dimensions.get(dimension);
            for (String row : rows) {
                String value = row.split("\u241f", -1)[column];
                byKey.computeIfAbsent(value, k -> inferredRow(dimension, k));
            }
        }
    }

    private static String inferredRow(WarehouseTable dimension, String key) {
        String[] cells = new String[dimension.loadColumns().size()];
        cells[0] = key;
        return WarehouseFromSource.TableRows.textRow(cells);
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
