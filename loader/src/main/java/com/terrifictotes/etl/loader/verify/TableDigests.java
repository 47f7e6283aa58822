package com.terrifictotes.etl.loader.verify;

import com.terrifictotes.etl.catalogue.Column;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Content digests of one warehouse table, computed by PostgreSQL so that only 1,024 short rows per table cross the
 * wire: every row's text (all columns but the surrogate key, which depends on sequence consumption, not on content)
 * is hashed, rows are bucketed by a hash of their key (a dimension's natural id, a fact's version key, the
 * quarantine's primary key), and each bucket's digest is the MD5 of its sorted row hashes. Equal digests mean equal
 * rows (with multiplicity); a bucket that differs is drilled into, key by key, to name what is missing, extra or
 * changed. Memory stays bounded whatever the table's size; the work is one scan of the table per side.
 */
final class TableDigests {
    static final int BUCKETS = 1024;

    private final WarehouseTable table;
    private final String rows;

    TableDigests(WarehouseTable table) {
        this.table = table;
        List<String> key = table.isFact() ? table.versionKey() : table.primaryKey();
        String keyText = key.stream().map(c -> table.column(c).quotedName() + "::text")
                .collect(Collectors.joining(", ", "concat_ws('|', ", ")"));
        String content = table.columns().stream().filter(c -> !c.name().equals(table.surrogateKey()))
                .map(Column::quotedName).collect(Collectors.joining(", ", "ROW(", ")::text"));
        this.rows = "SELECT (('x' || substr(md5(k), 1, 8))::bit(32)::int & " + (BUCKETS - 1) + ") AS b, k,"
                + " md5(r) AS h FROM (SELECT " + keyText + " AS k, " + content + " AS r FROM " + table.quotedName()
                + ") s";
    }

    /** Per bucket: "rows:digest". */
    Map<Integer, String> buckets(Connection connection) throws SQLException {
        Map<Integer, String> buckets = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT b, count(*) || ':' || md5(string_agg(h, ''"
                + " ORDER BY h)) FROM (" + rows + ") d GROUP BY b"); ResultSet result = query.executeQuery()) {
            while (result.next()) {
                buckets.put(result.getInt(1), result.getString(2));
            }
        }
        return buckets;
    }

    /** The row hashes of the given buckets, by key. */
    Map<String, List<String>> rowsIn(Connection connection, List<Integer> buckets) throws SQLException {
        Map<String, List<String>> byKey = new TreeMap<>();
        String in = buckets.stream().map(String::valueOf).collect(Collectors.joining(", ", "(", ")"));
        try (PreparedStatement query = connection.prepareStatement("SELECT k, h FROM (" + rows + ") d WHERE b IN "
                + in + " ORDER BY k, h"); ResultSet result = query.executeQuery()) {
            while (result.next()) {
                byKey.computeIfAbsent(result.getString(1), k -> new ArrayList<>()).add(result.getString(2));
            }
        }
        return byKey;
    }

    /** Buckets whose digests differ between the two sides. */
    static List<Integer> differing(Map<Integer, String> expected, Map<Integer, String> actual) {
        TreeSet<Integer> all = new TreeSet<>(expected.keySet());
        all.addAll(actual.keySet());
        return all.stream().filter(b -> !String.valueOf(expected.get(b)).equals(String.valueOf(actual.get(b))))
                .toList();
    }

    /**
     * Names each key whose rows differ: "missing" (the applied batches imply it, the warehouse lacks it), "extra"
     * (the warehouse holds it, the batches do not imply it), "changed" (both hold the key with other content).
     */
    List<String> differences(Map<String, List<String>> expected, Map<String, List<String>> actual) {
        TreeSet<String> keys = new TreeSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        List<String> differences = new ArrayList<>();
        String keyNames = String.join("|", table.isFact() ? table.versionKey() : table.primaryKey());
        for (String key : keys) {
            List<String> want = expected.get(key);
            List<String> have = actual.get(key);
            if (want != null && want.equals(have)) {
                continue;
            }
            String kind = want == null ? "extra" : have == null ? "missing" : "changed";
            differences.add(table.name() + " " + keyNames + "=" + key + ": " + kind
                    + (want == null ? " (a row no applied batch implies)" : have == null
                    ? " (the applied batches imply it; the warehouse lacks it)" : " (content differs)"));
        }
        return differences;
    }
}
