package com.terrifictotes.etl.transformer;

import static com.terrifictotes.etl.catalogue.WarehouseCatalogue.DIM_DATE;

import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.Locale;
import org.apache.avro.generic.GenericRecord;

/** dim_date: one row per calendar date, generated from the date itself rather than extracted. */
public final class CalendarDates {
    private CalendarDates() {
    }

    /** ISO day of week (Monday = 1 … Sunday = 7), English names, quarter 1–4. */
    public static GenericRecord dimDate(LocalDate date) {
        return WarehouseRow.of(DIM_DATE)
                .set("date_id", date)
                .set("year", date.getYear())
                .set("month", date.getMonthValue())
                .set("day", date.getDayOfMonth())
                .set("day_of_week", date.getDayOfWeek().getValue())
                .set("day_name", date.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH))
                .set("month_name", date.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH))
                .set("quarter", (date.getMonthValue() - 1) / 3 + 1)
                .build();
    }
}
