package com.terrifictotes.etl.testbed;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/** Reads what a live database has (tables, columns, keys) from the PostgreSQL catalogue, for schema comparisons. */
public final class SchemaInspector {
    /** A column as the database reports it; {@code sqlType} is {@code format_type(atttypid, atttypmod)}. */
    public record LiveColumn(String name, String sqlType, boolean nullable) {
    }

    /** A single-column foreign key with its referential actions, as pg_constraint codes them ('c', 'r', 'n'...). */
    public record LiveForeignKey(String column, String referencedTable, String referencedColumn, char onUpdate,
                          char onDelete) {
    }

    private final DataSource dataSource;

    public SchemaInspector(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Set<String> tables() {
        return new LinkedHashSet<>(strings(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"));
    }

    public Set<String> views() {
        return new LinkedHashSet<>(strings(
                "SELECT viewname FROM pg_views WHERE schemaname = 'public' ORDER BY viewname"));
    }

    public List<LiveColumn> columns(String relation) {
        return query("""
                SELECT a.attname, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull
                FROM pg_attribute a
                WHERE a.attrelid = to_regclass('public.' || quote_ident(?)) AND a.attnum > 0 AND NOT a.attisdropped
                ORDER BY a.attnum""",
                rs -> new LiveColumn(rs.getString(1), rs.getString(2), rs.getBoolean(3)), relation);
    }

    public List<String> primaryKey(String table) {
        List<List<String>> keys = indexes(table, "i.indisprimary");
        return keys.isEmpty() ? List.of() : keys.get(0);
    }

    /** Unique indexes and unique constraints (which PostgreSQL backs with an index), primary key excluded. */
    public Set<List<String>> uniqueKeys(String table) {
        return new LinkedHashSet<>(indexes(table, "i.indisunique AND NOT i.indisprimary"));
    }

    public Set<LiveForeignKey> foreignKeys(String table) {
        return new LinkedHashSet<>(query("""
                SELECT a.attname, rc.relname, ra.attname, c.confupdtype, c.confdeltype
                FROM pg_constraint c
                JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
                JOIN pg_class rc ON rc.oid = c.confrelid
                JOIN pg_attribute ra ON ra.attrelid = c.confrelid AND ra.attnum = c.confkey[1]
                WHERE c.contype = 'f' AND c.conrelid = to_regclass('public.' || quote_ident(?))
                  AND cardinality(c.conkey) = 1
                ORDER BY a.attname""",
                rs -> new LiveForeignKey(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4).charAt(0), rs.getString(5).charAt(0)), table));
    }

    /** The labels of an enum type, in declaration order. */
    public List<String> enumLabels(String typeName) {
        return query("""
                SELECT e.enumlabel FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid
                WHERE t.typname = ? ORDER BY e.enumsortorder""", rs -> rs.getString(1), typeName);
    }

    /** The sequence behind a column's default, or null. */
    public String owningSequence(String table, String column) {
        return query("SELECT pg_get_serial_sequence('public.' || quote_ident(?), ?)",
                rs -> rs.getString(1), table, column).get(0);
    }

    /** Runs one statement in its own transaction: null if it succeeded, else the server's message. */
    public String execute(String sql) {
        try (Connection connection = dataSource.getConnection();
             java.sql.Statement statement = connection.createStatement()) {
            statement.execute(sql);
            return null;
        } catch (SQLException e) {
            return e.getMessage();
        }
    }

    private List<List<String>> indexes(String table, String condition) {
        List<String> keys = query("""
                SELECT string_agg(a.attname, ',' ORDER BY k.ord)
                FROM pg_index i
                CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
                JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                WHERE i.indrelid = to_regclass('public.' || quote_ident(?)) AND\s""" + condition + """

                GROUP BY i.indexrelid ORDER BY 1""", rs -> rs.getString(1), table);
        List<List<String>> result = new ArrayList<>();
        keys.forEach(k -> result.add(List.of(k.split(","))));
        return result;
    }

    public List<String> strings(String sql) {
        return query(sql, rs -> rs.getString(1));
    }

    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, RowMapper<T> mapper, String... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
