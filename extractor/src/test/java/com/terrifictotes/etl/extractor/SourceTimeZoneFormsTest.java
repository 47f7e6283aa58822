package com.terrifictotes.etl.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import com.terrifictotes.etl.csv.Timestamps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code SOURCE_TIME_ZONE} means what Java reads its text as, in every form, against a real PostgreSQL: the bound
 * is the snapshot's instant on that zone's wall clock, and a row the application stamps on that clock after a run
 * is read by the next one. PostgreSQL reads {@code +02:00}, {@code UTC+2} and {@code GMT+2} as two hours west; an
 * extractor that handed it the zone put its bound hours off, and then never saw a new row again.
 */
class SourceTimeZoneFormsTest {
    @ParameterizedTest(name = "SOURCE_TIME_ZONE={0}")
    @ValueSource(strings = {"Europe/London", "America/New_York", "Z", "UTC", "+05:30", "-02:00", "UTC-02:00",
            "GMT+2", "Etc/GMT+2", "Asia/Kathmandu"})
    void theBoundIsTheSnapshotInstantOnTheZonesWallClockAndLaterRunsSeeNewRows(String id) {
        ExtractionBed bed = ExtractionBed.create();
        ZoneId zone = ZoneId.of(id);
        ExtractionSettings settings = bed.settings().withSourceTimeZone(zone);
        bed.insertCurrency("OLD", LocalDateTime.now(zone).minusMinutes(1).truncatedTo(ChronoUnit.MILLIS));
        AtomicReference<Instant> snapshot = new AtomicReference<>();
        ValuesAndTimeZonesTest.RecordingMetrics metrics = new ValuesAndTimeZonesTest.RecordingMetrics();
        Instant databaseBefore = databaseNow(bed);

        ExtractionResult first = new ExtractionService(bed.s3, bed.database.dataSource(), settings,
                Clock.systemUTC(), metrics, database -> {
                    snapshot.set(database);
                    return database;
                }).run();

        Instant databaseAfter = databaseNow(bed);
        LocalDateTime hi = Timestamps.parse(first.windowHi());
        assertThat(snapshot.get()).as("the snapshot's instant").isBetween(databaseBefore, databaseAfter);
        assertThat(hi).isEqualTo(LocalDateTime.ofInstant(snapshot.get(), zone));
        assertThat(bed.manifest(1).table("currency").orElseThrow().windowHi()).isEqualTo(hi);
        assertThat(bed.manifest(1).sourceTimeZone()).isEqualTo(zone.getId());
        assertThat(first.rows()).containsEntry("currency", 1L);
        assertThat(metrics.freshnessLag).isBetween(Duration.ZERO, Duration.ofMinutes(1));

        bed.insertCurrency("NEW", LocalDateTime.now(zone).truncatedTo(ChronoUnit.MILLIS));
        ExtractionResult second = bed.service(settings).run();

        assertThat(second.rows()).as("the row stamped after the first run").containsEntry("currency", 1L);
        assertThat(bed.deliveredVersions("currency")).hasSize(2).allSatisfy((v, n) -> assertThat(n).isEqualTo(1));
    }

    private static Instant databaseNow(ExtractionBed bed) {
        List<Instant> now = new ArrayList<>();
        bed.query("SELECT clock_timestamp()", rs -> now.add(rs.getObject(1, OffsetDateTime.class).toInstant()));
        return now.get(0);
    }
}
