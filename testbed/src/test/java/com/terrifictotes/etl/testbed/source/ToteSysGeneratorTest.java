package com.terrifictotes.etl.testbed.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.catalogue.ToteSysCatalogue;
import com.terrifictotes.etl.testbed.servers.Database;
import com.terrifictotes.etl.testbed.servers.TestBed;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The generator is deterministic, and scale factor 1 looks like the production snapshot (totesys.md §4). */
class ToteSysGeneratorTest {
    private static Database seeded;
    private static GenerationReport report;
    private static DataSource db;

    @BeforeAll
    static void seed() {
        seeded = TestBed.shared().createToteSysDatabase();
        report = ToteSysGenerator.seed(seeded.dataSource(), 1, 42);
        db = seeded.dataSource();
    }

    @Test
    void theSameSeedAndScaleGiveIdenticalTablesAndADifferentSeedDoesNot() {
        Database again = TestBed.shared().createToteSysDatabase();
        Database other = TestBed.shared().createToteSysDatabase();
        ToteSysGenerator.seed(again.dataSource(), 1, 42);
        ToteSysGenerator.seed(other.dataSource(), 1, 43);

        Map<String, String> digests = digests(db);
        assertThat(digests(again.dataSource())).isEqualTo(digests);
        Map<String, String> otherDigests = digests(other.dataSource());
        for (String table : new String[] {"address", "counterparty", "staff", "design", "sales_order",
            "purchase_order", "payment"}) {
            assertThat(otherDigests.get(table)).as(table).isNotEqualTo(digests.get(table));
        }
    }

    @Test
    void theReportCountsWhatIsInTheDatabase() {
        for (SourceTable table : ToteSysCatalogue.TABLES) {
            assertThat(report.rows(table.name())).as(table.name())
                    .isEqualTo(Sql.count(db, "SELECT count(*) FROM " + table.quotedName()));
        }
        assertThat(report.totalRows()).isEqualTo(report.rowsPerTable().values().stream().mapToInt(i -> i).sum());
        String everyStamp = ToteSysCatalogue.TABLES.stream()
                .map(t -> "SELECT greatest(max(created_at), max(last_updated)) AS s FROM " + t.quotedName())
                .reduce((a, b) -> a + " UNION ALL " + b).orElseThrow();
        Timestamp newest = (Timestamp) Sql.value(db, "SELECT max(s) FROM (" + everyStamp + ") m");
        assertThat(report.newestStamp()).isEqualTo(newest.toLocalDateTime());
    }

    @Test
    void scaleOneHasTheProductionSnapshotsTableSizes() {
        assertThat(count("address")).isEqualTo(30);
        assertThat(count("counterparty")).isEqualTo(20);
        assertThat(count("currency")).isEqualTo(3);
        assertThat(count("department")).isEqualTo(8);
        assertThat(count("staff")).isEqualTo(20);
        assertThat(count("payment_type")).isEqualTo(4);
        assertThat(count("design")).isBetween(400L, 550L);
        assertThat(count("sales_order")).isBetween(10_000L, 12_500L);
        assertThat(count("purchase_order")).isBetween(4_000L, 5_200L);
        assertThat(count("transaction")).isEqualTo(count("sales_order") + count("purchase_order"));
        assertThat(count("payment")).isEqualTo(count("transaction"));
    }

    @Test
    void addressesLeaveOptionalColumnsNullAsOftenAsProductionDoes() {
        assertThat(Sql.count(db, "SELECT count(*) FROM address WHERE address_line_2 IS NULL")).isBetween(17L, 23L);
        assertThat(Sql.count(db, "SELECT count(*) FROM address WHERE district IS NULL")).isBetween(11L, 18L);
        assertThat(Sql.count(db, "SELECT count(DISTINCT country) FROM address")).isBetween(25L, 30L);
        assertThat(Sql.count(db, "SELECT count(*) FROM address WHERE phone !~ '^[0-9]{4} [0-9]{6}$'")).isZero();
        assertThat(Sql.count(db, "SELECT count(*) FROM address WHERE postal_code !~ '^[0-9]{5}(-[0-9]{4})?$'"))
                .isZero();
        assertThat(Sql.column(db, "SELECT DISTINCT district FROM address WHERE district IS NOT NULL"))
                .isNotEmpty().allSatisfy(d -> assertThat(Vocabulary.UK_COUNTIES).contains((String) d));
        assertThat(Sql.count(db, "SELECT count(*) FROM address WHERE country = 'Democratic People''s Republic of Korea'"))
                .isPositive();
    }

    @Test
    void counterpartiesUseFourteenLegalAddressesAndAlwaysHaveContacts() {
        assertThat(Sql.count(db, "SELECT count(DISTINCT legal_address_id) FROM counterparty")).isEqualTo(14);
        assertThat(Sql.count(db, "SELECT count(*) FROM counterparty WHERE commercial_contact IS NULL "
                + "OR delivery_contact IS NULL")).isZero();
        assertThat(Sql.column(db, "SELECT counterparty_legal_name FROM counterparty"))
                .anySatisfy(n -> assertThat((String) n).contains("O'Hara"))
                .anySatisfy(n -> assertThat((String) n).contains("O'Keefe"));
    }

    @Test
    void currenciesDepartmentsAndPaymentTypesAreProductionsRows() {
        assertThat(Sql.column(db, "SELECT currency_code FROM currency ORDER BY currency_id"))
                .containsExactly("GBP", "USD", "EUR");
        assertThat(Sql.column(db, "SELECT department_name || '/' || location FROM department ORDER BY department_id"))
                .containsExactly("Sales/Manchester", "Purchasing/Manchester", "Production/Leeds", "Dispatch/Leds",
                        "Finance/Manchester", "Facilities/Manchester", "Communications/Leeds", "HR/Leeds");
        assertThat(Sql.count(db, "SELECT count(*) FROM department WHERE manager IS NULL")).isZero();
        assertThat(Sql.column(db, "SELECT payment_type_name::text FROM payment_type ORDER BY payment_type_id"))
                .containsExactly("SALES_RECEIPT", "SALES_REFUND", "PURCHASE_PAYMENT", "PURCHASE_REFUND");
    }

    @Test
    void staffWorkInDepartmentsTwoToEightWithCompanyEmails() {
        assertThat(Sql.column(db, "SELECT DISTINCT department_id FROM staff ORDER BY 1"))
                .containsExactly(2, 3, 4, 5, 6, 7, 8);
        assertThat(Sql.count(db, "SELECT count(*) FROM staff "
                + "WHERE email_address !~ '^[a-z''-]+\\.[a-z''-]+@terrifictotes\\.com$'")).isZero();
        assertThat(Sql.count(db, "SELECT count(*) FROM staff WHERE email_address LIKE '%''%'")).isPositive();
    }

    @Test
    void designsHaveTheTwelveNamesUnixDirectoriesAndNamedJsonFiles() {
        assertThat(Sql.column(db, "SELECT DISTINCT design_name FROM design"))
                .allSatisfy(n -> assertThat(Vocabulary.DESIGN_NAMES).contains((String) n)).hasSize(12);
        assertThat(Sql.count(db, "SELECT count(DISTINCT file_location) FROM design")).isBetween(50L, 60L);
        assertThat(Sql.count(db, "SELECT count(*) FROM design WHERE file_location !~ '^/'")).isZero();
        assertThat(Sql.count(db, "SELECT count(*) FROM design "
                + "WHERE file_name !~ ('^' || lower(design_name) || '-[0-9]{8}-[a-z]{4}\\.json$')")).isZero();
        assertThat(Sql.count(db, "SELECT count(*) FROM sales_order s JOIN design d USING (design_id) "
                + "WHERE d.created_at > s.created_at")).as("orders use designs that exist").isZero();
    }

    @Test
    void salesOrdersHaveProductionsValueDomains() {
        assertThat(Sql.count(db, "SELECT count(*) FROM sales_order WHERE units_sold NOT BETWEEN 1001 AND 99973 "
                + "OR unit_price NOT BETWEEN 2.00 AND 4.00 OR scale(unit_price) <> 2")).isZero();
        assertThat(Sql.count(db, "SELECT count(DISTINCT unit_price) FROM sales_order")).isEqualTo(201);
        assertThat(Sql.count(db, "SELECT count(*) FROM sales_order "
                + "WHERE agreed_delivery_date !~ '^\\d{4}-\\d{2}-\\d{2}$' OR agreed_payment_date !~ '^\\d{4}-\\d{2}-\\d{2}$' "
                + "OR agreed_payment_date::date - created_at::date NOT BETWEEN 0 AND 6 "
                + "OR agreed_delivery_date::date - created_at::date NOT BETWEEN 0 AND 6")).isZero();
        for (String used : new String[] {"staff_id", "counterparty_id", "agreed_delivery_location_id"}) {
            assertThat(Sql.count(db, "SELECT count(DISTINCT " + used + ") FROM sales_order")).as(used)
                    .isEqualTo(used.equals("agreed_delivery_location_id") ? 30 : 20);
        }
    }

    @Test
    void purchaseOrdersHaveUniqueItemCodesAndProductionsValueDomains() {
        assertThat(Sql.count(db, "SELECT count(*) FROM purchase_order WHERE item_code !~ '^[A-Z0-9]{7}$' "
                + "OR item_quantity NOT BETWEEN 1 AND 999 OR item_unit_price NOT BETWEEN 3.32 AND 999.07")).isZero();
        assertThat(Sql.count(db, "SELECT count(DISTINCT item_code) FROM purchase_order"))
                .isEqualTo(count("purchase_order"));
    }

    @Test
    void everyOrderHasExactlyOneTransactionOfItsTypeAndEveryTransactionOnePayment() {
        assertThat(Sql.count(db, "SELECT count(*) FROM sales_order s WHERE (SELECT count(*) FROM transaction t "
                + "WHERE t.sales_order_id = s.sales_order_id AND t.transaction_type = 'SALE') <> 1")).isZero();
        assertThat(Sql.count(db, "SELECT count(*) FROM purchase_order p WHERE (SELECT count(*) FROM transaction t "
                + "WHERE t.purchase_order_id = p.purchase_order_id AND t.transaction_type = 'PURCHASE') <> 1")).isZero();
        assertThat(Sql.count(db, "SELECT count(*) FROM transaction WHERE (sales_order_id IS NULL) = "
                + "(purchase_order_id IS NULL) OR (transaction_type = 'SALE') <> (sales_order_id IS NOT NULL)")).isZero();
        assertThat(Sql.count(db, "SELECT count(*) FROM transaction t WHERE (SELECT count(*) FROM payment p "
                + "WHERE p.transaction_id = t.transaction_id) <> 1")).isZero();
    }

    @Test
    void paymentsCopyTheirOrderAmountDateCounterpartyAndCurrency() {
        String orders = """
                SELECT t.transaction_id, o.created_at, round(o.units_sold * o.unit_price, 2) AS amount,
                       o.agreed_payment_date, o.counterparty_id, o.currency_id, 1 AS payment_type_id
                FROM transaction t JOIN sales_order o USING (sales_order_id)
                UNION ALL
                SELECT t.transaction_id, o.created_at, round(o.item_quantity * o.item_unit_price, 2),
                       o.agreed_payment_date, o.counterparty_id, o.currency_id, 3
                FROM transaction t JOIN purchase_order o USING (purchase_order_id)""";
        assertThat(Sql.count(db, "SELECT count(*) FROM payment p JOIN (" + orders + ") o USING (transaction_id) "
                + "JOIN transaction t USING (transaction_id) "
                + "WHERE p.payment_amount = o.amount AND p.payment_date = o.agreed_payment_date "
                + "AND p.counterparty_id = o.counterparty_id AND p.currency_id = o.currency_id "
                + "AND p.payment_type_id = o.payment_type_id "
                + "AND p.created_at = o.created_at AND t.created_at = o.created_at"))
                .isEqualTo(count("payment"));
        assertThat(Sql.count(db, "SELECT count(*) FROM payment WHERE company_ac_number NOT BETWEEN 10000000 AND 99999999 "
                + "OR counterparty_ac_number NOT BETWEEN 10000000 AND 99999999")).isZero();
    }

    @Test
    void aboutSixtyPercentOfPaymentsWereLaterMarkedPaidByTheMorningJob() {
        double paidShare = Sql.count(db, "SELECT count(*) FROM payment WHERE paid") / (double) count("payment");
        assertThat(paidShare).isBetween(0.55, 0.65);
        assertThat(Sql.count(db, "SELECT count(*) FROM payment WHERE paid <> (last_updated > created_at) "
                + "OR last_updated < created_at")).isZero();
        assertThat(Sql.count(db, "SELECT count(*) FROM payment WHERE paid AND (extract(hour FROM last_updated) <> 7 "
                + "OR extract(isodow FROM last_updated) > 5 "
                + "OR last_updated::date - created_at::date NOT BETWEEN 1 AND 7)")).isZero();
        assertThat(Sql.count(db, "SELECT count(*) FROM sales_order WHERE last_updated <> created_at")).isZero();
    }

    @Test
    void ordersArriveOnWeekdaysInBusinessHoursFromTheFirstOrderOnwards() {
        assertThat(Sql.value(db, "SELECT min(created_at) FROM sales_order"))
                .isEqualTo(java.sql.Timestamp.valueOf(LocalDateTime.parse("2022-11-03T14:20:52.186")));
        assertThat(Sql.count(db, "SELECT count(*) FROM (SELECT created_at FROM sales_order UNION ALL "
                + "SELECT created_at FROM purchase_order) o WHERE extract(isodow FROM created_at) > 5 "
                + "OR extract(hour FROM created_at) NOT BETWEEN 8 AND 18 OR created_at::date > '2024-11-14'")).isZero();
        assertThat(Sql.count(db, "SELECT count(*) FROM address WHERE created_at <> '2022-11-03 14:20:49.962' "
                + "OR last_updated <> created_at")).isZero();
        assertThat(Sql.count(db, "SELECT count(*) FROM staff WHERE last_updated <> '2022-11-03 14:20:51.563'"))
                .isZero();
    }

    @Test
    void manyRowsShareOneLastUpdatedAndSomeStampsHaveZeroMilliseconds() {
        String everyStamp = ToteSysCatalogue.TABLES.stream()
                .map(t -> "SELECT last_updated FROM " + t.quotedName())
                .reduce((a, b) -> a + " UNION ALL " + b).orElseThrow();
        assertThat(Sql.count(db, "SELECT max(n) FROM (SELECT count(*) n FROM (" + everyStamp + ") s "
                + "GROUP BY last_updated) g")).isGreaterThanOrEqualTo(30);
        assertThat(Sql.count(db, "SELECT count(*) FROM (SELECT last_updated FROM (" + everyStamp + ") s "
                + "GROUP BY last_updated HAVING count(*) >= 3) g")).isGreaterThan(1000);
        assertThat(Sql.count(db, "SELECT count(*) FROM sales_order WHERE date_trunc('second', created_at) = created_at"))
                .isPositive();
        assertThat(Sql.count(db, "SELECT count(*) FROM payment WHERE paid "
                + "AND date_trunc('second', last_updated) = last_updated")).isPositive();
    }

    @Test
    void textCarriesApostrophesQuotesCommasAndNonAsciiLetters() {
        String text = """
                SELECT address_line_1 AS t FROM address UNION ALL SELECT city FROM address
                UNION ALL SELECT country FROM address UNION ALL SELECT counterparty_legal_name FROM counterparty
                UNION ALL SELECT first_name FROM staff UNION ALL SELECT last_name FROM staff""";
        for (String pattern : new String[] {"'", "\"", ",", "Zoë", "Łódź", "São Paulo"}) {
            assertThat(Sql.count(db, "SELECT count(*) FROM (" + text + ") x WHERE strpos(t, ?) > 0", pattern))
                    .as(pattern).isPositive();
        }
    }

    @Test
    void sequencesContinueAfterTheSeededIds() throws Exception {
        try (Connection connection = db.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            for (SourceTable table : ToteSysCatalogue.TABLES) {
                try (ResultSet rs = statement.executeQuery("SELECT nextval(pg_get_serial_sequence('public."
                        + table.quotedName() + "', '" + table.primaryKey() + "'))")) {
                    rs.next();
                    assertThat(rs.getLong(1)).as(table.name()).isEqualTo(count(table.name()) + 1);
                }
            }
            connection.rollback();
        }
    }

    @Test
    void scaleMultipliesTheBusinessTablesButNotTheReferenceTables() {
        Database doubled = TestBed.shared().createToteSysDatabase();
        GenerationReport two = ToteSysGenerator.seed(doubled.dataSource(), 2, 42);

        for (String table : new String[] {"design", "sales_order", "purchase_order", "transaction", "payment"}) {
            assertThat(two.rows(table)).as(table).isEqualTo(2 * report.rows(table));
        }
        for (String table : new String[] {"address", "counterparty", "currency", "department", "staff",
            "payment_type"}) {
            assertThat(two.rows(table)).as(table).isEqualTo(report.rows(table));
        }
    }

    @Test
    void seedingADatabaseThatAlreadyHasRowsIsRefused() {
        assertThatThrownBy(() -> ToteSysGenerator.seed(db, 1, 7))
                .hasMessageContaining("address").hasMessageContaining("already has rows");
        assertThat(count("sales_order")).isEqualTo(report.rows("sales_order"));
    }

    private static long count(String table) {
        return Sql.count(db, "SELECT count(*) FROM " + ToteSysCatalogue.table(table).quotedName());
    }

    private static Map<String, String> digests(DataSource dataSource) {
        Map<String, String> digests = new LinkedHashMap<>();
        for (SourceTable table : ToteSysCatalogue.TABLES) {
            digests.put(table.name(), Sql.tableDigest(dataSource, table));
        }
        return digests;
    }
}
