package com.terrifictotes.etl.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import com.terrifictotes.etl.catalogue.ForeignKey;
import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import com.terrifictotes.etl.db.WarehouseMigrations;
import com.terrifictotes.etl.testbed.SchemaInspector.LiveColumn;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Flyway migrations, applied to a fresh database, create exactly the star schema WarehouseCatalogue describes. */
class WarehouseSchemaTest {
    private static SchemaInspector live;

    @BeforeAll
    static void migrate() {
        Database database = TestBed.shared().createEmptyDatabase();
        WarehouseMigrations.migrate(database.dataSource());
        live = new SchemaInspector(database.dataSource());
    }

    @Test
    void createsTheCatalogueTablesPlusTheLoadLedgerAndFlywaysHistory() {
        Set<String> expected = WarehouseCatalogue.TABLES.stream().map(WarehouseTable::name)
                .collect(Collectors.toSet());
        expected.add("load_ledger");
        expected.add("flyway_schema_history");

        assertThat(live.tables()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void everyTableHasTheCatalogueColumnsInOrderWithTheCatalogueTypesAndNullability() {
        for (WarehouseTable table : WarehouseCatalogue.TABLES) {
            assertThat(live.columns(table.name())).as(table.name()).containsExactlyElementsOf(expected(table));
        }
    }

    @Test
    void everyTableHasTheCataloguePrimaryKey() {
        for (WarehouseTable table : WarehouseCatalogue.TABLES) {
            assertThat(live.primaryKey(table.name())).as(table.name())
                    .containsExactlyElementsOf(table.primaryKey());
        }
    }

    @Test
    void everyTableHasTheCatalogueForeignKeys() {
        for (WarehouseTable table : WarehouseCatalogue.TABLES) {
            Set<ForeignKey> liveKeys = live.foreignKeys(table.name()).stream()
                    .map(k -> new ForeignKey(k.column(), k.referencedTable(), k.referencedColumn()))
                    .collect(Collectors.toSet());

            assertThat(liveKeys).as(table.name()).containsExactlyInAnyOrderElementsOf(table.foreignKeys());
        }
    }

    @Test
    void factsAreUniqueOnTheirVersionKeyAndDimensionsHaveNoOtherUniqueKey() {
        for (WarehouseTable table : WarehouseCatalogue.TABLES) {
            Set<List<String>> expected = table.isFact() ? Set.of(table.versionKey()) : Set.of();

            assertThat(live.uniqueKeys(table.name())).as(table.name()).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void everyFactHasACurrentViewWithTheFactsColumns() {
        Set<String> views = WarehouseCatalogue.facts().stream().map(WarehouseTable::currentViewName)
                .collect(Collectors.toSet());

        assertThat(live.views()).containsExactlyInAnyOrderElementsOf(views);
        for (WarehouseTable fact : WarehouseCatalogue.facts()) {
            assertThat(live.columns(fact.currentViewName())).extracting(LiveColumn::name, LiveColumn::sqlType)
                    .as(fact.currentViewName())
                    .containsExactlyElementsOf(expected(fact).stream()
                            .map(c -> org.assertj.core.groups.Tuple.tuple(c.name(), c.sqlType())).toList());
        }
    }

    private static List<LiveColumn> expected(WarehouseTable table) {
        return table.columns().stream().map(c -> new LiveColumn(c.name(), c.sqlType(), c.nullable())).toList();
    }
}
