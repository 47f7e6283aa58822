package com.terrifictotes.etl.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import com.terrifictotes.etl.csv.Timestamps;
import com.terrifictotes.etl.extractor.ExtractionResult.Outcome;
import com.terrifictotes.etl.manifest.RowVersion;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Runs on a real database across changes of the source's clocks, with the database's clock placed at chosen
 * instants and rows stamped as an application on the source's wall clock stamps them: every version is delivered
 * once, whichever pass of a repeated hour it was stamped in, and a late commit next to a change is not lost.
 */
class ClockChangesTest {
    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    @Test
    void acrossLondonsAutumnChangeRowsStampedInBothPassesOfTheRepeatedHourAreDeliveredOnceEach() {
        ExtractionBed bed = ExtractionBed.create();
        ExtractionSettings settings = bed.settings().withSourceTimeZone(LONDON);
        List<RowVersion> stamped = new ArrayList<>();
        // first pass (BST): 01:10 and 01:20
        RowVersion a = bed.insertCurrency("A", at(1, 10));
        stamped.add(a);
        stamped.add(bed.insertCurrency("B", at(1, 20)));
        ExtractionResult beforeTheHour = bed.runAt(Instant.parse("2024-10-27T00:30:00Z"), settings); // 01:30 BST
        stamped.add(bed.insertCurrency("C", at(1, 45)));
        ExtractionResult lateInTheFirstPass = bed.runAt(Instant.parse("2024-10-27T00:55:00Z"), settings); // 01:55
        // stamped 01:52 BST, its transaction committed only after the run at 01:55 BST
        stamped.add(bed.insertCurrency("L", at(1, 52)));
        // second pass (GMT): readings 01:00-02:00 again
        stamped.add(bed.insertCurrency("D", at(1, 5)));
        stamped.add(bed.insertCurrency("E", at(1, 8)));
        stamped.add(bed.insertCurrency("F", at(1, 20))); // the same reading as B, another row
        ExtractionResult inTheSecondPass = bed.runAt(Instant.parse("2024-10-27T01:10:00Z"), settings); // 01:10 GMT
        bed.execute("UPDATE currency SET last_updated = ? WHERE currency_id = ?", at(1, 25), a.id());
        stamped.add(new RowVersion(a.id(), at(1, 25)));
        ExtractionResult laterInTheSecondPass = bed.runAt(Instant.parse("2024-10-27T01:40:00Z"), settings);
        stamped.add(bed.insertCurrency("G", at(2, 10)));
        ExtractionResult afterTheHour = bed.runAt(Instant.parse("2024-10-27T02:30:00Z"), settings); // 02:30 GMT
        ExtractionResult idle = bed.runAt(Instant.parse("2024-10-27T02:40:00Z"), settings);

        assertThat(List.of(beforeTheHour, lateInTheFirstPass, inTheSecondPass, laterInTheSecondPass, afterTheHour))
                .extracting(r -> r.rows().get("currency"))
                .containsExactly(2L, 1L, 2L, 2L, 2L);
        assertThat(inTheSecondPass.windowHi()).isEqualTo(Timestamps.format(at(1, 10)));
        assertThat(bed.manifest(3).table("currency").orElseThrow().windowLo()).isEqualTo(at(1, 0));
        assertThat(idle.outcome()).isEqualTo(Outcome.NOTHING_NEW);
        assertDeliveredOnceEach(bed, stamped);
    }

    @Test
    void acrossLondonsSpringChangeALateCommitStampedJustBeforeTheGapIsDelivered() {
        ExtractionBed bed = ExtractionBed.create();
        ExtractionSettings settings = bed.settings().withSourceTimeZone(LONDON);
        List<RowVersion> stamped = new ArrayList<>();
        stamped.add(bed.insertCurrency("P", LocalDateTime.of(2025, 3, 30, 0, 40)));
        bed.runAt(Instant.parse("2025-03-30T00:50:00Z"), settings); // 00:50 GMT
        stamped.add(bed.insertCurrency("Q", LocalDateTime.of(2025, 3, 30, 2, 1))); // 02:01 BST
        ExtractionResult afterTheGap = bed.runAt(Instant.parse("2025-03-30T01:02:00Z"), settings); // 02:02 BST
        // stamped 00:58 GMT, four minutes before that run, committed after it
        stamped.add(bed.insertCurrency("L", LocalDateTime.of(2025, 3, 30, 0, 58)));

        ExtractionResult next = bed.runAt(Instant.parse("2025-03-30T01:06:00Z"), settings); // 02:06 BST

        assertThat(afterTheGap.windowHi()).isEqualTo(Timestamps.format(LocalDateTime.of(2025, 3, 30, 2, 2)));
        assertThat(bed.manifest(3).table("currency").orElseThrow().windowLo())
                .isEqualTo(LocalDateTime.of(2025, 3, 30, 0, 57));
        assertThat(next.rows()).containsEntry("currency", 1L);
        assertDeliveredOnceEach(bed, stamped);
    }

    @Test
    void acrossLordHowesHalfHourAutumnChangeEveryVersionIsDeliveredOnce() {
        ExtractionBed bed = ExtractionBed.create();
        ExtractionSettings settings = bed.settings().withSourceTimeZone(ZoneId.of("Australia/Lord_Howe"));
        List<RowVersion> stamped = new ArrayList<>();
        // 2025-04-06 02:00 (+11) becomes 01:30 (+10:30) at 2025-04-05T15:00Z
        stamped.add(bed.insertCurrency("R1", LocalDateTime.of(2025, 4, 6, 1, 40)));
        bed.runAt(Instant.parse("2025-04-05T14:50:00Z"), settings); // 01:50, first pass
        stamped.add(bed.insertCurrency("R2", LocalDateTime.of(2025, 4, 6, 1, 35))); // second pass
        ExtractionResult secondPass = bed.runAt(Instant.parse("2025-04-05T15:10:00Z"), settings); // 01:40
        stamped.add(bed.insertCurrency("R3", LocalDateTime.of(2025, 4, 6, 1, 55)));
        ExtractionResult after = bed.runAt(Instant.parse("2025-04-05T15:30:00Z"), settings); // 02:00

        assertThat(secondPass.rows()).containsEntry("currency", 1L);
        assertThat(after.rows()).containsEntry("currency", 1L);
        assertDeliveredOnceEach(bed, stamped);
    }

    private static LocalDateTime at(int hour, int minute) {
        return LocalDateTime.of(2024, 10, 27, hour, minute);
    }

    static void assertDeliveredOnceEach(ExtractionBed bed, List<RowVersion> stamped) {
        Map<RowVersion, Integer> once = stamped.stream().collect(Collectors.toMap(Function.identity(), v -> 1));
        assertThat(bed.deliveredVersions("currency")).isEqualTo(once);
    }
}
