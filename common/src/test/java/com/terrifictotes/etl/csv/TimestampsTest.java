package com.terrifictotes.etl.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class TimestampsTest {
    @Test
    void microsecondPrecisionIsKeptExactly() {
        LocalDateTime bound = LocalDateTime.of(2026, 11, 21, 6, 0, 0, 123_456_000);

        assertThat(Timestamps.format(bound)).isEqualTo("2026-11-21T06:00:00.123456");
        assertThat(Timestamps.parse(Timestamps.format(bound))).isEqualTo(bound);
    }

    @Test
    void theFormsOtherToolsWriteAreAccepted() {
        LocalDateTime expected = LocalDateTime.of(2022, 11, 3, 14, 20, 49, 962_000_000);

        assertThat(Timestamps.parse("2022-11-03 14:20:49.962")).isEqualTo(expected);
        assertThat(Timestamps.parse("2022-11-03T14:20:49.962000")).isEqualTo(expected);
        assertThat(Timestamps.parse("2023-02-16T09:26:10")).isEqualTo(LocalDateTime.of(2023, 2, 16, 9, 26, 10));
    }

    @Test
    void textThatIsNoTimestampIsRejected() {
        assertThatThrownBy(() -> Timestamps.parse("yesterday")).hasMessageContaining("yesterday");
        assertThatThrownBy(() -> Timestamps.parse("2022-11-03T14:20:49+01:00")).hasMessageContaining("+01:00");
    }

    @Test
    void writesYearsBeyondFourDigitsWithTheirSign() {
        assertThat(Timestamps.format(LocalDateTime.of(12_345, 1, 2, 3, 4, 5))).isEqualTo("+12345-01-02T03:04:05.000");
    }

    @Test
    void formatsMidnightAndTheLastNanosecondOfADay() {
        assertThat(Timestamps.format(LocalTime.MIDNIGHT)).isEqualTo("00:00:00.000");
        assertThat(Timestamps.format(LocalTime.MAX)).isEqualTo("23:59:59.999999999");
        assertThat(Timestamps.format(LocalDateTime.of(0, 1, 1, 0, 0))).isEqualTo("0000-01-01T00:00:00.000");
    }
}
