package com.terrifictotes.etl.transformer;

import static org.assertj.core.api.Assertions.assertThat;

import com.terrifictotes.etl.lake.TableRow;
import java.text.DateFormatSymbols;
import java.time.LocalDate;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class CalendarDatesTest {
    /** The expected fields come from java.util.GregorianCalendar and DateFormatSymbols, not from java.time. */
    @Test
    void derivesEveryFieldOfEveryDayOfALeapYearIndependentlyOfJavaTime() {
        String[] days = DateFormatSymbols.getInstance(Locale.ENGLISH).getWeekdays();
        String[] months = DateFormatSymbols.getInstance(Locale.ENGLISH).getMonths();
        for (LocalDate date = LocalDate.of(2024, 1, 1); date.getYear() == 2024; date = date.plusDays(1)) {
            GregorianCalendar calendar = new GregorianCalendar(date.getYear(), date.getMonthValue() - 1,
                    date.getDayOfMonth());
            int sundayFirst = calendar.get(Calendar.DAY_OF_WEEK);
            int isoDayOfWeek = sundayFirst == Calendar.SUNDAY ? 7 : sundayFirst - 1;
            TableRow row = CalendarDates.dimDate(date);
            assertThat(row.get("date_id")).isEqualTo(date);
            assertThat(row.get("year")).isEqualTo(calendar.get(Calendar.YEAR));
            assertThat(row.get("month")).isEqualTo(calendar.get(Calendar.MONTH) + 1);
            assertThat(row.get("day")).isEqualTo(calendar.get(Calendar.DAY_OF_MONTH));
            assertThat(row.get("day_of_week")).isEqualTo(isoDayOfWeek);
            assertThat(row.get("day_name")).isEqualTo(days[sundayFirst]);
            assertThat(row.get("month_name")).isEqualTo(months[calendar.get(Calendar.MONTH)]);
            assertThat(row.get("quarter")).isEqualTo(calendar.get(Calendar.MONTH) / 3 + 1);
        }
    }

    @Test
    void numbersMondayOneAndSundaySeven() {
        // 2023-01-02 was a Monday, 2023-01-08 a Sunday
        assertThat(CalendarDates.dimDate(LocalDate.of(2023, 1, 2)).get("day_of_week")).isEqualTo(1);
        assertThat(CalendarDates.dimDate(LocalDate.of(2023, 1, 2)).get("day_name")).isEqualTo("Monday");
        assertThat(CalendarDates.dimDate(LocalDate.of(2023, 1, 8)).get("day_of_week")).isEqualTo(7);
        assertThat(CalendarDates.dimDate(LocalDate.of(2023, 1, 8)).get("day_name")).isEqualTo("Sunday");
    }

    @Test
    void putsQuarterBoundariesInTheRightQuarter() {
        assertThat(CalendarDates.dimDate(LocalDate.of(2022, 3, 31)).get("quarter")).isEqualTo(1);
        assertThat(CalendarDates.dimDate(LocalDate.of(2022, 4, 1)).get("quarter")).isEqualTo(2);
        assertThat(CalendarDates.dimDate(LocalDate.of(2022, 9, 30)).get("quarter")).isEqualTo(3);
        assertThat(CalendarDates.dimDate(LocalDate.of(2022, 10, 1)).get("quarter")).isEqualTo(4);
    }
}
