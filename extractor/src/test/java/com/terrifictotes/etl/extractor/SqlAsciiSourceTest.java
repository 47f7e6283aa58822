package com.terrifictotes.etl.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.catalogue.ToteSysCatalogue;
import com.terrifictotes.etl.extractor.ExtractionResult.Outcome;
import com.terrifictotes.etl.manifest.RejectedValue;
import com.terrifictotes.etl.manifest.RowVersion;
import com.terrifictotes.etl.manifest.TableExtract;
import com.terrifictotes.etl.testbed.source.ToteSysGenerator;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A ToteSys database in SQL_ASCII holding text that is not UTF-8, through the extraction service: the row versions
 * with such text are left out and listed in the manifest's rejects (one met by COPY, one by the row path), every
 * other row is delivered, a later run neither delivers nor rejects them again, and a fix at the source (a new
 * version) is delivered normally.
 */
class SqlAsciiSourceTest {
    @Test
    void aVersionWhoseTextIsNotUtf8IsRejectedOnceTheRestIsDeliveredAndItsFixArrivesLater() {
        ExtractionBed bed = ExtractionBed.createSqlAscii();
        ToteSysGenerator.seed(bed.database.dataSource(), 1, 5);
        LocalDateTime seeded = stamp(bed, 1);
        // staff 1 keeps its old stamp (the middle of the first window: COPY); staff 2 is stamped now (its tail: rows)
        setLatin1(bed, 1, "first_name", "52656ee9");                 // "René" in Latin-1
        LocalDateTime recent = bed.utcNow().minusSeconds(5).truncatedTo(ChronoUnit.MILLIS);
        bed.execute("UPDATE staff SET last_updated = ? WHERE staff_id = 2", recent);
        setLatin1(bed, 2, "last_name", "4dfc6c6c6572");               // "Müller" in Latin-1
        RecordedMetrics metrics = new RecordedMetrics();

        ExtractionResult first = bed.service(bed.s3, bed.settings(), metrics).run();

        assertThat(first.outcome()).isEqualTo(Outcome.PUBLISHED);
        assertThat(first.rejected()).containsExactly(Map.entry("staff", 2L));
        assertThat(metrics.rejected).containsExactly(Map.entry("staff", 2L));
        TableExtract staff = bed.manifest(1).table("staff").orElseThrow();
        assertThat(staff.rejects()).containsExactly(
                new RejectedValue(1, seeded, "first_name", "not valid UTF-8: byte 0xE9 at offset 3 of 4", "Ren\\xE9"),
                new RejectedValue(2, recent, "last_name", "not valid UTF-8: byte 0xFC at offset 1 of 6", "M\\xFCller"));
        assertThat(staff.recentVersions()).contains(new RowVersion(2, recent));
        List<Map<String, String>> delivered = bed.deliveredRows("staff");
        assertThat(delivered).extracting(row -> row.get("staff_id")).doesNotContain("1", "2")
                .hasSize(bed.sourceVersions("staff").size() - 2);
        for (SourceTable table : ToteSysCatalogue.TABLES) {
            if (!table.name().equals("staff")) {
                assertThat(bed.deliveredRows(table.name()).stream().sorted(byKey(table)).toList()).as(table.name())
                        .isEqualTo(bed.sourceRows(table.name()));
            }
        }

        ExtractionResult second = bed.run();

        assertThat(second.outcome()).as("the rejected versions are not rejected again").isEqualTo(Outcome.NOTHING_NEW);

        bed.execute("UPDATE staff SET first_name = 'René', last_updated = ? WHERE staff_id = 1", bed.utcNow());
        ExtractionResult third = bed.run();

        assertThat(third.outcome()).isEqualTo(Outcome.PUBLISHED);
        assertThat(third.rows()).containsEntry("staff", 1L);
        assertThat(third.rejected()).isEmpty();
        assertThat(bed.manifest(2).table("staff").orElseThrow().rejects()).isEmpty();
        assertThat(bed.rowsOf(bed.manifest(2).table("staff").orElseThrow())).singleElement()
                .satisfies(row -> assertThat(row).containsEntry("staff_id", "1").containsEntry("first_name", "René"));
    }

    private static void setLatin1(ExtractionBed bed, int staffId, String column, String hex) {
        bed.execute("UPDATE staff SET " + column + " = convert_from(decode(?, 'hex'), 'SQL_ASCII') WHERE staff_id = ?",
                hex, staffId);
    }

    private static LocalDateTime stamp(ExtractionBed bed, int staffId) {
        return bed.sourceVersions("staff").stream().filter(v -> v.id() == staffId).findFirst().orElseThrow()
                .lastUpdated();
    }

    private static Comparator<Map<String, String>> byKey(SourceTable table) {
        return Comparator.comparingInt(row -> Integer.parseInt(row.get(table.primaryKey())));
    }
}
