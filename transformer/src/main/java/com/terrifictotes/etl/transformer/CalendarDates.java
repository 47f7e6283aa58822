package com.terrifictotes.etl.transformer;

import static com.terrifictotes.etl.catalogue.WarehouseCatalogue.DIM_DATE;

import com.terrifictotes.etl.lake.TableRow;
import java.time.LocalDate;

/**
 * dim_date: one row per calendar date, generated from the date itself rather than extracted, each column the
 * calendar attribute the catalogue declares for it.
 */
final class CalendarDates {
    private static final StarRows DATES = StarRows.of(DIM_DATE);

    private CalendarDates() {
    }

    public static TableRow dimDate(LocalDate date) {
        return DATES.calendar(date);
    }
}
