package com.terrifictotes.etl.extractor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.terrifictotes.etl.manifest.BucketLayout;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** A source clock far from the function's fails the run before anything is read or published. */
class ClockSkewGuardTest {
    private static final WallClock NEW_YORK = new WallClock(ZoneId.of("America/New_York"));
    private static final SourceDatabase SOURCE = new SourceDatabase(new PGSimpleDataSource(),
            "totesys.example:5432/totesys as user reader");

    @Test
    void clocksWithinTheAllowedSkewPass() {
        Instant function = Instant.parse("2026-06-01T12:00:00Z");

        assertThatCode(() -> ClockSkewGuard.check(SOURCE, NEW_YORK, function.plusSeconds(300), function,
                Duration.ofMinutes(5))).doesNotThrowAnyException();
        assertThatCode(() -> ClockSkewGuard.check(SOURCE, NEW_YORK, function.minusSeconds(300), function,
                Duration.ofMinutes(5))).doesNotThrowAnyException();
    }

    @Test
    void aSkewedDatabaseClockFailsNamingTheDatabaseBothReadingsTheZoneAndTheSetting() {
        Instant function = Instant.parse("2026-06-01T12:00:00Z");

        assertThatThrownBy(() -> ClockSkewGuard.check(SOURCE, NEW_YORK, function.plusSeconds(301), function,
                Duration.ofMinutes(5)))
                .isInstanceOf(ClockSkewException.class)
                .hasMessageContaining("totesys.example:5432/totesys")
                .hasMessageContaining("2026-06-01T12:05:01Z (2026-06-01T08:05:01.000 in America/New_York")
                .hasMessageContaining("2026-06-01T12:00:00Z (2026-06-01T08:00:00.000 in America/New_York)")
                .hasMessageContaining("301.0 s ahead")
                .hasMessageContaining("EXTRACT_MAX_CLOCK_SKEW_SECONDS");
    }

    @Test
    void aRunWhoseSourceClockIsSkewedFailsBeforeWritingAnythingAndTheNextRunReadsOn() {
        ExtractionBed bed = ExtractionBed.create();
        bed.insertCurrency("GBP", bed.utcNow().minusMinutes(1));
        Instant now = Instant.now();
        ValuesAndTimeZonesTest.RecordingMetrics metrics = new ValuesAndTimeZonesTest.RecordingMetrics();
        ExtractionService skewed = new ExtractionService(bed.s3, bed.database.dataSource(), bed.settings(),
                Clock.fixed(now, ZoneOffset.UTC), metrics, database -> now.plus(Duration.ofHours(4)));

        assertThatThrownBy(skewed::run)
                .isInstanceOf(ClockSkewException.class)
                .hasMessageContaining(com.terrifictotes.etl.db.DataSourceAddress.of(bed.database.dataSource()))
                .hasMessageContaining("in UTC")
                .hasMessageContaining("14400.0 s ahead");
        assertThat(bed.keys()).as("objects written").isEmpty();
        assertThat(metrics.freshnessLag).as("no freshness reported from a skewed clock").isNull();

        ExtractionResult healthy = bed.run();

        assertThat(healthy.rows()).containsEntry("currency", 1L);
        assertThat(bed.keys()).contains(BucketLayout.ingestionManifestKey(1));
    }

    @Test
    void theFreshnessLagIsNeverNegativeWhenTheDatabaseIsSlightlyAhead() {
        ExtractionBed bed = ExtractionBed.create();
        bed.insertCurrency("GBP", bed.utcNow().minusMinutes(1));
        AtomicReference<Instant> read = new AtomicReference<>();
        ValuesAndTimeZonesTest.RecordingMetrics metrics = new ValuesAndTimeZonesTest.RecordingMetrics();

        new ExtractionService(bed.s3, bed.database.dataSource(), bed.settings(), Clock.systemUTC(), metrics,
                database -> {
                    read.set(database.plusSeconds(90));
                    return read.get();
                }).run();

        assertThat(read.get()).isNotNull();
        assertThat(metrics.freshnessLag).isEqualTo(Duration.ZERO);
    }
}
