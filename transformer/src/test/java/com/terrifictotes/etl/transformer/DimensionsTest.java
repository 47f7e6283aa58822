package com.terrifictotes.etl.transformer;

import static com.terrifictotes.etl.catalogue.ToteSysCatalogue.ADDRESS;
import static com.terrifictotes.etl.catalogue.ToteSysCatalogue.COUNTERPARTY;
import static com.terrifictotes.etl.catalogue.ToteSysCatalogue.DEPARTMENT;
import static com.terrifictotes.etl.catalogue.ToteSysCatalogue.STAFF;
import static com.terrifictotes.etl.catalogue.ToteSysCatalogue.TRANSACTION;
import static com.terrifictotes.etl.transformer.SourceRows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.terrifictotes.etl.lake.TableRow;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class DimensionsTest {
    static final LocalDateTime T = LocalDateTime.of(2022, 11, 3, 14, 20, 49, 962_000_000);

    static SourceRow department(int id, String name, String location, LocalDateTime updated) {
        return row(DEPARTMENT, "department_id", id, "department_name", name, "location", location,
                "manager", "M " + id, "created_at", T, "last_updated", updated);
    }

    static SourceRow staff(int id, int departmentId, LocalDateTime updated) {
        return row(STAFF, "staff_id", id, "first_name", "First" + id, "last_name", "Last" + id,
                "department_id", departmentId, "email_address", "s" + id + "@terrifictotes.com",
                "created_at", T, "last_updated", updated);
    }

    static SourceRow address(int id, String line2, LocalDateTime updated) {
        return row(ADDRESS, "address_id", id, "address_line_1", id + " Main Street", "address_line_2", line2,
                "district", null, "city", "City" + id, "postal_code", "PC" + id, "country", "Country" + id,
                "phone", "0" + id, "created_at", T, "last_updated", updated);
    }

    static SourceRow counterparty(int id, int addressId, LocalDateTime updated) {
        return row(COUNTERPARTY, "counterparty_id", id, "counterparty_legal_name", "Party " + id,
                "legal_address_id", addressId, "commercial_contact", "C", "delivery_contact", "D",
                "created_at", T, "last_updated", updated);
    }

    @Test
    void joinsStaffToTheNameAndLocationOfTheirDepartment() {
        TableRow dim = Derive.staff(staff(7, 2, T), department(2, "Purchasing", "Manchester", T));
        assertThat(dim.get("staff_id")).isEqualTo(7);
        assertThat(dim.get("first_name")).isEqualTo("First7");
        assertThat(dim.get("last_name")).isEqualTo("Last7");
        assertThat(dim.get("department_name")).isEqualTo("Purchasing");
        assertThat(dim.get("location")).isEqualTo("Manchester");
        assertThat(dim.get("email_address")).isEqualTo("s7@terrifictotes.com");
    }

    @Test
    void keepsANullDepartmentLocationNull() {
        assertThat(Derive.staff(staff(7, 2, T), department(2, "Purchasing", null, T)).get("location")).isNull();
    }

    @Test
    void refusesToJoinAStaffRowToAnotherDepartment() {
        assertThatThrownBy(() -> Derive.staff(staff(7, 2, T), department(3, "Sales", "Leeds", T)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("department_id 2 joined to id 3");
    }

    @Test
    void prefixesTheLegalAddressOfACounterpartyAndDropsItsContacts() {
        TableRow dim = Derive.counterparty(counterparty(4, 9, T), address(9, "Flat 2", T));
        assertThat(dim.schema().getFields()).extracting(f -> f.name())
                .doesNotContain("commercial_contact", "delivery_contact", "legal_address_id");
        assertThat(dim.get("counterparty_legal_name")).isEqualTo("Party 4");
        assertThat(dim.get("counterparty_legal_address_line_1")).isEqualTo("9 Main Street");
        assertThat(dim.get("counterparty_legal_address_line_2")).isEqualTo("Flat 2");
        assertThat(dim.get("counterparty_legal_district")).isNull();
        assertThat(dim.get("counterparty_legal_city")).isEqualTo("City9");
        assertThat(dim.get("counterparty_legal_postal_code")).isEqualTo("PC9");
        assertThat(dim.get("counterparty_legal_country")).isEqualTo("Country9");
        assertThat(dim.get("counterparty_legal_phone_number")).isEqualTo("09");
    }

    @Test
    void renamesAddressIdToLocationId() {
        TableRow dim = Derive.location(address(5, null, T));
        assertThat(dim.get("location_id")).isEqualTo(5);
        assertThat(dim.get("address_line_2")).isNull();
        assertThat(dim.get("phone")).isEqualTo("05");
    }

    @Test
    void keepsTheNullOrderIdsOfATransaction() {
        TableRow dim = Derive.transaction(row(TRANSACTION, "transaction_id", 3, "transaction_type",
                "PURCHASE", "sales_order_id", null, "purchase_order_id", 2, "created_at", T, "last_updated", T));
        assertThat(dim.get("transaction_type")).isEqualTo("PURCHASE");
        assertThat(dim.get("sales_order_id")).isNull();
        assertThat(dim.get("purchase_order_id")).isEqualTo(2);
    }

    @Test
    void takesANewEnumLabelAsTheTextTheWarehouseColumnIs() {
        TableRow dim = Derive.transaction(row(TRANSACTION, "transaction_id", 5, "transaction_type", "REFUND",
                "sales_order_id", 3, "created_at", T, "last_updated", T));

        assertThat(dim.get("transaction_type")).isEqualTo("REFUND");
    }

    @Test
    void checksEachJoinTableRowAgainstTheWarehouseColumnsItFeedsWhenItArrives() {
        assertThat(FactsTest.problems(() -> Dimensions.check(department(2, null, "Leeds", T))))
                .extracting(RowRejected.Problem::column, RowRejected.Problem::reason).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("department_name",
                                "dim_staff.department_name: is NOT NULL in the warehouse, but the value is null"));
        assertThat(FactsTest.problems(() -> Dimensions.check(FactsTest.with(staff(7, 2, T), "department_id",
                null)))).extracting(RowRejected.Problem::column).containsExactly("department_id");
        assertThat(FactsTest.problems(() -> Dimensions.check(FactsTest.with(address(9, null, T), "city", null))))
                .extracting(RowRejected.Problem::reason).containsExactly(
                        "dim_location.city: is NOT NULL in the warehouse, but the value is null");
        assertThat(FactsTest.problems(() -> Dimensions.check(FactsTest.with(counterparty(4, 9, T),
                "counterparty_legal_name", "Party\u0000 4")))).extracting(RowRejected.Problem::reason)
                .containsExactly("dim_counterparty.counterparty_legal_name: contains a NUL character, which"
                        + " PostgreSQL text cannot hold");
        Dimensions.check(department(2, "Purchasing", null, T));
        Dimensions.check(staff(7, 2, T));
    }

    @Test
    void refusesACurrencyCodeLongerThanVarchar3() {
        assertThat(FactsTest.problems(() -> Derive.currency(row(com.terrifictotes.etl.catalogue.ToteSysCatalogue
                .CURRENCY, "currency_id", 1, "currency_code", "GBPX", "created_at", T, "last_updated", T))))
                .extracting(RowRejected.Problem::column, RowRejected.Problem::reason).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("currency_code",
                                "dim_currency.currency_code: 'GBPX' is 4 characters long; varchar(3) holds 3"));
    }
}
