package com.terrifictotes.etl.transformer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SourceDatesTest {
    @Test
    void readsTheExactFormYyyyMmDdNamingARealDate() {
        assertThat(SourceDates.parse("2024-02-29")).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(SourceDates.parse("0000-01-01")).isEqualTo(LocalDate.of(0, 1, 1));
        assertThat(SourceDates.parse("9999-12-31")).isEqualTo(LocalDate.of(9999, 12, 31));
    }

    @ParameterizedTest
    @ValueSource(strings = {"24/2/2024", "2024-2-29", "2024-02-29 ", " 2024-02-29", "2024/02/29", "+024-02-01",
        "2024-0a-01", "\uff12\uff10\uff12\uff14-02-29", "2024-02-29T00:00", ""})
    void refusesAnyOtherFormSayingSo(String text) {
        assertThatThrownBy(() -> SourceDates.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "' is not a date of the form YYYY-MM-DD");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-02-30", "2023-02-29", "2024-13-01", "2024-00-10", "2024-04-31"})
    void refusesADateTheCalendarDoesNotHave(String text) {
        assertThatThrownBy(() -> SourceDates.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'" + text + "' is not a calendar date (");
    }
}
