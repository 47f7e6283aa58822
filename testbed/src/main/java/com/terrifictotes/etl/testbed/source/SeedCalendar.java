package com.terrifictotes.etl.testbed.source;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

/**
 * When things happened in the seeded history (totesys.md §4): the reference tables were loaded in two stamps on
 * 2022-11-03, orders arrived on weekdays between 08:00 and 18:59 (mostly at second :09 or :10) until 2024-11-14,
 * and payments were marked paid by a morning job at 07:xx on a later weekday. Some stamps fall on a whole second,
 * whose milliseconds are .000 (they serialise without a fraction in some tools).
 */
final class SeedCalendar {
    /** address, currency, department, payment_type and the first designs. */
    static final LocalDateTime REFERENCE_DATA = LocalDateTime.of(2022, 11, 3, 14, 20, 49, 962_000_000);
    /** counterparty and staff. */
    static final LocalDateTime PEOPLE = LocalDateTime.of(2022, 11, 3, 14, 20, 51, 563_000_000);
    static final LocalDateTime FIRST_ORDER = LocalDateTime.of(2022, 11, 3, 14, 20, 52, 186_000_000);
    static final LocalDate LAST_ORDER_DAY = LocalDate.of(2024, 11, 14);
    private static final double WHOLE_SECOND_SHARE = 0.04;

    private final List<LocalDate> weekdays;
    private final long seed;

    SeedCalendar(long seed) {
        this.seed = seed;
        this.weekdays = weekdaysBetween(FIRST_ORDER.toLocalDate(), LAST_ORDER_DAY);
    }

    static List<LocalDate> weekdaysBetween(LocalDate first, LocalDate last) {
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            if (isWeekday(day)) {
                days.add(day);
            }
        }
        return days;
    }

    static boolean isWeekday(LocalDate day) {
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    /** A business-hours instant on a random weekday of the seeded period, after the first order. */
    LocalDateTime businessInstant(Dice dice) {
        LocalDate day = dice.pick(weekdays);
        while (true) {
            LocalDateTime instant = day.atTime(dice.between(8, 18), dice.between(0, 59),
                    dice.chance(0.85) ? dice.between(9, 10) : dice.between(0, 59), 0)
                    .plusNanos(millis(dice) * 1_000_000L);
            if (instant.isAfter(FIRST_ORDER)) {
                return instant;
            }
        }
    }

    /**
     * The stamp the paid-flag job gave payments on the first weekday at least {@code daysLater} days after
     * {@code created}. One stamp per day, derived from the seed and the date alone, so all payments flipped that
     * morning share it.
     */
    LocalDateTime paidStamp(LocalDateTime created, int daysLater) {
        LocalDate day = created.toLocalDate().plusDays(daysLater);
        while (!isWeekday(day)) {
            day = day.plusDays(1);
        }
        Dice dice = new Dice(seed, day.toEpochDay());
        return day.atTime(LocalTime.of(7, dice.between(0, 59), dice.between(0, 59)))
                .plusNanos(millis(dice) * 1_000_000L);
    }

    /** Milliseconds of a stamp: now and then exactly .000. */
    static int millis(Dice dice) {
        return dice.chance(WHOLE_SECOND_SHARE) ? 0 : dice.between(1, 999);
    }
}
