package com.terrifictotes.etl.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import com.terrifictotes.etl.csv.Timestamps;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** Values arrive exactly as stored: NULL vs empty text vs look-alikes, any characters, timestamps in any zone. */
class ValuesAndTimeZonesTest {
    private static final List<String> AWKWARD = Arrays.asList(null, "", "NULL", "\\N", "null", " ",
            "\"quoted\", with a comma", "line one\nline two\r\nline three", "O'Keefe; Leds", "Zürich – 東京 – 🙂",
            "\"\"", ",");

    @Test
    void nullEmptyTextAndSpecialCharactersRoundTripThroughTheCsv() {
        ExtractionBed bed = ExtractionBed.create();
        LocalDateTime stamp = bed.utcNow().minusMinutes(1);
        for (int i = 0; i < AWKWARD.size(); i++) {
            bed.execute("INSERT INTO department (department_name, location, manager, created_at, last_updated)"
                    + " VALUES (?, ?, ?, ?, ?)", "dept " + i, AWKWARD.get(i), AWKWARD.get(i), stamp, stamp);
        }

        bed.run();

        List<Map<String, String>> rows = bed.deliveredRows("department");
        assertThat(rows).extracting(row -> row.get("location")).containsExactlyElementsOf(AWKWARD);
        assertThat(rows).extracting(row -> row.get("manager")).containsExactlyElementsOf(AWKWARD);
        assertThat(rows).isEqualTo(bed.sourceRows("department"));
    }

    @Test
    void timestampsKeepFullPrecisionAndNoZoneShiftWhateverTheJvmAndSessionZones() {
        ExtractionBed bed = ExtractionBed.create();
        // 01:30 on 2024-03-31 does not exist in London (the clocks jump from 01:00 to 02:00): any zone conversion
        // on the way would move it
        List<String> stamps = List.of("2024-03-31T01:30:00.000", "2024-10-27T01:30:00.123", "1999-12-31T23:59:59.999");
        for (String stamp : stamps) {
            bed.execute("INSERT INTO currency (currency_code, created_at, last_updated) VALUES ('X', ?::timestamp,"
                    + " ?::timestamp)", stamp, stamp);
        }
        PGSimpleDataSource otherSessionZone = sessionZoneDataSource(bed, "Asia/Kathmandu");
        RecordingMetrics metrics = new RecordingMetrics();
        TimeZone jvmZone = TimeZone.getDefault();
        LocalDateTime before;
        ExtractionResult result;
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati")); // UTC+14
            before = bed.utcNow();
            result = new ExtractionService(bed.s3, otherSessionZone, bed.settings(), Clock.systemUTC(), metrics)
                    .run();
        } finally {
            TimeZone.setDefault(jvmZone);
        }
        LocalDateTime after = bed.utcNow();

        assertThat(bed.deliveredRows("currency")).extracting(row -> row.get("last_updated"))
                .containsExactlyInAnyOrderElementsOf(stamps);
        LocalDateTime hi = Timestamps.parse(result.windowHi());
        assertThat(hi).isBetween(before, after);
        assertThat(bed.manifest(1).table("currency").orElseThrow().windowHi()).as("full precision").isEqualTo(hi);
        assertThat(metrics.freshnessLag).isBetween(Duration.ZERO, Duration.ofMinutes(1));
    }

    @Test
    void theBoundIsReadOnTheSourceWallClockOfTheConfiguredZone() {
        ExtractionBed bed = ExtractionBed.create();
        ZoneId newYork = ZoneId.of("America/New_York");
        // an application whose clock runs on New York time stamps New York wall-clock readings
        bed.execute("INSERT INTO currency (currency_code, created_at, last_updated) VALUES ('X',"
                + " now() AT TIME ZONE 'America/New_York', now() AT TIME ZONE 'America/New_York')");
        RecordingMetrics metrics = new RecordingMetrics();
        LocalDateTime before = wallClock(bed, newYork);

        ExtractionResult result = new ExtractionService(bed.s3, bed.database.dataSource(),
                bed.settings().withSourceTimeZone(newYork), Clock.systemUTC(), metrics).run();

        assertThat(Timestamps.parse(result.windowHi())).isBetween(before, wallClock(bed, newYork));
        assertThat(result.rows()).containsEntry("currency", 1L);
        assertThat(bed.manifest(1).sourceTimeZone()).isEqualTo("America/New_York");
        assertThat(metrics.freshnessLag).isBetween(Duration.ZERO, Duration.ofMinutes(1));
    }

    private static LocalDateTime wallClock(ExtractionBed bed, ZoneId zone) {
        List<LocalDateTime> now = new ArrayList<>();
        bed.query("SELECT to_char(now() AT TIME ZONE '" + zone.getId() + "', 'YYYY-MM-DD\"T\"HH24:MI:SS.US')",
                rs -> now.add(LocalDateTime.parse(rs.getString(1))));
        return now.get(0);
    }

    private static PGSimpleDataSource sessionZoneDataSource(ExtractionBed bed, String zone) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(bed.database.jdbcUrl());
        ds.setUser(bed.database.user());
        ds.setPassword(bed.database.password());
        ds.setOptions("-c TimeZone=" + zone);
        return ds;
    }

    static final class RecordingMetrics implements RunMetrics {
        Duration freshnessLag;
        Duration runDuration;
        final List<String> tables = new ArrayList<>();

        @Override
        public void tableExtracted(String table, long rows, long bytes, Duration elapsed) {
            tables.add(table + "=" + rows);
        }

        @Override
        public void runFinished(Duration duration, Duration lag) {
            runDuration = duration;
            freshnessLag = lag;
        }
    }
}
