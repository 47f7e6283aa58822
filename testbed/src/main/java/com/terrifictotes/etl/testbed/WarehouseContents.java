package com.terrifictotes.etl.testbed;

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
 * sequence consumption, not on content; dimensions with whether they are flagged deleted; etl_deleted_row as the
 * table and key of each finding) plus the ledger: equal contents mean equal warehouses. Also builds the expected
 * contents from source snapshots, applying the star schema's rules independently of the loader: dimensions keep the
 * newest values per key, facts keep every distinct version, and rows a reconciliation found gone are flagged.
 */
public record WarehouseContents(Map<String, List<String>> tables, List<String> ledger) {
    private static final String CELL = "\u241f";

    public static WarehouseContents of(DataSource warehouse) {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        for (WarehouseTable table : WarehouseCatalogue.TABLES) {
            tables.put(table.name(), sorted(query(warehouse, "SELECT " + columns(table) + " FROM "
                    + table.quotedName())));
        }
        return new WarehouseContents(tables, query(warehouse,
                "SELECT sequence, manifest_key, manifest_sha256, table_counts::text FROM load_ledger ORDER BY 1"));
    }

    /**
     * What one moment of the source led the pipeline to deliver: an extraction (every version the source held, as
     * the tests stamp every change), or a reconciliation pass, which also corrects versions changed without a new
     * stamp and finds the rows gone since.
     */
    public record Observation(WarehouseFromSource.SourceSnapshot source, boolean reconciliation) {
        public static Observation extraction(WarehouseFromSource.SourceSnapshot source) {
            return new Observation(source, false);
        }

        public static Observation reconciliation(WarehouseFromSource.SourceSnapshot source) {
            return new Observation(source, true);
        }
    }

    /** The tables the given extractions lead to when loaded in order; the ledger is not predicted. */
    public static Map<String, List<String>> expected(List<WarehouseFromSource.SourceSnapshot> batches) {
        return expectedAfter(batches.stream().map(Observation::extraction).toList());
    }

    /**
     * The tables the given observations lead to when loaded in order. A dimension keeps the newest row of each key,
     * flagged deleted if a reconciliation after the last moment that held the key found it gone. A fact keeps every
     * version (source id and {@code last_updated}), with the content the last moment that held it had: a
     * reconciliation corrects a version in place. etl_deleted_row logs each key a reconciliation found gone while the
     * warehouse held it live (a fact's key: while its current version was live).
     */
    public static Map<String, List<String>> expectedAfter(List<Observation> observations) {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        List<String> deletions = new ArrayList<>();
        for (WarehouseTable table : WarehouseCatalogue.TABLES) {
            if (table.role() == TableRole.DELETION) {
                continue;
            }
            tables.put(table.name(), table.isFact() ? versions(table, observations, deletions)
                    : newestRows(table, observations, deletions));
        }
        tables.put(WarehouseCatalogue.ETL_DELETED_ROW.name(), sorted(deletions));
        return tables;
    }

    private static List<String> newestRows(WarehouseTable table, List<Observation> observations,
                                           List<String> deletions) {
        Map<String, String> byKey = new TreeMap<>();
        Set<String> gone = new HashSet<>();
        for (Observation observation : observations) {
            Set<String> present = new HashSet<>();
            for (String row : observation.source().rows(table).texts()) {
                String key = WarehouseFromSource.TableRows.key(row);
                byKey.put(key, row);
                present.add(key);
                gone.remove(key);
            }
            if (observation.reconciliation() && flagged(table)) {
                for (String key : byKey.keySet()) {
                    if (!present.contains(key) && gone.add(key)) {
                        deletions.add(WarehouseFromSource.TableRows.textRow(new String[] {table.name(), key}));
                    }
                }
            }
        }
        List<String> rows = new ArrayList<>();
        byKey.forEach((key, row) -> rows.add(flagged(table) ? row + CELL + (gone.contains(key) ? "t" : "f") : row));
        return sorted(rows);
    }

    private static List<String> versions(WarehouseTable table, List<Observation> observations,
                                         List<String> deletions) {
        int[] versionKey = table.versionKey().stream().mapToInt(table.loadColumnNames()::indexOf).toArray();
        Map<String, String> byVersion = new LinkedHashMap<>();
        Set<String> live = new HashSet<>();
        for (Observation observation : observations) {
            Set<String> present = new HashSet<>();
            for (String row : observation.source().rows(table).texts()) {
                String[] cells = row.split(CELL, -1);
                StringBuilder version = new StringBuilder();
                for (int position : versionKey) {
                    version.append(cells[position]).append(CELL);
                }
                byVersion.put(version.toString(), row);
                present.add(cells[0]);
            }
            if (observation.reconciliation()) {
                for (String id : live) {
                    if (!present.contains(id)) {
                        deletions.add(WarehouseFromSource.TableRows.textRow(new String[] {table.name(), id}));
                    }
                }
            }
            live.removeIf(id -> observationFindsGone(observation, present, id));
            live.addAll(present);
        }
        return sorted(byVersion.values());
    }

    private static boolean observationFindsGone(Observation observation, Set<String> present, String id) {
        return observation.reconciliation() && !present.contains(id);
    }

    /** Dimensions whose rows the reconciliation can find gone carry the flag, as {@link #of} reads it. */
    private static boolean flagged(WarehouseTable table) {
        return table.isDimension() && table.hasColumn(WarehouseTable.DELETED_AT);
    }

    /**
     * The columns compared: a table's load columns and a dimension's deleted flag; for etl_deleted_row the table and
     * key of each finding (its batch and time are not the source's to predict).
     */
    private static String columns(WarehouseTable table) {
        if (table.role() == TableRole.DELETION) {
            return "warehouse_table, source_id";
        }
        return table.loadColumnList() + (flagged(table)
                ? ", " + Identifiers.quote(WarehouseTable.DELETED_AT) + " IS NOT NULL" : "");
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
