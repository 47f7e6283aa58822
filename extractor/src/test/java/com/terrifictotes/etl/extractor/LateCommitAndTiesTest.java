package com.terrifictotes.etl.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import com.terrifictotes.etl.csv.Timestamps;
import com.terrifictotes.etl.extractor.ExtractionResult.Outcome;
import com.terrifictotes.etl.manifest.RowVersion;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The cases that lose or duplicate rows in cursor-based extractors, on a real database: a row that commits after a
 * run although it was stamped before that run's bound, and groups of rows sharing one {@code last_updated}.
 */
class LateCommitAndTiesTest {
    @Test
    void deliversARowThatCommitsLateWithAnEarlierStampExactlyOnce() throws Exception {
        ExtractionBed bed = ExtractionBed.create();
        insertCurrency(bed, "GBP", bed.utcNow().minusMinutes(30));
        bed.run();

        ExtractionResult duringTransaction;
        LocalDateTime stamped;
        try (Connection application = bed.database.dataSource().getConnection()) {
            // ToteSys's application stamps from its clock, then commits later: stamped < the next run's bound
            application.setAutoCommit(false);
            stamped = bed.utcNow().truncatedTo(ChronoUnit.MILLIS);
            insertCurrency(application, "EUR", stamped);
            // another row commits meanwhile, so the next run publishes and moves the bound past the late row
            insertCurrency(bed, "JPY", bed.utcNow());
            Thread.sleep(20);
            duringTransaction = bed.run();
            application.commit();
        }
        ExtractionResult afterCommit = bed.run();
        ExtractionResult later = bed.run();

        assertThat(Timestamps.parse(duringTransaction.windowHi())).isAfter(stamped);
        assertThat(duringTransaction.outcome()).isEqualTo(Outcome.PUBLISHED);
        assertThat(duringTransaction.rows()).containsEntry("currency", 1L);
        assertThat(afterCommit.outcome()).isEqualTo(Outcome.PUBLISHED);
        assertThat(afterCommit.rows()).containsEntry("currency", 1L);
        assertThat(later.outcome()).isEqualTo(Outcome.NOTHING_NEW);
        assertThat(bed.deliveredVersions("currency")).containsOnly(
                Map.entry(versionOf(bed, "GBP"), 1), Map.entry(versionOf(bed, "JPY"), 1),
                Map.entry(versionOf(bed, "EUR"), 1));
    }

    @Test
    void withoutTheOverlapTheSameLateCommitWouldBeLostForever() throws Exception {
        ExtractionBed bed = ExtractionBed.create();
        ExtractionSettings noOverlap = bed.settings().withOverlap(Duration.ZERO);
        insertCurrency(bed, "GBP", bed.utcNow().minusMinutes(30));
        bed.service(noOverlap).run();

        try (Connection application = bed.database.dataSource().getConnection()) {
            application.setAutoCommit(false);
            insertCurrency(application, "EUR", bed.utcNow().truncatedTo(ChronoUnit.MILLIS));
            insertCurrency(bed, "JPY", bed.utcNow());
            Thread.sleep(20);
            assertThat(bed.service(noOverlap).run().outcome()).isEqualTo(Outcome.PUBLISHED);
            application.commit();
        }
        ExtractionResult afterCommit = bed.service(noOverlap).run();

        // this is the failure mode the overlap exists for: the row is in the source and never delivered
        assertThat(afterCommit.outcome()).isEqualTo(Outcome.NOTHING_NEW);
        assertThat(bed.deliveredVersions("currency")).doesNotContainKey(versionOf(bed, "EUR"));
    }

    @Test
    void everyTableIsReadFromTheOneSnapshotInWhichTheBoundWasTaken() {
        ExtractionBed bed = ExtractionBed.create();
        insertCurrency(bed, "GBP", bed.utcNow().minusMinutes(30));
        insertAddress(bed, bed.utcNow().minusMinutes(30));
        LocalDateTime stamp = bed.utcNow().minusMinutes(1);
        // commits while the run writes address, the first table, before it reads currency, the third
        InterceptingS3Client commitsMidRun = new InterceptingS3Client(bed.s3, (operation, key) -> {
            if (key.startsWith("data/address/")) {
                insertCurrency(bed, "MID", stamp);
            }
        });

        ExtractionResult during = bed.service(commitsMidRun, bed.settings()).run();
        ExtractionResult next = bed.run();

        assertThat(stamp).isBefore(Timestamps.parse(during.windowHi()));
        assertThat(during.rows()).containsEntry("currency", 1L);
        assertThat(next.rows()).containsEntry("currency", 1L);
        assertThat(bed.rowsOf(bed.manifest(2).table("currency").orElseThrow()))
                .extracting(row -> row.get("currency_code")).containsExactly("MID");
    }

    @Test
    void rowsSharingALastUpdatedAreDeliveredTogetherAndARowJoiningTheGroupLaterOnlyOnce() {
        ExtractionBed bed = ExtractionBed.create();
        LocalDateTime tie = bed.utcNow().minusSeconds(30).truncatedTo(ChronoUnit.MILLIS);
        for (String code : List.of("AAA", "BBB", "CCC")) {
            insertCurrency(bed, code, tie);
        }
        ExtractionResult first = bed.service(bed.settings().withPartRows(2)).run();
        insertCurrency(bed, "DDD", tie); // same stamp, committed after the run: inside the re-read overlap

        ExtractionResult second = bed.run();

        assertThat(first.rows()).containsEntry("currency", 3L);
        assertThat(bed.manifest(1).table("currency").orElseThrow().files()).hasSize(2);
        assertThat(second.rows()).containsEntry("currency", 1L);
        assertThat(bed.deliveredVersions("currency")).hasSize(4).containsOnlyKeys(
                bed.sourceVersions("currency")).allSatisfy((version, count) -> assertThat(count).isEqualTo(1));
    }

    @Test
    void rowsStampedAtOrAfterTheBoundWaitWholeForTheNextRun() throws Exception {
        ExtractionBed bed = ExtractionBed.create();
        LocalDateTime ahead = bed.utcNow().plusSeconds(2).truncatedTo(ChronoUnit.MILLIS);
        for (String code : List.of("AAA", "BBB", "CCC")) {
            insertCurrency(bed, code, ahead);
        }
        insertCurrency(bed, "OLD", ahead.minusMinutes(10));

        ExtractionResult before = bed.run();
        while (!bed.utcNow().isAfter(ahead)) {
            Thread.sleep(100);
        }
        ExtractionResult after = bed.run();

        assertThat(Timestamps.parse(before.windowHi())).isBefore(ahead);
        assertThat(before.rows()).containsEntry("currency", 1L);
        assertThat(after.rows()).containsEntry("currency", 3L);
        assertThat(bed.rowsOf(bed.manifest(2).table("currency").orElseThrow()))
                .extracting(row -> row.get("currency_code")).containsExactly("AAA", "BBB", "CCC");
    }

    private static RowVersion versionOf(ExtractionBed bed, String code) {
        List<RowVersion> found = new java.util.ArrayList<>();
        bed.query("SELECT currency_id, to_char(last_updated, 'YYYY-MM-DD\"T\"HH24:MI:SS.MS') FROM currency"
                + " WHERE currency_code = '" + code + "'", rs -> found.add(
                new RowVersion(rs.getInt(1), LocalDateTime.parse(rs.getString(2)))));
        return found.get(0);
    }

    private static void insertAddress(ExtractionBed bed, LocalDateTime stamp) {
        bed.execute("INSERT INTO address (address_line_1, city, postal_code, country, phone, created_at, last_updated)"
                + " VALUES ('1 Quay Street', 'Leeds', 'LS1 1AA', 'United Kingdom', '0113 496 0000', ?, ?)", stamp, stamp);
    }

    private static void insertCurrency(ExtractionBed bed, String code, LocalDateTime stamp) {
        bed.execute("INSERT INTO currency (currency_code, created_at, last_updated) VALUES (?, ?, ?)",
                code, stamp, stamp);
    }

    private static void insertCurrency(Connection connection, String code, LocalDateTime stamp) throws Exception {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO currency (currency_code, created_at, last_updated) VALUES (?, ?, ?)")) {
            insert.setString(1, code);
            insert.setObject(2, stamp);
            insert.setObject(3, stamp);
            insert.executeUpdate();
        }
    }
}
