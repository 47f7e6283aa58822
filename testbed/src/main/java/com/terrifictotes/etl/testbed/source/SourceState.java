package com.terrifictotes.etl.testbed.source;

import static com.terrifictotes.etl.catalogue.ToteSysCatalogue.COUNTERPARTY;
import static com.terrifictotes.etl.catalogue.ToteSysCatalogue.PAYMENT;
import static com.terrifictotes.etl.catalogue.ToteSysCatalogue.PURCHASE_ORDER;
import static com.terrifictotes.etl.catalogue.ToteSysCatalogue.SALES_ORDER;
import static com.terrifictotes.etl.catalogue.ToteSysCatalogue.TRANSACTION;

import com.terrifictotes.etl.catalogue.SourceTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@link DayOfChanges} reads before changing anything. Every list is ordered by key, so the same database
 * state always yields the same choices.
 */
final class SourceState {
    /** An unpaid payment of a sales order, with what amending that order needs. */
    record UnpaidSale(int paymentId, int salesOrderId, int unitsSold, int unitPriceCents) {
    }

    private final Connection connection;

    SourceState(Connection connection) {
        this.connection = connection;
    }

    List<Integer> keys(SourceTable table) throws SQLException {
        String key = table.column(table.primaryKey()).quotedName();
        return ints("SELECT " + key + " FROM " + table.quotedName() + " ORDER BY " + key);
    }

    List<Object[]> rows(SourceTable table, String... columns) throws SQLException {
        StringBuilder select = new StringBuilder(table.column(table.primaryKey()).quotedName());
        for (String column : columns) {
            select.append(", ").append(table.column(column).quotedName());
        }
        return query("SELECT " + select + " FROM " + table.quotedName() + " ORDER BY 1", columns.length + 1);
    }

    List<Integer> unpaidPayments() throws SQLException {
        return ints("SELECT " + col(PAYMENT, "payment_id") + " FROM " + PAYMENT.quotedName() + " WHERE NOT "
                + col(PAYMENT, "paid") + " ORDER BY 1");
    }

    List<UnpaidSale> unpaidSales() throws SQLException {
        String sql = "SELECT p." + col(PAYMENT, "payment_id") + ", s." + col(SALES_ORDER, "sales_order_id")
                + ", s." + col(SALES_ORDER, "units_sold") + ", (s." + col(SALES_ORDER, "unit_price") + " * 100)::int"
                + " FROM " + PAYMENT.quotedName() + " p JOIN " + TRANSACTION.quotedName() + " t ON t."
                + col(TRANSACTION, "transaction_id") + " = p." + col(PAYMENT, "transaction_id")
                + " JOIN " + SALES_ORDER.quotedName() + " s ON s." + col(SALES_ORDER, "sales_order_id") + " = t."
                + col(TRANSACTION, "sales_order_id") + " WHERE NOT p." + col(PAYMENT, "paid") + " ORDER BY 1";
        List<UnpaidSale> sales = new ArrayList<>();
        for (Object[] row : query(sql, 4)) {
            sales.add(new UnpaidSale((Integer) row[0], (Integer) row[1], (Integer) row[2], (Integer) row[3]));
        }
        return sales;
    }

    /** Addresses that are some counterparty's legal address: changing one must reach dim_counterparty too. */
    List<Integer> legalAddresses() throws SQLException {
        return ints("SELECT DISTINCT " + col(COUNTERPARTY, "legal_address_id") + " FROM "
                + COUNTERPARTY.quotedName() + " ORDER BY 1");
    }

    boolean itemCodeTaken(String itemCode) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT EXISTS (SELECT 1 FROM "
                + PURCHASE_ORDER.quotedName() + " WHERE " + col(PURCHASE_ORDER, "item_code") + " = ?)")) {
            statement.setString(1, itemCode);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private List<Integer> ints(String sql) throws SQLException {
        return query(sql, 1).stream().map(r -> (Integer) r[0]).toList();
    }

    private List<Object[]> query(String sql, int columns) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                Object[] row = new Object[columns];
                for (int i = 0; i < columns; i++) {
                    row[i] = rs.getObject(i + 1);
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static String col(SourceTable table, String column) {
        return table.column(column).quotedName();
    }
}
