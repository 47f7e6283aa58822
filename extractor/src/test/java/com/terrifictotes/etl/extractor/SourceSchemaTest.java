package com.terrifictotes.etl.extractor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.catalogue.ToteSysCatalogue;
import com.terrifictotes.etl.error.BadInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SourceSchemaTest {
    private static final List<SourceTable> CATALOGUE = ToteSysCatalogue.TABLES;

    @Test
    void theCataloguesOwnSchemaHasNoDrift() {
        assertThat(schema(Map.of()).verify(CATALOGUE)).isEmpty();
    }

    @Test
    void aMissingCatalogueColumnFailsNamingTableAndColumn() {
        List<String> staff = new ArrayList<>(ToteSysCatalogue.STAFF.columnNames());
        staff.remove("email_address");

        assertThatThrownBy(() -> schema(Map.of("staff", staff)).verify(CATALOGUE))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("table staff has no column email_address");
    }

    @Test
    void aMissingCatalogueTableFailsNamingIt() {
        Map<String, List<String>> live = live();
        live.remove("payment");

        assertThatThrownBy(() -> new SourceSchema(live).verify(CATALOGUE))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("table payment does not exist");
    }

    @Test
    void anExtraSourceColumnIsAWarningNamingTableAndColumn() {
        List<String> currency = new ArrayList<>(ToteSysCatalogue.CURRENCY.columnNames());
        currency.add("currency_name");

        List<String> warnings = schema(Map.of("currency", currency)).verify(CATALOGUE);

        assertThat(warnings).singleElement().asString()
                .contains("table currency has column currency_name").contains("not extracted");
    }

    @Test
    void tablesOutsideTheCatalogueAreListedAsSkipped() {
        SourceSchema schema = schema(Map.of("_prisma_migrations", List.of("id", "checksum")));

        assertThat(schema.verify(CATALOGUE)).isEmpty();
        assertThat(schema.unknownTables(CATALOGUE)).containsExactly("_prisma_migrations");
    }

    private static SourceSchema schema(Map<String, List<String>> overrides) {
        Map<String, List<String>> live = live();
        live.putAll(overrides);
        return new SourceSchema(live);
    }

    private static Map<String, List<String>> live() {
        Map<String, List<String>> live = new LinkedHashMap<>();
        CATALOGUE.forEach(t -> live.put(t.name(), t.columnNames()));
        return live;
    }
}
