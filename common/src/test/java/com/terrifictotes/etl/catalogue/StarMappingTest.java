package com.terrifictotes.etl.catalogue;

import static com.terrifictotes.etl.catalogue.Column.optional;
import static com.terrifictotes.etl.catalogue.Column.required;
import static com.terrifictotes.etl.catalogue.ColumnType.DATE;
import static com.terrifictotes.etl.catalogue.ColumnType.INTEGER;
import static com.terrifictotes.etl.catalogue.ColumnType.TEXT;
import static com.terrifictotes.etl.catalogue.StarDeclarations.calendar;
import static com.terrifictotes.etl.catalogue.StarDeclarations.copied;
import static com.terrifictotes.etl.catalogue.StarDeclarations.dim;
import static com.terrifictotes.etl.catalogue.StarDeclarations.fact;
import static com.terrifictotes.etl.catalogue.StarDeclarations.joined;
import static com.terrifictotes.etl.catalogue.StarDeclarations.looked;
import static com.terrifictotes.etl.catalogue.StarDeclarations.textDate;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each way a star table's declarations can disagree with the source catalogue is refused, naming what is wrong. */
class StarMappingTest {
    private static final List<SourceTable> SOURCES = ToteSysCatalogue.TABLES;

    @Test
    void theCatalogueAsShippedPassesTheCheck() {
        assertThatCode(() -> StarMapping.check(SOURCES, WarehouseCatalogue.TABLES, WarehouseCatalogue.NOT_LOADED))
                .doesNotThrowAnyException();
    }

    @Test
    void aSourceTableThatFeedsNoWarehouseTableIsRefusedNamingIt() {
        assertThatThrownBy(() -> StarMapping.check(SOURCES, without(WarehouseCatalogue.DIM_DESIGN), Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("source table design feeds no warehouse table")
                .hasMessageContaining("NOT_LOADED");
    }

    @Test
    void aSourceTableMarkedNotLoadedWithAReasonIsAccepted() {
        assertThatCode(() -> StarMapping.check(SOURCES, without(WarehouseCatalogue.DIM_DESIGN),
                Map.of("design", "designs are reported from the design system"))).doesNotThrowAnyException();
    }

    @Test
    void aNotLoadedMarkIsRefusedOnATableAStarTableUsesOnAnUnknownTableOrWithoutAReason() {
        assertThatThrownBy(() -> StarMapping.check(SOURCES, WarehouseCatalogue.TABLES, Map.of("department", "x")))
                .hasMessageContaining("department: is marked not loaded but a star table uses it");
        assertThatThrownBy(() -> StarMapping.check(SOURCES, WarehouseCatalogue.TABLES, Map.of("invoice", "x")))
                .hasMessageContaining("invoice: is marked not loaded but is not in ToteSysCatalogue");
        assertThatThrownBy(() -> StarMapping.check(SOURCES, without(WarehouseCatalogue.DIM_DESIGN),
                Map.of("design", " "))).hasMessageContaining("design: is marked not loaded without a reason");
    }

    @Test
    void aColumnCopiedFromASourceColumnThatDoesNotExistIsRefusedNamingBoth() {
        WarehouseTable design = dim("dim_design", "design", "design_id", List.of(
                copied(required("design_id", INTEGER)), copied(required("designer", TEXT))));
        assertThatThrownBy(() -> check(WarehouseCatalogue.DIM_DESIGN, design))
                .hasMessageContaining("dim_design.designer: source table design has no column designer");
    }

    @Test
    void aStarTableWhoseSourceTableIsNotInTheSourceCatalogueIsRefused() {
        WarehouseTable design = dim("dim_design", "designs", "design_id", List.of(
                copied(required("design_id", INTEGER))));
        assertThatThrownBy(() -> check(WarehouseCatalogue.DIM_DESIGN, design))
                .hasMessageContaining("dim_design: its source table designs is not in ToteSysCatalogue");
    }

    @Test
    void aJoinThroughAForeignKeyTheSourceTableDoesNotDeclareIsRefused() {
        WarehouseTable staff = dim("dim_staff", "staff", "staff_id", List.of(
                copied(required("staff_id", INTEGER)),
                joined(required("department_name", TEXT), "first_name", "department_name")));
        assertThatThrownBy(() -> check(WarehouseCatalogue.DIM_STAFF, staff))
                .hasMessageContaining("dim_staff.department_name: source table staff declares no foreign key"
                        + " first_name");
    }

    @Test
    void aJoinedColumnTheParentTableLacksIsRefused() {
        WarehouseTable staff = dim("dim_staff", "staff", "staff_id", List.of(
                copied(required("staff_id", INTEGER)),
                joined(required("department_name", TEXT), "department_id", "name")));
        assertThatThrownBy(() -> check(WarehouseCatalogue.DIM_STAFF, staff))
                .hasMessageContaining("dim_staff.department_name: source table department has no column name");
    }

    @Test
    void aColumnWhoseTypeTheSourceColumnCannotFeedIsRefused() {
        WarehouseTable design = dim("dim_design", "design", "design_id", List.of(
                copied(required("design_id", INTEGER)), copied(required("design_name", INTEGER))));
        assertThatThrownBy(() -> check(WarehouseCatalogue.DIM_DESIGN, design))
                .hasMessageContaining("dim_design.design_name: is integer but design.design_name gives text");
    }

    @Test
    void aNotNullColumnFedByANullableSourceColumnIsRefused() {
        WarehouseTable location = dim("dim_location", "address", "location_id", List.of(
                copied(required("location_id", INTEGER), "address_id"), copied(required("district", TEXT))));
        assertThatThrownBy(() -> check(WarehouseCatalogue.DIM_LOCATION, location))
                .hasMessageContaining("dim_location.district: is NOT NULL but is fed by a nullable source column"
                        + " district");
    }

    @Test
    void aTextDateOfANonTextColumnAndALookupOfANonTextColumnAreRefused() {
        WarehouseTable payment = fact("fact_payment", "payment", "payment_record_id", "payment_id", List.of(
                textDate(required("paid", DATE))), List.of());
        assertThatThrownBy(() -> check(WarehouseCatalogue.FACT_PAYMENT, payment))
                .hasMessageContaining("fact_payment.paid: a text date reads a text column into a date column, not"
                        + " boolean into date");
        WarehouseTable currency = dim("dim_currency", "currency", "currency_id", List.of(
                copied(required("currency_id", INTEGER)),
                looked(required("currency_name", TEXT), "currency_id", ColumnSource.Lookup.CURRENCY_NAME)));
        assertThatThrownBy(() -> check(WarehouseCatalogue.DIM_CURRENCY, currency))
                .hasMessageContaining("dim_currency.currency_name: lookup CURRENCY_NAME reads text, not integer");
    }

    @Test
    void theDateOrTimePartOfAColumnThatIsNoTimestampIsRefused() {
        WarehouseTable payment = fact("fact_payment", "payment", "payment_record_id", "payment_id", List.of(),
                List.of());
        List<ColumnSource> sources = new ArrayList<>(payment.sources());
        sources.set(2, new ColumnSource.DatePart("payment_date"));
        WarehouseTable wrong = new WarehouseTable(payment.name(), payment.role(), payment.columns(),
                payment.primaryKey(), payment.surrogateKey(), payment.versionKey(), payment.foreignKeys(),
                payment.assignedColumns(), payment.sourceTable(), sources);
        assertThatThrownBy(() -> check(WarehouseCatalogue.FACT_PAYMENT, wrong))
                .hasMessageContaining("fact_payment.created_date: the date or time part of payment.payment_date,"
                        + " which is text, not a timestamp");
    }

    @Test
    void twoStarTablesFedByOneSourceTableAreRefused() {
        WarehouseTable second = dim("dim_design_copy", "design", "design_id", List.of(
                copied(required("design_id", INTEGER))));
        List<WarehouseTable> tables = new ArrayList<>(WarehouseCatalogue.TABLES);
        tables.add(second);
        assertThatThrownBy(() -> StarMapping.check(SOURCES, tables, Map.of()))
                .hasMessageContaining("dim_design_copy: source table design already feeds dim_design");
    }

    @Test
    void aStarTableJoiningThroughTwoForeignKeysIsRefused() {
        WarehouseTable order = fact("fact_sales_order", "sales_order", "sales_record_id", "sales_order_id", List.of(
                joined(required("staff_name", TEXT), "staff_id", "first_name"),
                joined(required("design_name", TEXT), "design_id", "design_name")), List.of());
        assertThatThrownBy(() -> check(WarehouseCatalogue.FACT_SALES_ORDER, order))
                .hasMessageContaining("fact_sales_order.design_name: a star table joins through one foreign key");
    }

    @Test
    void calendarColumnsOnlyInTheCalendarTableAndTheCalendarTableOnlyCalendarColumns() {
        WarehouseTable design = dim("dim_design", "design", "design_id", List.of(
                copied(required("design_id", INTEGER)), calendar(required("year", INTEGER), CalendarAttribute.YEAR)));
        assertThatThrownBy(() -> check(WarehouseCatalogue.DIM_DESIGN, design))
                .hasMessageContaining("dim_design.year: calendar attributes belong to the calendar table");
        WarehouseTable dates = StarDeclarations.calendar("dim_date", "date_id", List.of(
                calendar(required("date_id", DATE), CalendarAttribute.DATE),
                copied(optional("design_id", INTEGER))));
        assertThatThrownBy(() -> check(WarehouseCatalogue.DIM_DATE, dates))
                .hasMessageContaining("dim_date.design_id: a table without a source table is the calendar");
        WarehouseTable misTyped = StarDeclarations.calendar("dim_date", "date_id", List.of(
                calendar(required("date_id", DATE), CalendarAttribute.DATE),
                calendar(required("day_name", INTEGER), CalendarAttribute.DAY_NAME)));
        assertThatThrownBy(() -> check(WarehouseCatalogue.DIM_DATE, misTyped))
                .hasMessageContaining("dim_date.day_name: is integer but calendar DAY_NAME gives text");
    }

    @Test
    void aStarTableWithoutDeclarationsIsRefused() {
        WarehouseTable bare = new WarehouseTable("dim_design", TableRole.DIMENSION,
                List.of(required("design_id", INTEGER)), List.of("design_id"), null, List.of(), List.of(), List.of(),
                "design", List.of());
        assertThatThrownBy(() -> check(WarehouseCatalogue.DIM_DESIGN, bare))
                .hasMessageContaining("dim_design: a star table declares where each of its columns comes from");
    }

    @Test
    void aKeptColumnMustBeOneTheWarehouseAssigns() {
        assertThatThrownBy(() -> new WarehouseTable("dim_design", TableRole.DIMENSION,
                List.of(required("design_id", INTEGER)), List.of("design_id"), null, List.of(), List.of(), List.of(),
                "design", List.of(new ColumnSource.Kept())))
                .hasMessageContaining("dim_design.design_id: a column is kept by the warehouse if and only if");
    }

    /** The catalogue with {@code replaced} swapped for {@code replacement}, checked. */
    private static void check(WarehouseTable replaced, WarehouseTable replacement) {
        List<WarehouseTable> tables = new ArrayList<>(WarehouseCatalogue.TABLES);
        tables.set(tables.indexOf(replaced), replacement);
        StarMapping.check(SOURCES, tables, Map.of());
    }

    private static List<WarehouseTable> without(WarehouseTable table) {
        return WarehouseCatalogue.TABLES.stream().filter(t -> !t.equals(table)).toList();
    }
}
