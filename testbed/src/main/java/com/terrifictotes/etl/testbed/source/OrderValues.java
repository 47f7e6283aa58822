package com.terrifictotes.etl.testbed.source;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The value domains of orders and payments as production has them (totesys.md §4), for seeding and for new days. */
final class OrderValues {
    static final int SALES_RECEIPT = 1;
    static final int PURCHASE_PAYMENT = 3;
    private static final String ITEM_CODE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final DateTimeFormatter FILE_DATE = DateTimeFormatter.ofPattern("yyyyMMdd");

    private OrderValues() {
    }

    static int unitsSold(Dice dice) {
        return dice.between(1001, 99_973);
    }

    /** 2.00 .. 4.00, in cents. */
    static int unitPriceCents(Dice dice) {
        return dice.between(200, 400);
    }

    static int itemQuantity(Dice dice) {
        return dice.between(1, 999);
    }

    /** 3.32 .. 999.07, in cents. */
    static int itemUnitPriceCents(Dice dice) {
        return dice.between(332, 99_907);
    }

    /** Seven upper-case alphanumerics; callers keep them unique. */
    static String itemCode(Dice dice) {
        return dice.characters(7, ITEM_CODE_ALPHABET);
    }

    /** An 8-digit account number. */
    static int accountNumber(Dice dice) {
        return dice.between(10_000_000, 99_999_999);
    }

    /** An agreed delivery or payment date: text 'YYYY-MM-DD', 0..6 days after the order was created. */
    static String agreedDate(Dice dice, LocalDateTime created) {
        return created.toLocalDate().plusDays(dice.between(0, 6)).toString();
    }

    /** quantity x unit price, exact (an integer times a 2-decimal price needs no rounding). */
    static BigDecimal amount(int quantity, int unitPriceCents) {
        return BigDecimal.valueOf((long) quantity * unitPriceCents, 2);
    }

    static BigDecimal price(int cents) {
        return BigDecimal.valueOf(cents, 2);
    }

    /** Like "wooden-20220717-npgz.json": the design name, a date before the design was created, 4 letters. */
    static String designFileName(Dice dice, String designName, LocalDate created) {
        LocalDate drawn = created.minusDays(dice.between(0, 400));
        return designName.toLowerCase(Locale.ROOT) + "-" + FILE_DATE.format(drawn) + "-"
                + dice.characters(4, "abcdefghijklmnopqrstuvwxyz") + ".json";
    }
}
