package com.terrifictotes.etl.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
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
}
