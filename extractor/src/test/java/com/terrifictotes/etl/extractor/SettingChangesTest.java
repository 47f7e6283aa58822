package com.terrifictotes.etl.extractor;

import static com.terrifictotes.etl.extractor.ClockChangesTest.assertDeliveredOnceEach;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.terrifictotes.etl.error.StorageException;
import com.terrifictotes.etl.extractor.ExtractionResult.Outcome;
import com.terrifictotes.etl.manifest.RowVersion;
import com.terrifictotes.etl.manifest.TableExtract;
import com.terrifictotes.etl.testbed.faults.CorruptingHttpClient;
import com.terrifictotes.etl.testbed.servers.TestBed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Changing the overlap or the zone between runs: a window that starts below what the latest manifest vouches for
 * takes what lies between from the lake, so no version is delivered twice, and none is lost.
 */
class SettingChangesTest {
    private static final Duration SHORT = Duration.ofSeconds(300);
    private static final Duration LONG = Duration.ofSeconds(3600);

    @Test
    void raisingTheOverlapDeliversNothingTwiceAndCatchesALateCommitTheShortOverlapMissed() {
        ExtractionBed bed = ExtractionBed.create();
        ExtractionSettings short5 = bed.settings().withOverlap(SHORT);
        ExtractionSettings long60 = bed.settings().withOverlap(LONG);
        List<RowVersion> stamped = new ArrayList<>();
        stamped.add(bed.insertCurrency("X1", at(9, 0)));
        stamped.add(bed.insertCurrency("X2", at(9, 58)));
        bed.runAt(instant(10, 0), short5);
        stamped.add(bed.insertCurrency("X3", at(10, 2)));
        bed.runAt(instant(10, 5), short5);
        stamped.add(bed.insertCurrency("X4", at(10, 8)));
        bed.runAt(instant(10, 10), short5);
        // committed nine minutes after its stamp: beyond the short overlap, inside the long one
        stamped.add(bed.insertCurrency("LT", at(10, 1)));
        stamped.add(bed.insertCurrency("X5", at(10, 12)));

        ExtractionResult raised = bed.runAt(instant(10, 15), long60);
        ExtractionResult again = bed.runAt(instant(10, 20), long60);

        TableExtract raisedExtract = bed.manifest(4).table("currency").orElseThrow();
        assertThat(raisedExtract.windowLo()).isEqualTo(at(9, 10));
        assertThat(raisedExtract.recentFrom()).isEqualTo(at(9, 15));
        assertThat(raised.rows()).containsEntry("currency", 2L);
        assertThat(again.outcome()).isEqualTo(Outcome.NOTHING_NEW);
        assertDeliveredOnceEach(bed, stamped);
    }

    @Test
    void loweringTheOverlapDeliversNothingTwiceAndLosesNothing() {
        ExtractionBed bed = ExtractionBed.create();
        ExtractionSettings long60 = bed.settings().withOverlap(LONG);
        ExtractionSettings short5 = bed.settings().withOverlap(SHORT);
        List<RowVersion> stamped = new ArrayList<>();
        stamped.add(bed.insertCurrency("Y1", at(9, 30)));
        bed.runAt(instant(10, 0), long60);
        stamped.add(bed.insertCurrency("Y2", at(10, 3)));
        bed.runAt(instant(10, 5), long60);
        // a late commit that lagged its stamp by less than the short overlap
        stamped.add(bed.insertCurrency("LT", at(10, 4)));
        stamped.add(bed.insertCurrency("Y3", at(10, 7)));

        ExtractionResult lowered = bed.runAt(instant(10, 8), short5);
        stamped.add(bed.insertCurrency("Y4", at(10, 9)));
        ExtractionResult next = bed.runAt(instant(10, 12), short5);

        assertThat(lowered.rows()).containsEntry("currency", 2L);
        assertThat(next.rows()).containsEntry("currency", 1L);
        assertThat(bed.manifest(3).table("currency").orElseThrow().recentFrom()).isEqualTo(at(10, 3));
        assertDeliveredOnceEach(bed, stamped);
    }

    @Test
    void correctingTheZoneWestwardsReadsOnFromThePreviousSnapshotWithoutDeliveringAgain() {
        // the application stamps on UTC-2, but the extractor ran on UTC (its bound two hours ahead) until corrected
        ExtractionBed bed = ExtractionBed.create();
        ExtractionSettings utc = bed.settings();
        ExtractionSettings minusTwo = bed.settings().withSourceTimeZone(ZoneId.of("-02:00"));
        List<RowVersion> stamped = new ArrayList<>();
        stamped.add(bed.insertCurrency("Z1", at(9, 50)));
        stamped.add(bed.insertCurrency("Z2", at(9, 58)));
        bed.runAt(instant(12, 0), utc);
        stamped.add(bed.insertCurrency("Z3", at(10, 3)));

        ExtractionResult corrected = bed.runAt(instant(12, 5), minusTwo);
        stamped.add(bed.insertCurrency("Z4", at(10, 8)));
        ExtractionResult next = bed.runAt(instant(12, 10), minusTwo);

        assertThat(bed.manifest(2).table("currency").orElseThrow().windowLo()).isEqualTo(at(9, 55));
        assertThat(corrected.windowHi()).isEqualTo("2026-03-01T10:05:00.000");
        assertThat(corrected.rows()).containsEntry("currency", 1L);
        assertThat(next.rows()).containsEntry("currency", 1L);
        assertThat(bed.manifest(2).sourceTimeZone()).isEqualTo("-02:00");
        assertDeliveredOnceEach(bed, stamped);
    }

    @Test
    void theLakeIsReadBackAcrossManifestsThatDeliveredNothingForTheTable() {
        ExtractionBed bed = ExtractionBed.create();
        ExtractionSettings short5 = bed.settings().withOverlap(SHORT);
        List<RowVersion> stamped = new ArrayList<>();
        stamped.add(bed.insertCurrency("W1", at(9, 40)));
        bed.runAt(instant(9, 45), short5);
        // runs that publish for another table only
        for (int minute = 50; minute <= 58; minute += 4) {
            bed.execute("INSERT INTO design (design_name, file_location, file_name, created_at, last_updated)"
                    + " VALUES ('d', '/d', 'd.json', ?, ?)", at(9, minute - 1), at(9, minute - 1));
            bed.runAt(instant(9, minute), short5);
        }

        ExtractionResult raised = bed.runAt(instant(10, 0), bed.settings().withOverlap(LONG));

        assertThat(bed.manifests()).hasSize(4);
        assertThat(raised.outcome()).isEqualTo(Outcome.NOTHING_NEW);
        assertDeliveredOnceEach(bed, stamped);
    }

    @Test
    void anExtractReadBackWhoseBytesChangeOnTheWayFailsTheRunNamingItAndTheRetryDeliversNothingTwice() {
        ExtractionBed bed = ExtractionBed.create();
        List<RowVersion> stamped = new ArrayList<>();
        stamped.add(bed.insertCurrency("F1", at(9, 40)));
        stamped.add(bed.insertCurrency("F2", at(9, 41)));
        bed.runAt(instant(9, 45), bed.settings().withOverlap(SHORT));
        String extract = bed.manifest(1).table("currency").orElseThrow().files().get(0).key();
        CorruptingHttpClient flipping = new CorruptingHttpClient(extract, 60);
        S3Client corrupting = TestBed.shared().s3ClientBuilder().httpClientBuilder(flipping.asBuilder()).build();
        Instant at1000 = instant(10, 0);
        ExtractionSettings raised = bed.settings().withOverlap(LONG);

        assertThatThrownBy(() -> new ExtractionService(corrupting, bed.database.dataSource(), raised,
                Clock.fixed(at1000.plusSeconds(1), ZoneOffset.UTC), RunMetrics.discarding(),
                database -> at1000).run())
                .isInstanceOf(StorageException.class)
                .hasMessageStartingWith("cannot read " + bed.objects.uri(extract) + " back: ")
                .hasMessageContaining("checksum");
        assertThat(flipping.corrupted()).as("responses changed").isPositive();
        assertThat(bed.manifests()).as("manifests after the failed run").hasSize(1);

        ExtractionResult retried = bed.runAt(at1000, raised);

        assertThat(retried.outcome()).isEqualTo(Outcome.NOTHING_NEW);
        assertDeliveredOnceEach(bed, stamped);
    }

    @Test
    void aSlightlyLongerOverlapReadsBackOnlyTheNewestExtractAndStopsAtTheManifestThatVouchesForTheRest() {
        ExtractionBed bed = ExtractionBed.create();
        ExtractionSettings short5 = bed.settings().withOverlap(SHORT);
        List<RowVersion> stamped = new ArrayList<>();
        for (int minute = 0; minute <= 15; minute += 5) {
            stamped.add(bed.insertCurrency("V" + minute, at(10, minute).minusMinutes(1)));
            bed.runAt(instant(10, minute), short5);
        }
        List<String> dataRead = new ArrayList<>();
        InterceptingS3Client recording = new InterceptingS3Client(bed.s3, (operation, key) -> { }) {
            @Override
            public ResponseInputStream<GetObjectResponse> getObject(GetObjectRequest request) {
                if (request.key().startsWith("data/")) {
                    dataRead.add(request.key());
                }
                return super.getObject(request);
            }
        };
        Instant at1020 = instant(10, 20);

        ExtractionResult raised = new ExtractionService(recording, bed.database.dataSource(),
                bed.settings().withOverlap(Duration.ofSeconds(600)),
                Clock.fixed(at1020.plusSeconds(1), ZoneOffset.UTC), RunMetrics.discarding(),
                database -> at1020).run();

        // reach 10:05..10:15: manifest 4 (10:15) vouches from 10:10, manifest 3 (10:10) from 10:05
        assertThat(dataRead).singleElement().asString().startsWith("data/currency/").contains("run-000000000004-");
        assertThat(raised.outcome()).isEqualTo(Outcome.NOTHING_NEW);
        assertDeliveredOnceEach(bed, stamped);
    }

    private static LocalDateTime at(int hour, int minute) {
        return LocalDateTime.of(2026, 3, 1, hour, minute);
    }

    private static Instant instant(int hour, int minute) {
        return at(hour, minute).toInstant(ZoneOffset.UTC);
    }
}
