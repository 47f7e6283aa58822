package com.terrifictotes.etl.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CatalogueTest {
    @Test
    void toteSysHasTheElevenBusinessTablesAndNotPrismasMigrations() {
        assertThat(ToteSysCatalogue.TABLES).extracting(SourceTable::name).containsExactly(
                "address", "counterparty", "currency", "department", "design", "staff", "sales_order",
                "purchase_order", "payment_type", "transaction", "payment");
        assertThat(ToteSysCatalogue.find("_prisma_migrations")).isEmpty();
    }

    @Test
    void sourceTablesAreListedParentsBeforeChildren() {
        Set<String> seen = new HashSet<>();
        for (SourceTable table : ToteSysCatalogue.TABLES) {
            for (ForeignKey key : table.foreignKeys()) {
                assertThat(seen).as("%s references %s", table.name(), key.referencedTable())
                        .contains(key.referencedTable());
            }
            seen.add(table.name());
        }
    }

    @Test
    void everyWarehouseForeignKeyPointsAtTheKeyOfAnEarlierDimension() {
        Set<String> loaded = new HashSet<>();
        for (WarehouseTable table : WarehouseCatalogue.TABLES) {
            for (ForeignKey key : table.foreignKeys()) {
                WarehouseTable target = WarehouseCatalogue.table(key.referencedTable());
                assertThat(loaded).contains(target.name());
                assertThat(target.primaryKey()).containsExactly(key.referencedColumn());
                assertThat(table.column(key.column()).type()).isEqualTo(target.column(key.referencedColumn()).type());
            }
            loaded.add(table.name());
        }
        assertThat(WarehouseCatalogue.dimensions()).hasSize(8);
        assertThat(WarehouseCatalogue.facts()).hasSize(3);
    }

    @Test
    void factsCarryNoSurrogateKeyInTheirFilesAndAreVersionedBySourceIdAndLastUpdated() {
        WarehouseTable sales = WarehouseCatalogue.FACT_SALES_ORDER;

        assertThat(sales.loadColumnNames()).doesNotContain("sales_record_id").startsWith("sales_order_id");
        assertThat(sales.versionKey()).containsExactly("sales_order_id", "last_updated_date", "last_updated_time");
        assertThat(sales.currentViewName()).isEqualTo("fact_sales_order_current");
        assertThat(sales.loadColumnList()).startsWith("\"sales_order_id\", \"created_date\"");
    }

    @Test
    void selectListsQuoteCatalogueNamesInProductionOrder() {
        assertThat(ToteSysCatalogue.DESIGN.selectList())
                .isEqualTo("\"design_id\", \"created_at\", \"design_name\", \"file_location\", \"file_name\", \"last_updated\"");
    }

    @Test
    void anythingButAPlainLowerCaseNameIsRefusedAsAnIdentifier() {
        for (String bad : List.of("Address", "a b", "x\"; drop table staff; --", "", "1abc")) {
            assertThatThrownBy(() -> Identifiers.quote(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(Identifiers.quote("transaction")).isEqualTo("\"transaction\"");
    }

    @Test
    void namesThatArriveAsInputAreLookedUpAndUnknownOnesRejected() {
        assertThat(WarehouseCatalogue.table("dim_date")).isSameAs(WarehouseCatalogue.DIM_DATE);
        assertThatThrownBy(() -> WarehouseCatalogue.table("dim_weather")).hasMessageContaining("dim_weather");
        assertThatThrownBy(() -> ToteSysCatalogue.table("_prisma_migrations")).hasMessageContaining("_prisma_migrations");
    }
}
