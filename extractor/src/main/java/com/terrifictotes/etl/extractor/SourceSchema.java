package com.terrifictotes.etl.extractor;

import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.csv.Utf8Bytes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The tables, columns, types and enum labels the source database actually has (in its current schema), and its
 * encoding, read before any data. The catalogue decides what is extracted; the live schema only decides whether
 * that is still possible ({@link #verify}) and how text is read ({@link #textTransfer()}).
 *
 * @param columnsByTable every table's (or view's) columns in their order
 * @param serverEncoding the database's encoding ({@code server_encoding}), such as {@code UTF8} or {@code SQL_ASCII}
 */
record SourceSchema(Map<String, List<LiveColumn>> columnsByTable, String serverEncoding) {
    /** A domain is described by its base type, so a domain over text is text. */
    private static final String COLUMNS_QUERY = "SELECT c.relname, a.attname, a.attnotnull OR t.typnotnull,"
            + " format_type(b.oid, CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE a.atttypmod END),"
            + " b.typtype = 'e', b.typname, b.oid"
            + " FROM pg_catalog.pg_class c"
            + " JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped"
            + " JOIN pg_catalog.pg_type t ON t.oid = a.atttypid"
            + " JOIN pg_catalog.pg_type b ON b.oid = CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END"
            + " WHERE c.relnamespace = (SELECT n.oid FROM pg_catalog.pg_namespace n WHERE n.nspname = current_schema())"
            + " AND c.relkind IN ('r', 'p', 'v', 'm', 'f')"
            + " ORDER BY c.relname, a.attnum";
    private static final String LABELS_QUERY = "SELECT e.enumtypid, %s FROM pg_catalog.pg_enum e"
            + " ORDER BY e.enumtypid, e.enumsortorder";

    public SourceSchema {
        Map<String, List<LiveColumn>> copy = new LinkedHashMap<>();
        columnsByTable.forEach((table, columns) -> copy.put(table, List.copyOf(columns)));
        columnsByTable = Map.copyOf(copy);
    }

    public static SourceSchema read(Connection connection) throws SQLException {
        String encoding = serverEncoding(connection);
        Map<Long, List<String>> labels = enumLabels(connection, TextTransfer.of(encoding));
        Map<String, List<LiveColumn>> columns = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(COLUMNS_QUERY);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                LiveType type = rows.getBoolean(5) ? LiveType.ofEnum(rows.getString(4), rows.getString(6))
                        : LiveType.parse(rows.getString(4));
                columns.computeIfAbsent(rows.getString(1), t -> new ArrayList<>()).add(new LiveColumn(
                        rows.getString(2), type, rows.getBoolean(3),
                        rows.getBoolean(5) ? labels.getOrDefault(rows.getLong(7), List.of()) : List.of()));
            }
        }
        return new SourceSchema(columns, encoding);
    }

    /** The schema a database created from the catalogue has, exactly: no drift (priming, tests). */
    static SourceSchema matching(List<SourceTable> catalogue, String serverEncoding) {
        Map<String, List<LiveColumn>> tables = new LinkedHashMap<>();
        for (SourceTable table : catalogue) {
            tables.put(table.name(), table.columns().stream().map(c -> new LiveColumn(c.name(),
                    c.enumType() != null ? LiveType.ofEnum(c.sqlType(), c.enumType().name())
                            : LiveType.parse(c.sqlType()), !c.nullable(),
                    c.enumType() != null ? c.enumType().labels() : List.of())).toList());
        }
        return new SourceSchema(tables, serverEncoding);
    }

    /**
     * Checks every catalogue table against this schema, before anything is read.
     *
     * @return the drift the run carries, one warning per table and column or label
     * @throws com.terrifictotes.etl.error.BadInputException naming every catalogue table and column the run cannot
     *                                                       carry, and why
     */
    public SchemaDrift verify(List<SourceTable> catalogue) {
        return SchemaCheck.check(catalogue, columnsByTable);
    }

    /** How text cells are read from this database. */
    public TextTransfer textTransfer() {
        return TextTransfer.of(serverEncoding);
    }

    /** Source tables the catalogue does not list: never read. */
    public Set<String> unknownTables(List<SourceTable> catalogue) {
        Set<String> known = catalogue.stream().map(SourceTable::name).collect(Collectors.toSet());
        return columnsByTable.keySet().stream().filter(t -> !known.contains(t))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    static String serverEncoding(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT current_setting('server_encoding')");
             ResultSet row = statement.executeQuery()) {
            row.next();
            return row.getString(1);
        }
    }

    /** Labels are read as bytes, so a label that is not UTF-8 (in SQL_ASCII) is shown escaped, not a failure. */
    private static Map<Long, List<String>> enumLabels(Connection connection, TextTransfer transfer)
            throws SQLException {
        Map<Long, List<String>> labels = new HashMap<>();
        String sql = String.format(LABELS_QUERY, transfer.rowExpression("e.enumlabel"));
        try (PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                byte[] label = rows.getBytes(2);
                String text = Utf8Bytes.firstInvalid(label, 0, label.length) < 0
                        ? new String(label, java.nio.charset.StandardCharsets.UTF_8)
                        : Utf8Bytes.escaped(label, 0, label.length, label.length);
                labels.computeIfAbsent(rows.getLong(1), t -> new ArrayList<>()).add(text);
            }
        }
        return labels;
    }
}
