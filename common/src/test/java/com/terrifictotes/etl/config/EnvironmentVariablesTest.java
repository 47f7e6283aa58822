package com.terrifictotes.etl.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.terrifictotes.etl.error.ConfigurationException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentVariablesTest {
    @Test
    void aBlankVariableIsUnsetAndAValueIsTrimmed() {
        Map<String, String> environment = Map.of("BLANK", "  ", "SET", " bucket-1 ");

        assertThat(EnvironmentVariables.optional(environment, "BLANK")).isNull();
        assertThat(EnvironmentVariables.optional(environment, "SET")).isEqualTo("bucket-1");
        assertThatThrownBy(() -> EnvironmentVariables.required(environment, "BLANK"))
                .isInstanceOf(ConfigurationException.class).hasMessage("environment variable BLANK is not set");
    }

    @Test
    void aWholeNumberIsCheckedAgainstItsRangeAndDefaultsWhenUnset() {
        Map<String, String> environment = Map.of("ROWS", "20000", "ZERO", "0", "WORDS", "ten");

        assertThat(EnvironmentVariables.wholeNumber(environment, "ROWS", 1, 5)).isEqualTo(20_000);
        assertThat(EnvironmentVariables.wholeNumber(environment, "UNSET", 1, 5)).isEqualTo(5);
        assertThatThrownBy(() -> EnvironmentVariables.wholeNumber(environment, "ZERO", 1, 5))
                .hasMessage("environment variable ZERO must be a whole number from 1 to 2147483647, got '0'");
        assertThatThrownBy(() -> EnvironmentVariables.wholeNumber(environment, "WORDS", 0, 5))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("got 'ten'");
    }

    @Test
    void aZoneIsReadAsJavaReadsItWithAnOffsetEastPositive() {
        Map<String, String> environment = Map.of("ZONE", "-02:00", "BAD", "Mars/Olympus");

        assertThat(EnvironmentVariables.zone(environment, "ZONE", ZoneOffset.UTC)).isEqualTo(ZoneOffset.ofHours(-2));
        assertThat(EnvironmentVariables.zone(environment, "UNSET", ZoneId.of("Europe/London")))
                .isEqualTo(ZoneId.of("Europe/London"));
        assertThatThrownBy(() -> EnvironmentVariables.zone(environment, "BAD", ZoneOffset.UTC))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("environment variable BAD is not a time zone id: 'Mars/Olympus'");
    }
}
