package com.terrifictotes.etl.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.catalogue.ToteSysCatalogue;
import com.terrifictotes.etl.csv.Timestamps;
import com.terrifictotes.etl.extractor.ExtractionResult.Outcome;
import com.terrifictotes.etl.manifest.IngestionManifest;
import com.terrifictotes.etl.manifest.RowVersion;
import com.terrifictotes.etl.manifest.TableExtract;
import com.terrifictotes.etl.testbed.source.ChangeReport;
import com.terrifictotes.etl.testbed.source.DayOfChanges;
import com.terrifictotes.etl.testbed.source.GenerationReport;
import com.terrifictotes.etl.testbed.source.ToteSysGenerator;
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
        ChangeReport changes = DayOfChanges.apply(bed.database.dataSource(), SEED, bed.utcNow());

        ExtractionResult second = bed.run();

        assertThat(second.outcome()).isEqualTo(Outcome.PUBLISHED);
        assertThat(second.sequence()).isEqualTo(2);
        IngestionManifest manifest = bed.manifest(2);
        for (SourceTable table : ToteSysCatalogue.TABLES) {
            Set<RowVersion> stamped = bed.sourceVersions(table.name()).stream()
                    .filter(v -> v.lastUpdated().equals(changes.stampedAt())).collect(Collectors.toSet());
            List<RowVersion> delivered = bed.rowsOf(manifest.table(table.name()).orElseThrow()).stream()
                    .map(row -> ExtractionBed.version(table, row)).toList();
            assertThat(delivered).as(table.name()).doesNotHaveDuplicates()
                    .hasSize(changes.rowsStampedPerTable().get(table.name()))
                    .containsExactlyInAnyOrderElementsOf(stamped);
        }
        assertThat(second.totalRows()).isEqualTo(changes.totalRowsStamped()).isPositive();
        assertThat(manifest.table("payment").orElseThrow().windowLo())
                .isEqualTo(Timestamps.parse(first.windowHi()).minus(ExtractionSettings.DEFAULT_OVERLAP));
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
