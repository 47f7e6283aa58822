package com.terrifictotes.etl.local.e2e;

import static com.terrifictotes.etl.local.e2e.WarehouseAssertions.assertCurrentViewsShowTheLatestExtracted;
import static com.terrifictotes.etl.local.e2e.WarehouseAssertions.assertHoldsEveryExtractedVersion;
import static org.assertj.core.api.Assertions.assertThat;

import com.terrifictotes.etl.manifest.IngestionManifest;
import com.terrifictotes.etl.manifest.TableExtract;
import com.terrifictotes.etl.testbed.source.ChangeReport;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A ToteSys whose application stamps on UTC-2, configured as {@code SOURCE_TIME_ZONE=-02:00}, through the local
 * runner and the real handlers. PostgreSQL reads that text as UTC+2: an extractor that let it put the bound four
 * hours ahead of the stamps, and every round after the first found nothing new. Here each round's batch holds exactly
 * the rows the day stamped, and the warehouse equals its computation from the source.
 */
class SourceTimeZoneEndToEndTest {
    private static final ZoneId UTC_MINUS_TWO = ZoneId.of("-02:00");

    @Test
    void aSourceOnANumericOffsetWestOfUtcIsLoadedWholeAndEveryLaterRoundSeesItsNewRows() {
        PipelineBed bed = EmbeddedBed.INSTANCE;
        DataSource toteSys = bed.createToteSys(ToteSysFixture.Size.SMALL);
        Deployment deployment = Deployment.reading(bed, toteSys, s -> s.withSourceTimeZone(UTC_MINUS_TWO));
        deployment.cycle();
        assertHoldsEveryExtractedVersion(deployment);

        for (long round = 2; round <= 3; round++) {
            ChangeReport day = ToteSysFixture.dayOfChanges(toteSys, UTC_MINUS_TWO);
            LocalDateTime before = LocalDateTime.now(UTC_MINUS_TWO);
            deployment.cycle();
            LocalDateTime after = LocalDateTime.now(UTC_MINUS_TWO);

            IngestionManifest batch = deployment.ingestionManifest(round);
            assertThat(batch.sourceTimeZone()).isEqualTo("-02:00");
            assertThat(batch.tables()).allSatisfy(t -> assertThat(t.windowHi()).isBetween(before, after));
            assertThat(rowsPerTable(batch)).as("round %d", round).isEqualTo(asLongs(day.rowsStampedPerTable()));
            assertHoldsEveryExtractedVersion(deployment);
            assertCurrentViewsShowTheLatestExtracted(deployment);
        }
    }

    private static Map<String, Long> rowsPerTable(IngestionManifest manifest) {
        Map<String, Long> rows = new LinkedHashMap<>();
        for (TableExtract table : manifest.tables()) {
            rows.put(table.table(), table.rows());
        }
        return rows;
    }

    private static Map<String, Long> asLongs(Map<String, Integer> counts) {
        Map<String, Long> rows = new LinkedHashMap<>();
        counts.forEach((table, n) -> rows.put(table, n.longValue()));
        return rows;
    }
}
