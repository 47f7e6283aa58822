package com.terrifictotes.etl.extractor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.terrifictotes.etl.catalogue.ToteSysCatalogue;
import com.terrifictotes.etl.error.BadInputException;
import com.terrifictotes.etl.testbed.ToteSysGenerator;
import org.junit.jupiter.api.Test;

class SchemaDriftTest {
    @Test
    void anExtraSourceColumnIsLeftOutAndTheRestIsExtracted() {
        ExtractionBed bed = ExtractionBed.create();
        ToteSysGenerator.seed(bed.database.dataSource(), 1, 7);
        bed.execute("ALTER TABLE staff ADD COLUMN nickname text DEFAULT 'secret nickname'");

        ExtractionResult result = bed.run();

        assertThat(result.rows().get("staff")).isPositive();
        assertThat(bed.manifest(1).table("staff").orElseThrow().columns())
                .containsExactlyElementsOf(ToteSysCatalogue.STAFF.columnNames());
        assertThat(bed.deliveredRows("staff")).allSatisfy(row -> assertThat(row)
                .doesNotContainKey("nickname").doesNotContainValue("secret nickname"));
    }

    @Test
    void aMissingCatalogueColumnFailsTheRunNamingTableAndColumnAndWritesNothing() {
        ExtractionBed bed = ExtractionBed.create();
        ToteSysGenerator.seed(bed.database.dataSource(), 1, 7);
        bed.execute("ALTER TABLE staff DROP COLUMN email_address");

        assertThatThrownBy(bed::run)
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("table staff has no column email_address");
        assertThat(bed.keys()).isEmpty();
    }

    @Test
    void tablesOutsideTheCatalogueAreNeverRead() {
        ExtractionBed bed = ExtractionBed.create();
        ToteSysGenerator.seed(bed.database.dataSource(), 1, 7);
        bed.execute("CREATE TABLE audit_log (id serial PRIMARY KEY, last_updated timestamp(3) NOT NULL)");
        bed.execute("INSERT INTO audit_log (last_updated) VALUES (now())");

        ExtractionResult result = bed.run();

        assertThat(result.rows()).doesNotContainKeys("audit_log", "_prisma_migrations")
                .hasSize(ToteSysCatalogue.TABLES.size());
        assertThat(bed.keys()).noneMatch(key -> key.contains("audit_log") || key.contains("prisma"));
    }
}
