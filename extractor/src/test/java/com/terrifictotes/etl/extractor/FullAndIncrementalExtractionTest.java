package com.terrifictotes.etl.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.catalogue.ToteSysCatalogue;
import com.terrifictotes.etl.csv.Timestamps;
import com.terrifictotes.etl.extractor.ExtractionResult.Outcome;
import com.terrifictotes.etl.manifest.IngestionManifest;
import com.terrifictotes.etl.manifest.RowVersion;
import com.terrifictotes.etl.manifest.TableExtract;
import com.terrifictotes.etl.testbed.GenerationReport;
import com.terrifictotes.etl.testbed.ToteSysGenerator;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FullAndIncrementalExtractionTest {
    private static final long SEED = 20221103L;

    @Test
    void aFirstRunDeliversEveryRowOfEveryCatalogueTableExactlyAsTheSourceHasIt() {
        ExtractionBed bed = ExtractionBed.create();
        GenerationReport report = ToteSysGenerator.seed(bed.database.dataSource(), 1, SEED);

        ExtractionResult result = bed.run();

        assertThat(result.outcome()).isEqualTo(Outcome.PUBLISHED);
        assertThat(result.sequence()).isEqualTo(1);
        IngestionManifest manifest = bed.manifest(1);
        assertThat(manifest.tables()).extracting(TableExtract::table)
                .containsExactlyElementsOf(ToteSysCatalogue.TABLES.stream().map(SourceTable::name).toList());
        for (SourceTable table : ToteSysCatalogue.TABLES) {
            TableExtract extract = manifest.table(table.name()).orElseThrow();
            assertThat(extract.windowLo()).isNull();
            assertThat(extract.windowHi()).isEqualTo(Timestamps.parse(result.windowHi()));
            assertThat(extract.columns()).containsExactlyElementsOf(table.columnNames());
            assertThat(extract.rows()).as(table.name()).isEqualTo(report.rows(table.name())).isPositive();
            assertThat(byKey(table, bed.rowsOf(extract))).as(table.name()).isEqualTo(bed.sourceRows(table.name()));
        }
        assertThat(bed.keys()).noneMatch(key -> key.contains("prisma"))
                .allMatch(key -> key.startsWith("manifests/") || key.startsWith("data/"));
    }

    @Test
    void aSecondRunDeliversExactlyTheRowsThatChangedSinceTheFirst() {
        ExtractionBed bed = ExtractionBed.create();
        ToteSysGenerator.seed(bed.database.dataSource(), 1, SEED);
        ExtractionResult first = bed.run();
        LocalDateTime now = bed.utcNow();
        bed.execute("UPDATE payment SET paid = NOT paid, last_updated = ? WHERE payment_id IN (1, 2, 3)", now);
        bed.execute("UPDATE address SET phone = '+44 113 496 0000', last_updated = ? WHERE address_id = 5", now);
        bed.execute("INSERT INTO currency (currency_code, created_at, last_updated) VALUES ('CHF', ?, ?)", now, now);

        ExtractionResult second = bed.run();

        assertThat(second.outcome()).isEqualTo(Outcome.PUBLISHED);
        assertThat(second.sequence()).isEqualTo(2);
        LocalDateTime firstHi = Timestamps.parse(first.windowHi());
        for (SourceTable table : ToteSysCatalogue.TABLES) {
            Set<RowVersion> changed = bed.sourceVersions(table.name()).stream()
                    .filter(v -> !v.lastUpdated().isBefore(firstHi)).collect(Collectors.toSet());
            Set<RowVersion> delivered = bed.rowsOf(bed.manifest(2).table(table.name()).orElseThrow()).stream()
                    .map(row -> ExtractionBed.version(table, row)).collect(Collectors.toSet());
            assertThat(delivered).as(table.name()).isEqualTo(changed);
        }
        assertThat(second.rows()).containsEntry("payment", 3L).containsEntry("address", 1L)
                .containsEntry("currency", 1L).containsEntry("sales_order", 0L);
        assertThat(bed.manifest(2).table("payment").orElseThrow().windowLo())
                .isEqualTo(firstHi.minus(ExtractionSettings.DEFAULT_OVERLAP));
    }

    @Test
    void aRunThatFindsNothingNewWritesNothingAtAll() {
        ExtractionBed bed = ExtractionBed.create();
        ToteSysGenerator.seed(bed.database.dataSource(), 1, SEED);
        bed.run();
        List<String> keysBefore = bed.keys();

        ExtractionResult again = bed.run();

        assertThat(again.outcome()).isEqualTo(Outcome.NOTHING_NEW);
        assertThat(again.sequence()).isEqualTo(1);
        assertThat(again.manifestKey()).isNull();
        assertThat(again.totalRows()).isZero();
        assertThat(bed.keys()).isEqualTo(keysBefore);
    }

    private static List<Map<String, String>> byKey(SourceTable table, List<Map<String, String>> rows) {
        return rows.stream()
                .sorted(Comparator.comparingInt(row -> Integer.parseInt(row.get(table.primaryKey()))))
                .toList();
    }
}
