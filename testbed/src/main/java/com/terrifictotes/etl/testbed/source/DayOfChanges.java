package com.terrifictotes.etl.testbed.source;

import static com.terrifictotes.etl.catalogue.ToteSysCatalogue.COUNTERPARTY;
import static com.terrifictotes.etl.catalogue.ToteSysCatalogue.CURRENCY;
import static com.terrifictotes.etl.catalogue.ToteSysCatalogue.DESIGN;
import static com.terrifictotes.etl.catalogue.ToteSysCatalogue.PAYMENT;
import static com.terrifictotes.etl.catalogue.ToteSysCatalogue.PURCHASE_ORDER;
import static com.terrifictotes.etl.catalogue.ToteSysCatalogue.SALES_ORDER;
import static com.terrifictotes.etl.catalogue.ToteSysCatalogue.STAFF;
import static com.terrifictotes.etl.catalogue.ToteSysCatalogue.TRANSACTION;

import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.catalogue.ToteSysCatalogue;
import com.terrifictotes.etl.testbed.source.SourceState.UnpaidSale;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * One business day's writes to a seeded ToteSys database, made as the application makes them (keys from the
 * sequences, last_updated set by the writer): new sales and purchase orders each with its transaction and payment,
 * some unpaid payments marked paid, one sales order amended (units sold, with its unpaid payment's amount), and at
 * least one department, one address and one staff member edited. Choices depend only on the seed, {@code now} and
 * the database's state; everything runs in one transaction.
 */
public final class DayOfChanges {
    private final RowWriter writer;
    private final SourceState state;
    private final Dice dice;
    private final LocalDateTime stamp;
    private final List<Integer> newSales = new ArrayList<>();
    private final List<Integer> newPurchases = new ArrayList<>();
    private final List<Integer> newTransactions = new ArrayList<>();
    private final List<Integer> newPayments = new ArrayList<>();

    private DayOfChanges(Connection connection, Dice dice, LocalDateTime stamp) {
        this.writer = new RowWriter(connection);
        this.state = new SourceState(connection);
        this.dice = dice;
        this.stamp = stamp;
    }

    /**
     * Applies the day's changes, stamping every inserted or changed row with {@code now} truncated to milliseconds.
     * Give a UTC wall-clock reading, as the application does, so an extractor whose window ends at the database's
     * {@code localtimestamp} sees the changes.
     */
    public static ChangeReport apply(DataSource dataSource, long seed, LocalDateTime now) {
        LocalDateTime stamp = now.truncatedTo(ChronoUnit.MILLIS);
        Dice dice = new Dice(seed, stamp.toInstant(ZoneOffset.UTC).toEpochMilli());
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                ChangeReport report = new DayOfChanges(connection, dice, stamp).run();
                connection.commit();
                return report;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot apply a day of changes: " + e.getMessage(), e);
        }
    }

    private ChangeReport run() throws SQLException {
        List<Integer> unpaid = state.unpaidPayments();
        List<Integer> markedPaid = new ArrayList<>(
                dice.shuffled(unpaid).subList(0, Math.min(unpaid.size(), dice.between(5, 20))));
        Collections.sort(markedPaid);
        Set<Integer> paid = new HashSet<>(markedPaid);
        List<UnpaidSale> amendable = state.unpaidSales().stream().filter(s -> !paid.contains(s.paymentId())).toList();
        UnpaidSale amended = amendable.isEmpty() ? null : dice.pick(amendable);

        addOrders();
        for (int paymentId : markedPaid) {
            writer.update(PAYMENT, paymentId, "paid", true, stamp);
        }
        if (amended != null) {
            amend(amended);
        }
        ReferenceChanges references = new ReferenceChanges(writer, state, dice, stamp);
        return new ChangeReport(stamp, newSales, newPurchases, newTransactions, newPayments, markedPaid,
                amended == null ? List.of() : List.of(amended.salesOrderId()),
                amended == null ? List.of() : List.of(amended.paymentId()),
                references.changeDepartments(), references.changeAddresses(), references.changeStaff());
    }

    /** About a day's worth of orders (production averaged ~22 sales and ~9 purchases per weekday). */
    private void addOrders() throws SQLException {
        List<Integer> designs = requireRows(DESIGN);
        List<Integer> staff = requireRows(STAFF);
        List<Integer> counterparties = requireRows(COUNTERPARTY);
        List<Integer> currencies = requireRows(CURRENCY);
        List<Integer> addresses = requireRows(ToteSysCatalogue.ADDRESS);
        int sales = dice.between(15, 30);
        int purchases = dice.between(5, 12);
        for (int i = 0; i < sales; i++) {
            Order order = new Order(true, 0, stamp, dice.pick(designs), dice.pick(staff), dice.pick(counterparties),
                    null, OrderValues.unitsSold(dice), OrderValues.unitPriceCents(dice), dice.pick(currencies),
                    OrderValues.agreedDate(dice, stamp), OrderValues.agreedDate(dice, stamp), dice.pick(addresses));
            int id = writer.insert(SALES_ORDER, tail(order.salesOrderRow()));
            newSales.add(id);
            addTransactionAndPayment(order, id);
        }
        for (int i = 0; i < purchases; i++) {
            Order order = new Order(false, 0, stamp, 0, dice.pick(staff), dice.pick(counterparties), newItemCode(),
                    OrderValues.itemQuantity(dice), OrderValues.itemUnitPriceCents(dice), dice.pick(currencies),
                    OrderValues.agreedDate(dice, stamp), OrderValues.agreedDate(dice, stamp), dice.pick(addresses));
            int id = writer.insert(PURCHASE_ORDER, tail(order.purchaseOrderRow()));
            newPurchases.add(id);
            addTransactionAndPayment(order, id);
        }
    }

    private void addTransactionAndPayment(Order order, int orderId) throws SQLException {
        int transactionId = writer.insert(TRANSACTION, tail(withId(order, orderId).transactionRow(0)));
        newTransactions.add(transactionId);
        newPayments.add(writer.insert(PAYMENT, stamp, stamp, transactionId, order.counterpartyId(), order.amount(),
                order.currencyId(), order.sale() ? OrderValues.SALES_RECEIPT : OrderValues.PURCHASE_PAYMENT, false,
                order.agreedPaymentDate(), OrderValues.accountNumber(dice), OrderValues.accountNumber(dice)));
    }

    /** A customer changes the quantity of an unpaid order: the order and its payment's amount change together. */
    private void amend(UnpaidSale sale) throws SQLException {
        int units = OrderValues.unitsSold(dice);
        if (units == sale.unitsSold()) {
            units = units == 1001 ? 1002 : units - 1;
        }
        writer.update(SALES_ORDER, sale.salesOrderId(), "units_sold", units, stamp);
        writer.update(PAYMENT, sale.paymentId(), "payment_amount", OrderValues.amount(units, sale.unitPriceCents()),
                stamp);
    }

    private List<Integer> requireRows(SourceTable table) throws SQLException {
        List<Integer> keys = state.keys(table);
        if (keys.isEmpty()) {
            throw new IllegalStateException("table " + table.name()
                    + " has no rows: seed the database with ToteSysGenerator before applying a day of changes");
        }
        return keys;
    }

    private String newItemCode() throws SQLException {
        String code = OrderValues.itemCode(dice);
        while (state.itemCodeTaken(code)) {
            code = OrderValues.itemCode(dice);
        }
        return code;
    }

    private static Order withId(Order order, int id) {
        return new Order(order.sale(), id, order.createdAt(), order.designId(), order.staffId(),
                order.counterpartyId(), order.itemCode(), order.quantity(), order.unitPriceCents(),
                order.currencyId(), order.agreedDeliveryDate(), order.agreedPaymentDate(), order.locationId());
    }

    /** A row without its key, for an INSERT that takes the key from the sequence. */
    private static Object[] tail(Object[] row) {
        return Arrays.copyOfRange(row, 1, row.length);
    }
}
