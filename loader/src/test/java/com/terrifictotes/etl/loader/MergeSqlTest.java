package com.terrifictotes.etl.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.terrifictotes.etl.catalogue.Column;
import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MergeSqlTest {
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");
    private static final WarehouseTable STAFF = WarehouseCatalogue.DIM_STAFF;
    private static final WarehouseTable SALES = WarehouseCatalogue.FACT_SALES_ORDER;

    @Test
    void stagesAFactWithEveryLoadColumnTypedAsTheCatalogueSaysButNoSurrogateKey() {
        String ddl = MergeSql.createStaging(SALES);

        for (Column column : SALES.loadColumns()) {
            assertThat(ddl).contains(column.quotedName() + " " + column.sqlType() + " NOT NULL");
        }
        assertThat(ddl).startsWith("CREATE TEMPORARY TABLE \"stage_fact_sales_order\" (")
                .doesNotContain(SALES.surrogateKey())
                .endsWith("ON COMMIT DROP");
    }

    @Test
    void stagesNullableDimensionColumnsWithoutNotNull() {
        String ddl = MergeSql.createStaging(STAFF);

        assertThat(ddl).contains("\"location\" text,").contains("\"email_address\" text NOT NULL");
    }

    @Test
    void copiesTheLoadColumnsInCatalogueOrderAsCsv() {
        assertThat(MergeSql.copyIntoStaging(SALES)).isEqualTo("COPY \"stage_fact_sales_order\" ("
                + SALES.loadColumnList() + ") FROM STDIN (FORMAT binary)");
    }

    @Test
    void upsertsADimensionOnItsKeyRewritingOnlyRowsWhoseValuesDifferAsALiveRealRow() {
        String sql = MergeSql.merge(STAFF);

        assertThat(sql)
                .contains("SELECT DISTINCT ON (\"staff_id\")")
                .contains("ORDER BY \"staff_id\", \"stage_row\" DESC")
                .contains("ON CONFLICT (\"staff_id\") DO UPDATE SET \"first_name\" = EXCLUDED.\"first_name\", ")
                .contains("\"is_inferred\" = false, \"deleted_at\" = NULL")
                .contains("WHERE ROW(t.\"first_name\", t.\"last_name\", t.\"department_name\", t.\"location\", "
                        + "t.\"email_address\", t.\"is_inferred\", t.\"deleted_at\") IS DISTINCT FROM"
                        + " ROW(EXCLUDED.\"first_name\", ")
                .contains("RETURNING (t.xmax = 0) AS inserted")
                .contains("WITH completing AS (SELECT count(*) FROM \"dim_staff\" d WHERE d.\"is_inferred\"")
                .doesNotContain("\"staff_id\" = EXCLUDED");
    }

    @Test
    void theCalendarAndTheQuarantineAreUpsertedWithoutInferredRows() {
        for (WarehouseTable table : List.of(WarehouseCatalogue.DIM_DATE, WarehouseCatalogue.ETL_REJECTED_ROW)) {
            assertThat(MergeSql.merge(table)).as(table.name()).doesNotContain("is_inferred").contains("SELECT 0")
                    .contains("ON CONFLICT (" + String.join(", ", table.primaryKey().stream()
                            .map(k -> "\"" + k + "\"").toList()) + ") DO UPDATE SET");
        }
    }

    @Test
    void appendsFactVersionsInVersionOrderWithTheirBatchCorrectingOnlyVersionsWhoseValuesDiffer() {
        String sql = MergeSql.merge(SALES);

        assertThat(sql)
                .contains("INSERT INTO \"fact_sales_order\" AS t (" + SALES.loadColumnList() + ", \"etl_batch\")"
                        + " SELECT DISTINCT ON (\"sales_order_id\", \"last_updated_date\", \"last_updated_time\") "
                        + SALES.loadColumnList() + ", ?::integer FROM \"stage_fact_sales_order\"")
                .contains("ORDER BY \"sales_order_id\", \"last_updated_date\", \"last_updated_time\", \"stage_row\"")
                .contains("ON CONFLICT (\"sales_order_id\", \"last_updated_date\", \"last_updated_time\")"
                        + " DO UPDATE SET \"created_date\" = EXCLUDED.\"created_date\"")
                .contains("\"etl_batch\" = EXCLUDED.\"etl_batch\", \"deleted_at\" = NULL WHERE ROW(t.\"created_date\"")
                .doesNotContain(SALES.surrogateKey())
                .doesNotContain("\"sales_order_id\" = EXCLUDED");
    }

    @Test
    void copiesAFactStraightInWithItsBatchAndOtherTablesWithTheirFilesColumnsAlone() {
        assertThat(MergeSql.copyInto(SALES)).isEqualTo("COPY \"fact_sales_order\" (" + SALES.loadColumnList()
                + ", \"etl_batch\") FROM STDIN (FORMAT binary)");
        assertThat(MergeSql.copyInto(STAFF)).isEqualTo("COPY \"dim_staff\" (" + STAFF.loadColumnList()
                + ") FROM STDIN (FORMAT binary)");
    }

    @Test
    void copiesAFactWithReservedKeysSendingItsSurrogateKeyFirst() {
        assertThat(MergeSql.copyIntoWithKeys(SALES)).isEqualTo("COPY \"fact_sales_order\" (\"sales_record_id\", "
                + SALES.loadColumnList() + ", \"etl_batch\") FROM STDIN (FORMAT binary)");
    }

    @Test
    void infersADimensionRowForEveryReferencedKeyTheDimensionLacks() {
        String sql = MergeSql.inferMissing(SALES.foreignKeys().stream()
                .filter(k -> k.column().equals("sales_staff_id")).findFirst().orElseThrow(), "\"stage_fact_sales_order\"");

        assertThat(sql).isEqualTo("INSERT INTO \"dim_staff\" (\"staff_id\", \"is_inferred\")"
                + " SELECT DISTINCT s.\"sales_staff_id\", true FROM \"stage_fact_sales_order\" s"
                + " WHERE NOT EXISTS (SELECT 1 FROM \"dim_staff\" d WHERE d.\"staff_id\" = s.\"sales_staff_id\")"
                + " ON CONFLICT (\"staff_id\") DO NOTHING RETURNING \"staff_id\"");
    }

    @Test
    void logsEachRowFoundGoneOnceAndFlagsDimensionRowsByKeyAndEveryFactVersionBySourceId() {
        WarehouseTable deletions = WarehouseCatalogue.ETL_DELETED_ROW;

        assertThat(MergeSql.merge(deletions)).isEqualTo("WITH logged AS (INSERT INTO \"etl_deleted_row\" ("
                + deletions.loadColumnList() + ") SELECT DISTINCT ON (\"deleted_in_batch\", \"warehouse_table\","
                + " \"source_id\") " + deletions.loadColumnList() + " FROM \"stage_etl_deleted_row\" ORDER BY"
                + " \"deleted_in_batch\", \"warehouse_table\", \"source_id\", \"stage_row\" ON CONFLICT"
                + " (\"deleted_in_batch\", \"warehouse_table\", \"source_id\") DO NOTHING RETURNING 1)"
                + " SELECT count(*), 0, 0 FROM logged");
        assertThat(MergeSql.flagDeleted(STAFF, deletions)).isEqualTo("UPDATE \"dim_staff\" t SET \"deleted_at\" ="
                + " s.\"deleted_at\" FROM \"stage_etl_deleted_row\" s WHERE s.\"warehouse_table\" = ? AND"
                + " t.\"staff_id\" = s.\"source_id\" AND t.\"deleted_at\" IS NULL");
        assertThat(MergeSql.flagDeleted(SALES, deletions)).contains("UPDATE \"fact_sales_order\" t")
                .contains("t.\"sales_order_id\" = s.\"source_id\"");
        assertThatThrownBy(() -> MergeSql.flagDeleted(WarehouseCatalogue.DIM_DATE, deletions))
                .hasMessageContaining("dim_date");
    }

    @Test
    void namesOnlyCatalogueIdentifiersInEveryStatementOfEveryTable() {
        for (WarehouseTable table : WarehouseCatalogue.TABLES) {
            List<String> allowed = new ArrayList<>(table.columnNames());
            allowed.addAll(List.of(table.name(), "stage_" + table.name(), MergeSql.STAGE_ROW));
            for (String sql : List.of(MergeSql.createStaging(table), MergeSql.copyIntoStaging(table),
                    MergeSql.merge(table), MergeSql.copyInto(table))) {
                assertThat(quotedIdentifiers(sql)).as(sql).isNotEmpty().allMatch(allowed::contains);
            }
        }
    }

    private static List<String> quotedIdentifiers(String sql) {
        List<String> names = new ArrayList<>();
        Matcher matcher = QUOTED.matcher(sql);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }
}
