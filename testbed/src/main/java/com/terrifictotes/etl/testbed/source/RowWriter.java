package com.terrifictotes.etl.testbed.source;

import com.terrifictotes.etl.catalogue.Column;
import com.terrifictotes.etl.catalogue.ColumnType;
import com.terrifictotes.etl.catalogue.SourceTable;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Single-row INSERTs and UPDATEs the way the ToteSys application makes them: keys from the sequences, values as bind
 * parameters, table and column names from the catalogue.
 */
final class RowWriter {
    private final Connection connection;

    RowWriter(Connection connection) {
        this.connection = connection;
    }

    /** Inserts every column but the key (which the sequence supplies) and returns the new key. */
    int insert(SourceTable table, Object... valuesAfterKey) throws SQLException {
        List<Column> columns = table.columns().subList(1, table.columns().size());
        if (valuesAfterKey.length != columns.size()) {
            throw new IllegalArgumentException(table.name() + " takes " + columns.size() + " values");
        }
        String sql = "INSERT INTO " + table.quotedName() + " ("
                + columns.stream().map(Column::quotedName).collect(Collectors.joining(", ")) + ") VALUES ("
                + columns.stream().map(c -> "?").collect(Collectors.joining(", ")) + ") RETURNING "
                + table.column(table.primaryKey()).quotedName();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < columns.size(); i++) {
                bind(statement, i + 1, columns.get(i), valuesAfterKey[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Sets one column and last_updated on the row with that key, as an application update does. */
    void update(SourceTable table, int key, String columnName, Object value, LocalDateTime lastUpdated)
            throws SQLException {
        Column column = table.column(columnName);
        Column stamp = table.column(SourceTable.LAST_UPDATED);
        String sql = "UPDATE " + table.quotedName() + " SET " + column.quotedName() + " = ?, " + stamp.quotedName()
                + " = ? WHERE " + table.column(table.primaryKey()).quotedName() + " = ?";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, 1, column, value);
            bind(statement, 2, stamp, lastUpdated);
            statement.setInt(3, key);
            if (statement.executeUpdate() != 1) {
                throw new IllegalStateException(table.name() + " has no row " + key);
            }
        }
    }

    private static void bind(PreparedStatement statement, int index, Column column, Object value)
            throws SQLException {
        if (value == null) {
            statement.setNull(index, column.type() == ColumnType.ENUM ? Types.OTHER : Types.NULL);
            return;
        }
        switch (column.type()) {
            case INTEGER -> statement.setInt(index, (Integer) value);
            case TEXT, VARCHAR_3 -> statement.setString(index, (String) value);
            case DECIMAL_10_2 -> statement.setBigDecimal(index, (BigDecimal) value);
            case TIMESTAMP_MILLIS -> statement.setObject(index, (LocalDateTime) value);
            case BOOLEAN -> statement.setBoolean(index, (Boolean) value);
            case ENUM -> statement.setObject(index, value, Types.OTHER);
            default -> throw new IllegalArgumentException("no source column has type " + column.type());
        }
    }
}
