package com.terrifictotes.etl.testbed.source;

import com.terrifictotes.etl.catalogue.ToteSysCatalogue;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Two years of business at a given scale: designs, sales and purchase orders, one transaction per order and one
 * payment per transaction. At scale 1 the counts are those of the November 2024 production snapshot. An order, its
 * transaction and its payment share one created_at; ids grow with time, as a sequence hands them out.
 */
final class OrderHistory {
    static final int SALES_ORDERS = 11_187;
    static final int PURCHASE_ORDERS = 4_649;
    static final int DESIGNS = 473;
    static final int DESIGNS_AT_LAUNCH = 80;
    static final double PAID_SHARE = 0.6;

    private final int scale;
    private final long seed;
    private final SeedCalendar calendar;
    private final List<LocalDateTime> designTimes = new ArrayList<>();

    OrderHistory(int scale, long seed) {
        this.scale = scale;
        this.seed = seed;
        this.calendar = new SeedCalendar(seed);
    }

    /** The tables in foreign-key order: design, sales_order, purchase_order, transaction, payment. */
    List<TableRows> build() {
        TableRows designs = designs(new Dice(seed, "design"));
        List<Order> sales = sales(new Dice(seed, "sales_order"));
        List<Order> purchases = purchases(new Dice(seed, "purchase_order"));
        TableRows salesRows = new TableRows(ToteSysCatalogue.SALES_ORDER);
        sales.forEach(o -> salesRows.add(o.salesOrderRow()));
        TableRows purchaseRows = new TableRows(ToteSysCatalogue.PURCHASE_ORDER);
        purchases.forEach(o -> purchaseRows.add(o.purchaseOrderRow()));
        List<Order> all = new ArrayList<>(sales);
        all.addAll(purchases);
        all.sort(Comparator.comparing(Order::createdAt).thenComparing(o -> !o.sale()).thenComparing(Order::id));
        TableRows transactions = new TableRows(ToteSysCatalogue.TRANSACTION);
        TableRows payments = new TableRows(ToteSysCatalogue.PAYMENT);
        Dice paymentDice = new Dice(seed, "payment");
        for (int i = 0; i < all.size(); i++) {
            transactions.add(all.get(i).transactionRow(i + 1));
            payments.add(paymentRow(paymentDice, i + 1, all.get(i)));
        }
        return List.of(designs, salesRows, purchaseRows, transactions, payments);
    }

    private TableRows designs(Dice dice) {
        for (int i = 0; i < DESIGNS * scale; i++) {
            designTimes.add(i < DESIGNS_AT_LAUNCH * scale ? SeedCalendar.REFERENCE_DATA
                    : calendar.businessInstant(dice));
        }
        Collections.sort(designTimes);
        TableRows rows = new TableRows(ToteSysCatalogue.DESIGN);
        for (int i = 0; i < designTimes.size(); i++) {
            LocalDateTime created = designTimes.get(i);
            String name = dice.pick(Vocabulary.DESIGN_NAMES);
            rows.add(i + 1, created, name, dice.pick(Vocabulary.DIRECTORIES),
                    OrderValues.designFileName(dice, name, created.toLocalDate()), created);
        }
        return rows;
    }

    private List<Order> sales(Dice dice) {
        List<LocalDateTime> times = orderTimes(dice, SALES_ORDERS * scale, true);
        List<Order> orders = new ArrayList<>(times.size());
        for (int i = 0; i < times.size(); i++) {
            LocalDateTime created = times.get(i);
            orders.add(new Order(true, i + 1, created, dice.between(1, designsExistingAt(created)), staff(dice),
                    counterparty(dice), null, OrderValues.unitsSold(dice), OrderValues.unitPriceCents(dice),
                    currency(dice), OrderValues.agreedDate(dice, created), OrderValues.agreedDate(dice, created),
                    location(dice)));
        }
        return orders;
    }

    private List<Order> purchases(Dice dice) {
        List<LocalDateTime> times = orderTimes(dice, PURCHASE_ORDERS * scale, false);
        Set<String> itemCodes = new HashSet<>();
        List<Order> orders = new ArrayList<>(times.size());
        for (int i = 0; i < times.size(); i++) {
            LocalDateTime created = times.get(i);
            String itemCode = OrderValues.itemCode(dice);
            while (!itemCodes.add(itemCode)) {
                itemCode = OrderValues.itemCode(dice);
            }
            orders.add(new Order(false, i + 1, created, 0, staff(dice), counterparty(dice), itemCode,
                    OrderValues.itemQuantity(dice), OrderValues.itemUnitPriceCents(dice), currency(dice),
                    OrderValues.agreedDate(dice, created), OrderValues.agreedDate(dice, created), location(dice)));
        }
        return orders;
    }

    /** The payment for an order: unpaid when created; most were marked paid by a later morning's job. */
    private Object[] paymentRow(Dice dice, int id, Order order) {
        boolean paid = dice.chance(PAID_SHARE);
        LocalDateTime lastUpdated = paid ? calendar.paidStamp(order.createdAt(), dice.between(1, 5))
                : order.createdAt();
        return new Object[] {id, order.createdAt(), lastUpdated, id, order.counterpartyId(), order.amount(),
            order.currencyId(), order.sale() ? OrderValues.SALES_RECEIPT : OrderValues.PURCHASE_PAYMENT, paid,
            order.agreedPaymentDate(), OrderValues.accountNumber(dice), OrderValues.accountNumber(dice)};
    }

    /** Sorted creation times; the very first sales order keeps production's first-order stamp. */
    private List<LocalDateTime> orderTimes(Dice dice, int count, boolean startsWithFirstOrder) {
        List<LocalDateTime> times = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            times.add(i == 0 && startsWithFirstOrder ? SeedCalendar.FIRST_ORDER : calendar.businessInstant(dice));
        }
        Collections.sort(times);
        return times;
    }

    /** How many designs had been created by then: an order only uses a design that exists. */
    private int designsExistingAt(LocalDateTime instant) {
        int index = Collections.binarySearch(designTimes, instant);
        int count = index >= 0 ? index + 1 : -index - 1;
        while (count < designTimes.size() && !designTimes.get(count).isAfter(instant)) {
            count++;
        }
        return count;
    }

    private static int staff(Dice dice) {
        return dice.between(1, ReferenceTables.STAFF);
    }

    private static int counterparty(Dice dice) {
        return dice.between(1, ReferenceTables.COUNTERPARTIES);
    }

    private static int currency(Dice dice) {
        return dice.between(1, Vocabulary.CURRENCY_CODES.size());
    }

    private static int location(Dice dice) {
        return dice.between(1, ReferenceTables.ADDRESSES);
    }
}
