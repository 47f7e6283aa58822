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
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The schema check on live schemas built by hand: which drift is carried with which warning, which refused. */
class SourceSchemaTest {
    private static final List<SourceTable> CATALOGUE = ToteSysCatalogue.TABLES;

    @Test
    void theCataloguesOwnSchemaHasNoDrift() {
        assertThat(live().verify(CATALOGUE).warnings()).isEmpty();
    }

    @Test
    void aMissingCatalogueColumnFailsNamingTableAndColumnAndTheUnknownColumnItMayHaveBecome() {
        SourceSchema renamed = change("staff", columns -> columns.stream()
                .map(c -> c.name().equals("email_address") ? new LiveColumn("email", c.type(), true, List.of()) : c)
                .toList());

        assertThatThrownBy(() -> renamed.verify(CATALOGUE))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("table staff has no column email_address (dropped or renamed; the source has"
                        + " email, which the catalogue does not know)")
                .hasMessageContaining("nothing was read or written")
                .hasMessageContaining("\"Schema drift\" in extractor/README.md");
    }

    @Test
    void aMissingCatalogueTableFailsNamingIt() {
        Map<String, List<LiveColumn>> tables = new LinkedHashMap<>(live().columnsByTable());
        tables.remove("payment");

        assertThatThrownBy(() -> new SourceSchema(tables, "UTF8").verify(CATALOGUE))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("table payment does not exist");
    }

    @Test
    void anExtraSourceColumnIsAWarningNamingTableAndColumn() {
        SourceSchema schema = change("currency", columns -> with(columns, new LiveColumn("currency_name",
                LiveType.parse("text"), false, List.of())));

        assertThat(schema.verify(CATALOGUE).warnings()).singleElement().satisfies(w -> {
            assertThat(w.kind()).isEqualTo(DriftKind.NEW_COLUMN);
            assertThat(w.message()).contains("table currency has column currency_name (text)")
                    .contains("not extracted");
        });
    }

    @Test
    void everyCarriedDriftIsOneWarningOfItsKindNamingTableColumnAndLabel() {
        SourceSchema schema = retype(retype(retype(retype("payment", "payment_amount", "numeric(12,4)"),
                "sales_order", "units_sold", "bigint"), "currency", "currency_code", "character varying(2)"),
                "payment_type", "payment_type_name", "text");
        schema = change(schema, "transaction", columns -> columns.stream().map(c -> !c.name().equals(
                "transaction_type") ? c : new LiveColumn(c.name(), c.type(), true, List.of("SALE", "REFUND"))).toList());
        schema = change(schema, "staff", columns -> columns.stream().map(c -> !c.name().equals("email_address") ? c
                : new LiveColumn(c.name(), c.type(), false, List.of())).toList());

        SchemaDrift drift = schema.verify(CATALOGUE);

        assertThat(drift.messages()).containsExactlyInAnyOrder(
                "table payment column payment_amount is now numeric(12,4), wider than the catalogue's numeric(10,2);"
                        + " values are delivered as the source prints them, and one the warehouse cannot hold is"
                        + " quarantined downstream",
                "table sales_order column units_sold is now bigint, wider than the catalogue's integer; values are"
                        + " delivered as the source prints them, and one the warehouse cannot hold is quarantined"
                        + " downstream",
                "table currency column currency_code is now character varying(2), narrower than the catalogue's"
                        + " character varying(3); every value fits",
                "table payment_type column payment_type_name is now text, wider than the catalogue's"
                        + " \"PaymentTypeName\"; values are delivered as the source prints them, and one the"
                        + " warehouse cannot hold is quarantined downstream",
                "table transaction column transaction_type: enum \"TransactionType\" has label REFUND, which the"
                        + " catalogue does not know; it is delivered as text, like every label",
                "table transaction column transaction_type: enum \"TransactionType\" no longer has the catalogue's"
                        + " label PURCHASE (renamed?); rows carry whatever label they hold now",
                "table staff column email_address lost NOT NULL; a NULL is delivered as NULL");
        assertThat(drift.countsByKind()).containsExactlyInAnyOrderEntriesOf(Map.of(DriftKind.WIDENED_TYPE, 3,
                DriftKind.NARROWED_TYPE, 1, DriftKind.NEW_ENUM_LABEL, 1, DriftKind.MISSING_ENUM_LABEL, 1,
                DriftKind.NULLABLE_COLUMN, 1));
    }

    @Test
    void everyRefusedDriftIsNamedWithItsCauseInOneError() {
        SourceSchema schema = retype(retype(retype(retype(retype("sales_order", "units_sold", "text"),
                "payment", "paid", "text"), "staff", "last_updated", "timestamp(3) with time zone"),
                "design", "created_at", "date"), "address", "address_id", "bigint");
        schema = change(schema, "currency", columns -> columns.stream().map(c -> !c.name().equals("last_updated") ? c
                : new LiveColumn(c.name(), c.type(), false, List.of())).toList());

        SourceSchema refused = schema;
        assertThatThrownBy(() -> refused.verify(CATALOGUE)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("table sales_order column units_sold is now text: it does not convert to the"
                        + " catalogue's integer")
                .hasMessageContaining("table payment column paid is now text: it does not convert to the"
                        + " catalogue's boolean")
                .hasMessageContaining("table staff column last_updated is now timestamp(3) with time zone: a"
                        + " timestamp with time zone is an instant")
                .hasMessageContaining("table design column created_at is now date: it does not convert")
                .hasMessageContaining("table address column address_id is now bigint: it is the primary key")
                .hasMessageContaining("table currency column last_updated lost NOT NULL: it is the extraction"
                        + " cursor");
    }

    @Test
    void tablesOutsideTheCatalogueAreListedAsSkipped() {
        Map<String, List<LiveColumn>> tables = new LinkedHashMap<>(live().columnsByTable());
        tables.put("_prisma_migrations", List.of(new LiveColumn("id", LiveType.parse("text"), true, List.of())));
        SourceSchema schema = new SourceSchema(tables, "UTF8");

        assertThat(schema.verify(CATALOGUE).warnings()).isEmpty();
        assertThat(schema.unknownTables(CATALOGUE)).containsExactly("_prisma_migrations");
    }

    @Test
    void onlyASqlAsciiDatabaseHasItsTextReadAsBytes() {
        assertThat(SourceSchema.matching(CATALOGUE, "SQL_ASCII").textTransfer()).isEqualTo(TextTransfer.RAW_BYTES);
        assertThat(SourceSchema.matching(CATALOGUE, "UTF8").textTransfer()).isEqualTo(TextTransfer.CONVERTED);
        assertThat(SourceSchema.matching(CATALOGUE, "LATIN1").textTransfer()).isEqualTo(TextTransfer.CONVERTED);
    }

    private static SourceSchema live() {
        return SourceSchema.matching(CATALOGUE, "UTF8");
    }

    private static SourceSchema retype(String table, String column, String type) {
        return retype(live(), table, column, type);
    }

    private static SourceSchema retype(SourceSchema schema, String table, String column, String type) {
        return change(schema, table, columns -> columns.stream().map(c -> !c.name().equals(column) ? c
                : new LiveColumn(c.name(), LiveType.parse(type), c.notNull(), List.of())).toList());
    }

    private static SourceSchema change(String table, UnaryOperator<List<LiveColumn>> change) {
        return change(live(), table, change);
    }

    private static SourceSchema change(SourceSchema schema, String table, UnaryOperator<List<LiveColumn>> change) {
        Map<String, List<LiveColumn>> tables = new LinkedHashMap<>(schema.columnsByTable());
        tables.put(table, change.apply(tables.get(table)));
        return new SourceSchema(tables, schema.serverEncoding());
    }

    private static List<LiveColumn> with(List<LiveColumn> columns, LiveColumn extra) {
        List<LiveColumn> all = new ArrayList<>(columns);
        all.add(extra);
        return all;
    }
}
