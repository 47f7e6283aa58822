package com.terrifictotes.etl.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import com.terrifictotes.etl.catalogue.Column;
import com.terrifictotes.etl.catalogue.ForeignKey;
import com.terrifictotes.etl.catalogue.Identifiers;
import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import com.terrifictotes.etl.db.WarehouseMigrations;
import com.terrifictotes.etl.testbed.SchemaInspector.LiveColumn;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Flyway migrations, applied to a fresh database, create exactly the warehouse WarehouseCatalogue describes: every
 * column (those files carry and those the warehouse assigns), keys, views, and the CHECK that lets only inferred
 * dimension rows lack attributes.
 */
class WarehouseSchemaTest {
    private static SchemaInspector live;

    @BeforeAll
    static void migrate() {
        Database database = TestBed.shared().createEmptyDatabase();
        WarehouseMigrations.migrate(database.dataSource());
        live = new SchemaInspector(database.dataSource());
    }

    @Test
    void createsTheCatalogueTablesPlusTheLoadLedgerTheOperatorDecisionsAndFlywaysHistory() {
        Set<String> expected = WarehouseCatalogue.TABLES.stream().map(WarehouseTable::name)
                .collect(Collectors.toSet());
        expected.add("load_ledger");
        expected.add("etl_operator_decision"); // V3: the audit of operator decisions, outside the catalogue
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
    void factsAreUniqueOnTheirVersionKeyAndNoOtherTableHasAnotherUniqueKey() {
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

    @Test
    void onlyAnInferredDimensionRowMayLackAnAttributeTheCatalogueMarksNotNull() {
        for (WarehouseTable dimension : WarehouseCatalogue.dimensions()) {
            if (!dimension.takesInferredRows()) {
                assertThat(dimension.requiredAttributes()).as(dimension.name()).isEmpty();
                continue;
            }
            String key = Identifiers.quote(dimension.primaryKey().get(0));
            assertThat(dimension.requiredAttributes()).as(dimension.name()).isNotEmpty();
            assertThat(live.execute("INSERT INTO " + dimension.quotedName() + " (" + key + ", is_inferred)"
                    + " VALUES (1, true)")).as("an inferred row of %s", dimension.name()).isNull();
            for (Column attribute : dimension.requiredAttributes()) {
                assertThat(live.execute("UPDATE " + dimension.quotedName() + " SET is_inferred = false"))
                        .as("%s without %s", dimension.name(), attribute.name())
                        .contains("only_inferred_rows_lack_attributes");
            }
            assertThat(live.execute("DELETE FROM " + dimension.quotedName())).isNull();
        }
    }

    @Test
    void dimensionsWithASourceRowAndFactsCarryTheColumnsTheWarehouseAssigns() {
        for (WarehouseTable table : WarehouseCatalogue.TABLES) {
            List<String> expected = table.isFact() ? List.of(table.surrogateKey(), WarehouseTable.ETL_BATCH,
                    WarehouseTable.DELETED_AT)
                    : table.takesInferredRows() ? List.of(WarehouseTable.IS_INFERRED, WarehouseTable.DELETED_AT)
                    : List.of();
            assertThat(table.assignedColumns()).as(table.name()).containsExactlyElementsOf(expected);
            expected.forEach(assigned -> assertThat(table.loadColumnNames()).as(table.name()).doesNotContain(assigned));
        }
        assertThat(WarehouseCatalogue.DIM_DATE.takesInferredRows()).isFalse();
    }

    private static List<LiveColumn> expected(WarehouseTable table) {
        return table.columns().stream()
                .map(c -> new LiveColumn(c.name(), c.sqlType(), table.nullableInDatabase(c))).toList();
    }
}
