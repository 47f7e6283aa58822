package com.terrifictotes.etl.testbed.expected;

import com.terrifictotes.etl.catalogue.ForeignKey;
import com.terrifictotes.etl.catalogue.Identifiers;
import com.terrifictotes.etl.catalogue.TableRole;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * What a warehouse holds, as sorted text rows per table (facts without their surrogate key, which depends on
 * sequence consumption, not on content; dimensions with whether they are flagged deleted; etl_rejected_row as which
 * batch set aside which value of which row and which batch superseded it, since the wording of a reason is the
 * pipeline's; etl_deleted_row as the table and key of each finding) plus the ledger: equal contents mean equal
 * warehouses. Also builds the expected contents from source snapshots, applying the warehouse's rules independently
 * of the loader: dimensions keep the values of their latest delivery per key, flagged deleted once a later snapshot
 * lacks the key (only a reconciliation takes a row out of {@link DeliveredSource}'s mirror); facts keep every
 * version, with the content of the latest snapshot that holds it (a reconciliation corrects a version in place); a
 * key facts reference that no dimension row delivered is an inferred row (the key, attributes NULL); the quarantine is
 * what the last snapshot says was set aside; etl_deleted_row logs each key that went missing from one snapshot to
 * the next while the warehouse held it live.
 */
public record WarehouseContents(Map<String, List<String>> tables, List<String> ledger) {
    private static final String CELL = "\u241f";

    /** How etl_rejected_row is compared: batch, table, key, column, superseding batch. */
    public static final String REJECTED = "SELECT rejected_in_batch, source_table, source_id, column_name,"
            + " superseded_in_batch FROM " + WarehouseCatalogue.ETL_REJECTED_ROW.quotedName();

    /** How etl_deleted_row is compared: table and key (its batch and time are not the source's to predict). */
    public static final String DELETED = "SELECT warehouse_table, source_id FROM "
            + WarehouseCatalogue.ETL_DELETED_ROW.quotedName();

    public static WarehouseContents of(DataSource warehouse) {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        for (WarehouseTable table : WarehouseCatalogue.TABLES) {
            tables.put(table.name(), sorted(query(warehouse, select(table))));
        }
        return new WarehouseContents(tables, query(warehouse,
                "SELECT sequence, manifest_key, manifest_sha256, table_counts::text FROM load_ledger ORDER BY 1"));
    }

    /** The tables the given source snapshots lead to when loaded in order; the ledger is not predicted. */
    public static Map<String, List<String>> expected(List<WarehouseFromSource.SourceSnapshot> batches) {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        Map<WarehouseTable, Map<String, String>> dimensions = new LinkedHashMap<>();
        Map<WarehouseTable, Set<String>> gone = new LinkedHashMap<>();
        List<String> deletions = new ArrayList<>();
        for (WarehouseTable table : WarehouseCatalogue.starSchema()) {
            if (table.isFact()) {
                tables.put(table.name(), versions(table, batches, deletions));
            } else {
                Set<String> goneKeys = new HashSet<>();
                dimensions.put(table, newestRows(table, batches, goneKeys, deletions));
                gone.put(table, goneKeys);
            }
        }
        for (WarehouseTable fact : WarehouseCatalogue.facts()) {
            inferMissing(fact, tables.get(fact.name()), dimensions);
        }
        dimensions.forEach((table, byKey) -> {
            List<String> rows = new ArrayList<>();
            byKey.forEach((key, row) -> rows.add(flagged(table)
                    ? row + CELL + (gone.get(table).contains(key) ? "t" : "f") : row));
            tables.put(table.name(), sorted(rows));
        });
        tables.put(WarehouseCatalogue.ETL_REJECTED_ROW.name(), batches.isEmpty() ? List.of()
                : sorted(batches.get(batches.size() - 1).rejected()));
        tables.put(WarehouseCatalogue.ETL_DELETED_ROW.name(), sorted(deletions));
        Map<String, List<String>> inCatalogueOrder = new LinkedHashMap<>();
        WarehouseCatalogue.TABLES.forEach(t -> inCatalogueOrder.put(t.name(), tables.get(t.name())));
        return inCatalogueOrder;
    }

    /** The latest row of each key; keys a later snapshot lacks go into {@code gone} (and, once, the log). */
    private static Map<String, String> newestRows(WarehouseTable table, List<WarehouseFromSource.SourceSnapshot> batches,
                                                  Set<String> gone, List<String> deletions) {
        Map<String, String> byKey = new TreeMap<>();
        for (WarehouseFromSource.SourceSnapshot batch : batches) {
            Set<String> present = new HashSet<>();
            for (String row : batch.rows(table).texts()) {
                String key = WarehouseFromSource.TableRows.key(row);
                byKey.put(key, row);
                present.add(key);
                gone.remove(key);
            }
            if (flagged(table)) {
                for (String key : byKey.keySet()) {
                    if (!present.contains(key) && gone.add(key)) {
                        deletions.add(deletion(table, key));
                    }
                }
            }
        }
        return byKey;
    }

    /** Every version (source id, last_updated) with its latest content; a source id a later snapshot lacks is logged. */
    private static List<String> versions(WarehouseTable table, List<WarehouseFromSource.SourceSnapshot> batches,
                                         List<String> deletions) {
        int[] versionKey = table.versionKey().stream().mapToInt(table.loadColumnNames()::indexOf).toArray();
        Map<String, String> byVersion = new LinkedHashMap<>();
        Set<String> live = new HashSet<>();
        for (WarehouseFromSource.SourceSnapshot batch : batches) {
            Set<String> present = new HashSet<>();
            for (String row : batch.rows(table).texts()) {
                String[] cells = row.split(CELL, -1);
                StringBuilder version = new StringBuilder();
                for (int position : versionKey) {
                    version.append(cells[position]).append(CELL);
                }
                byVersion.put(version.toString(), row);
                present.add(cells[0]);
            }
            for (String id : live) {
                if (!present.contains(id)) {
                    deletions.add(deletion(table, id));
                }
            }
            live.clear();
            live.addAll(present);
        }
        return sorted(byVersion.values());
    }

    /** Every key the fact's rows reference that its dimension lacks becomes an inferred row: the key, NULLs. */
    private static void inferMissing(WarehouseTable fact, List<String> rows,
                                     Map<WarehouseTable, Map<String, String>> dimensions) {
        for (ForeignKey key : fact.foreignKeys()) {
            WarehouseTable dimension = WarehouseCatalogue.table(key.referencedTable());
            if (!dimension.takesInferredRows()) {
                continue;
            }
            int column = fact.loadColumnNames().indexOf(key.column());
            Map<String, String> byKey = dimensions.get(dimension);
            for (String row : rows) {
                String value = row.split(CELL, -1)[column];
                byKey.computeIfAbsent(value, k -> inferredRow(dimension, k));
            }
        }
    }

    private static String inferredRow(WarehouseTable dimension, String key) {
        String[] cells = new String[dimension.loadColumns().size()];
        cells[0] = key;
        return WarehouseFromSource.TableRows.textRow(cells);
    }

    private static String deletion(WarehouseTable table, String key) {
        return WarehouseFromSource.TableRows.textRow(new String[] {table.name(), key});
    }

    /** Dimensions whose rows the reconciliation can find gone carry the flag, as {@link #of} reads it. */
    private static boolean flagged(WarehouseTable table) {
        return table.isDimension() && table.hasColumn(WarehouseTable.DELETED_AT);
    }

    /** What {@link #of} reads of a table: see the class comment. */
    private static String select(WarehouseTable table) {
        if (table.role() == TableRole.QUARANTINE) {
            return REJECTED;
        }
        if (table.role() == TableRole.DELETION) {
            return DELETED;
        }
        return "SELECT " + table.loadColumnList() + (flagged(table)
                ? ", " + Identifiers.quote(WarehouseTable.DELETED_AT) + " IS NOT NULL" : "")
                + " FROM " + table.quotedName();
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
