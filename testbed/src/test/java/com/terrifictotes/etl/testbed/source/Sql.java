package com.terrifictotes.etl.testbed.source;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Small query helpers for tests that check data with SQL. */
final class Sql {
    private Sql() {
    }

    static long count(DataSource dataSource, String sql, Object... parameters) {
        return ((Number) value(dataSource, sql, parameters)).longValue();
    }

    static Object value(DataSource dataSource, String sql, Object... parameters) {
        List<List<Object>> rows = rows(dataSource, sql, parameters);
        if (rows.size() != 1) {
            throw new IllegalStateException(sql + " returned " + rows.size() + " rows");
        }
        return rows.get(0).get(0);
    }

    static List<Object> column(DataSource dataSource, String sql, Object... parameters) {
        return rows(dataSource, sql, parameters).stream().map(r -> r.get(0)).toList();
    }

    static List<List<Object>> rows(DataSource dataSource, String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<List<Object>> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int c = 1; c <= columns; c++) {
                        row.add(rs.getObject(c));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** md5 of every row's text form, in primary-key order: equal digests mean byte-identical table contents. */
    static String tableDigest(DataSource dataSource, com.terrifictotes.etl.catalogue.SourceTable table) {
        return (String) value(dataSource, "SELECT md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t."
                + table.column(table.primaryKey()).quotedName() + "), '')) FROM " + table.quotedName() + " t");
    }
}
