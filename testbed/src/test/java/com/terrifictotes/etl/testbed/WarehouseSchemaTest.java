package com.terrifictotes.etl.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import com.terrifictotes.etl.catalogue.Column;
import com.terrifictotes.etl.catalogue.ForeignKey;
import com.terrifictotes.etl.catalogue.Identifiers;
import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import com.terrifictotes.etl.db.WarehouseMigrations;
import com.terrifictotes.etl.testbed.SchemaInspector.LiveColumn;
import com.terrifictotes.etl.testbed.servers.Database;
import com.terrifictotes.etl.testbed.servers.TestBed;
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
    void aCurrentViewShowsTheVersionTheLatestBatchDeliveredAndLeavesOutARowWhoseLatestVersionIsDeleted() {
        String columns = "sales_order_id, created_date, created_time, last_updated_date, last_updated_time,"
                + " sales_staff_id, counterparty_id, units_sold, unit_price, currency_id, design_id,"
                + " agreed_payment_date, agreed_delivery_date, agreed_delivery_location_id, etl_batch, deleted_at";
        String version = "('2024-01-01', '08:00', '2024-01-02', '%s', 1, 1, %d, 1.00, 1, 1, '2024-01-05',"
                + " '2024-01-05', 1, %d, %s)";
        assertThat(live.execute("INSERT INTO dim_date VALUES ('2024-01-01', 2024, 1, 1, 1, 'Monday', 'January', 1),"
                + " ('2024-01-02', 2024, 1, 2, 2, 'Tuesday', 'January', 1),"
                + " ('2024-01-05', 2024, 1, 5, 5, 'Friday', 'January', 1);"
                + " INSERT INTO dim_staff (staff_id, is_inferred) VALUES (1, true);"
                + " INSERT INTO dim_counterparty (counterparty_id, is_inferred) VALUES (1, true);"
                + " INSERT INTO dim_currency (currency_id, is_inferred) VALUES (1, true);"
                + " INSERT INTO dim_design (design_id, is_inferred) VALUES (1, true);"
                + " INSERT INTO dim_location (location_id, is_inferred) VALUES (1, true)")).isNull();
        assertThat(live.execute("INSERT INTO fact_sales_order (" + columns
                + ") VALUES (1, " + String.format(version, "10:00", 5, 1, "NULL").substring(1)
                + ", (1, " + String.format(version, "09:00", 6, 2, "NULL").substring(1)
                + ", (2, " + String.format(version, "09:00", 7, 1, "NULL").substring(1)
                + ", (2, " + String.format(version, "10:00", 8, 2, "'2024-02-01'").substring(1))).isNull();

        assertThat(live.strings("SELECT sales_order_id || ':' || units_sold FROM fact_sales_order_current"))
                .as("order 1: its backdated version came in batch 2; order 2: gone at the source")
                .containsExactly("1:6");
        assertThat(live.execute("DELETE FROM fact_sales_order; DELETE FROM dim_date; DELETE FROM dim_staff;"
                + " DELETE FROM dim_counterparty; DELETE FROM dim_currency; DELETE FROM dim_design;"
                + " DELETE FROM dim_location")).isNull();
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
