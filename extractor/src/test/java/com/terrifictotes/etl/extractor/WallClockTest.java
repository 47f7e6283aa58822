package com.terrifictotes.etl.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WallClockTest {
    private static final WallClock LONDON = new WallClock(ZoneId.of("Europe/London"));
    /** 2024-10-27 01:00 UTC: London's clocks go back from 02:00 BST to 01:00 GMT. */
    private static final Instant AUTUMN = Instant.parse("2024-10-27T01:00:00Z");
    /** 2025-03-30 01:00 UTC: London's clocks go forward from 01:00 GMT to 02:00 BST. */
    private static final Instant SPRING = Instant.parse("2025-03-30T01:00:00Z");

    @ParameterizedTest(name = "{0} reads 12:00Z as {1}")
    @CsvSource({"UTC, 12:00", "Z, 12:00", "+05:30, 17:30", "-02:00, 10:00", "UTC-02:00, 10:00", "GMT+2, 14:00",
            "Etc/GMT+2, 10:00", "Asia/Kathmandu, 17:45"})
    void everyFormOfAZoneIdReadsAsJavaMeansIt(String zone, String reading) {
        LocalDateTime at = new WallClock(ZoneId.of(zone)).at(Instant.parse("2026-06-01T12:00:00.123456Z"));

        assertThat(at).isEqualTo(LocalDateTime.parse("2026-06-01T" + reading + ":00.123456"));
    }

    @Test
    void theLowestReadingAcrossTheAutumnChangeIsTheOneJustAfterTheClockWentBack() {
        Instant firstPass = AUTUMN.minus(10, ChronoUnit.MINUTES); // 01:50 BST

        assertThat(LONDON.lowest(firstPass, AUTUMN.plus(10, ChronoUnit.MINUTES)))
                .isEqualTo(LocalDateTime.of(2024, 10, 27, 1, 0));
        assertThat(LONDON.lowest(firstPass, AUTUMN.minusNanos(1_000)))
                .as("before the change").isEqualTo(LocalDateTime.of(2024, 10, 27, 1, 50));
    }

    @Test
    void theLowestReadingAcrossTheSpringChangeIsTheOneAtTheStart() {
        Instant before = SPRING.minus(3, ChronoUnit.MINUTES); // 00:57 GMT

        assertThat(LONDON.lowest(before, SPRING.plus(2, ChronoUnit.MINUTES)))
                .isEqualTo(LocalDateTime.of(2025, 3, 30, 0, 57));
    }

    @Test
    void aZoneWithoutChangesReadsLowestAtTheStart() {
        WallClock utc = new WallClock(ZoneId.of("UTC"));
        Instant from = Instant.parse("2026-01-01T00:00:00Z");

        assertThat(utc.lowest(from, from.plus(400, ChronoUnit.DAYS))).isEqualTo(LocalDateTime.of(2026, 1, 1, 0, 0));
    }

    @Test
    void lordHoweGoesBackHalfAnHour() {
        // 2025-04-06 02:00 +11 becomes 01:30 +10:30, at 2025-04-05T15:00Z
        WallClock lordHowe = new WallClock(ZoneId.of("Australia/Lord_Howe"));
        Instant change = Instant.parse("2025-04-05T15:00:00Z");

        assertThat(lordHowe.lowest(change.minus(5, ChronoUnit.MINUTES), change.plus(1, ChronoUnit.MINUTES)))
                .isEqualTo(LocalDateTime.of(2025, 4, 6, 1, 30));
    }

    @Test
    void aReadingOfTheRepeatedHourNamesTheInstantNearestWhenItWasTaken() {
        LocalDateTime reading = LocalDateTime.of(2024, 10, 27, 1, 30);
        Instant firstPass = Instant.parse("2024-10-27T00:30:00Z");
        Instant secondPass = Instant.parse("2024-10-27T01:30:00Z");

        assertThat(LONDON.instantOf(reading, firstPass.plusSeconds(3))).contains(firstPass);
        assertThat(LONDON.instantOf(reading, secondPass.minusSeconds(3))).contains(secondPass);
        assertThat(LONDON.instantOf(LocalDateTime.of(2025, 3, 30, 1, 30), SPRING)).as("inside the gap").isEmpty();
    }
}
