package com.terrifictotes.etl.testbed.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.catalogue.ToteSysCatalogue;
import com.terrifictotes.etl.testbed.servers.Database;
import com.terrifictotes.etl.testbed.servers.TestBed;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DayOfChangesTest {
    private static final LocalDateTime NOW = LocalDateTime.parse("2026-11-21T09:15:30.123456789");
    private static final LocalDateTime STAMP = LocalDateTime.parse("2026-11-21T09:15:30.123");
    private static DataSource db;
    private static DataSource twin;
    private static ChangeReport report;
    private static Map<String, List<List<Object>>> before;
    private static Map<String, Long> maxIdsBefore;

    @BeforeAll
    static void seedAndChange() {
        db = seeded();
        twin = seeded();
        before = Map.of(
                "department", Sql.rows(db, "SELECT * FROM department ORDER BY 1"),
                "address", Sql.rows(db, "SELECT * FROM address ORDER BY 1"),
                "staff", Sql.rows(db, "SELECT * FROM staff ORDER BY 1"));
        maxIdsBefore = Map.of(
                "sales_order", Sql.count(db, "SELECT max(sales_order_id) FROM sales_order"),
                "purchase_order", Sql.count(db, "SELECT max(purchase_order_id) FROM purchase_order"),
                "transaction", Sql.count(db, "SELECT max(transaction_id) FROM transaction"),
                "payment", Sql.count(db, "SELECT max(payment_id) FROM payment"));
        report = DayOfChanges.apply(db, 7, NOW);
    }

    @Test
    void stampsAreTheGivenNowTruncatedToTheColumnsMilliseconds() {
        assertThat(report.stampedAt()).isEqualTo(STAMP);
    }

    @Test
    void everyTableHasExactlyTheReportedNumberOfRowsStampedNow() {
        Map<String, Integer> expected = report.rowsStampedPerTable();
        for (SourceTable table : ToteSysCatalogue.TABLES) {
            assertThat(Sql.count(db, "SELECT count(*) FROM " + table.quotedName() + " WHERE last_updated = ?", STAMP))
                    .as(table.name()).isEqualTo(expected.get(table.name()).longValue());
        }
        assertThat(report.totalRowsStamped()).isEqualTo(expected.values().stream().mapToInt(i -> i).sum());
    }

    @Test
    void aDaysOrdersEachComeWithATransactionAndAPaymentCreatedNow() {
        assertThat(report.newSalesOrderIds()).hasSizeBetween(15, 30);
        assertThat(report.newPurchaseOrderIds()).hasSizeBetween(5, 12);
        int orders = report.newSalesOrderIds().size() + report.newPurchaseOrderIds().size();
        assertThat(report.newTransactionIds()).hasSize(orders);
        assertThat(report.newPaymentIds()).hasSize(orders);
        for (String table : new String[] {"sales_order", "purchase_order", "transaction", "payment"}) {
            assertThat(Sql.count(db, "SELECT count(*) FROM " + table + " WHERE created_at = ? AND last_updated = ?",
                    STAMP, STAMP)).as(table).isEqualTo(
                            table.equals("sales_order") ? report.newSalesOrderIds().size()
                            : table.equals("purchase_order") ? report.newPurchaseOrderIds().size() : (long) orders);
        }
        assertThat(Sql.count(db, "SELECT count(*) FROM payment WHERE created_at = ? AND paid", STAMP)).isZero();
    }

    @Test
    void newRowsTakeTheirIdsFromTheSequencesAfterTheSeededOnes() {
        assertThat(report.newSalesOrderIds()).first().isEqualTo((int) (maxIdsBefore.get("sales_order") + 1));
        assertThat(report.newPurchaseOrderIds()).first().isEqualTo((int) (maxIdsBefore.get("purchase_order") + 1));
        assertThat(report.newTransactionIds()).first().isEqualTo((int) (maxIdsBefore.get("transaction") + 1));
        assertThat(report.newPaymentIds()).first().isEqualTo((int) (maxIdsBefore.get("payment") + 1));
        assertThat(report.newSalesOrderIds()).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void someUnpaidPaymentsAreMarkedPaidNow() {
        assertThat(report.paymentsMarkedPaid()).hasSizeBetween(5, 20);
        for (int id : report.paymentsMarkedPaid()) {
            assertThat(Sql.rows(db, "SELECT paid, last_updated > created_at FROM payment WHERE payment_id = ?", id))
                    .containsExactly(List.of(true, true));
        }
    }

    @Test
    void anAmendedSalesOrderAndItsPaymentStillAgree() {
        assertThat(report.amendedSalesOrderIds()).hasSize(1);
        assertThat(report.amendedPaymentIds()).hasSize(1).doesNotContainAnyElementsOf(report.paymentsMarkedPaid());
        assertThat(Sql.count(db, """
                SELECT count(*) FROM sales_order s JOIN transaction t USING (sales_order_id)
                JOIN payment p USING (transaction_id)
                WHERE s.sales_order_id = ? AND p.payment_id = ? AND s.last_updated = ? AND p.last_updated = ?
                  AND s.created_at < s.last_updated AND NOT p.paid
                  AND p.payment_amount = round(s.units_sold * s.unit_price, 2)""",
                report.amendedSalesOrderIds().get(0), report.amendedPaymentIds().get(0), STAMP, STAMP)).isEqualTo(1);
    }

    @Test
    void theSourceInvariantsStillHoldAfterTheDay() {
        assertThat(Sql.count(db, """
                SELECT count(*) FROM payment p JOIN transaction t USING (transaction_id)
                LEFT JOIN sales_order s USING (sales_order_id) LEFT JOIN purchase_order o USING (purchase_order_id)
                WHERE p.payment_amount <> coalesce(round(s.units_sold * s.unit_price, 2),
                                                   round(o.item_quantity * o.item_unit_price, 2))
                   OR p.payment_date <> coalesce(s.agreed_payment_date, o.agreed_payment_date)
                   OR p.counterparty_id <> coalesce(s.counterparty_id, o.counterparty_id)""")).isZero();
        assertThat(Sql.count(db, "SELECT count(*) FROM transaction")).isEqualTo(
                Sql.count(db, "SELECT (SELECT count(*) FROM sales_order) + (SELECT count(*) FROM purchase_order)"));
        assertThat(Sql.count(db, "SELECT count(DISTINCT item_code) FROM purchase_order"))
                .isEqualTo(Sql.count(db, "SELECT count(*) FROM purchase_order"));
    }

    @Test
    void atLeastOneDepartmentAddressAndStaffMemberReallyChange() {
        assertThat(report.changedDepartmentIds()).isNotEmpty();
        assertThat(report.changedAddressIds()).isNotEmpty();
        assertThat(report.changedStaffIds()).isNotEmpty();
        assertChanged("department", report.changedDepartmentIds());
        assertChanged("address", report.changedAddressIds());
        assertChanged("staff", report.changedStaffIds());
        assertThat(Sql.count(db, "SELECT count(*) FROM counterparty WHERE legal_address_id = ?",
                report.changedAddressIds().get(0))).as("the first changed address is a legal address").isPositive();
    }

    @Test
    void theSameSeedStateAndNowGiveTheSameChanges() {
        ChangeReport again = DayOfChanges.apply(twin, 7, NOW);

        assertThat(again).isEqualTo(report);
        for (SourceTable table : ToteSysCatalogue.TABLES) {
            assertThat(Sql.tableDigest(twin, table)).as(table.name()).isEqualTo(Sql.tableDigest(db, table));
        }
    }

    @Test
    void everyDayBringsReferenceChangesAndDifferentDaysDifferentChanges() {
        DataSource changing = seeded();
        ChangeReport previous = null;
        for (int day = 1; day <= 6; day++) {
            ChangeReport next = DayOfChanges.apply(changing, 7, NOW.plusDays(day));
            assertThat(next.changedDepartmentIds()).as("day " + day).isNotEmpty();
            assertThat(next.changedAddressIds()).as("day " + day).isNotEmpty();
            assertThat(next.changedStaffIds()).as("day " + day).isNotEmpty();
            if (previous != null) {
                assertThat(next.newSalesOrderIds()).doesNotContainAnyElementsOf(previous.newSalesOrderIds());
                assertThat(next.paymentsMarkedPaid()).isNotEqualTo(previous.paymentsMarkedPaid());
            }
            previous = next;
        }
    }

    @Test
    void anUnseededDatabaseIsRefusedWithoutAnyChange() {
        Database empty = TestBed.shared().createToteSysDatabase();

        assertThatThrownBy(() -> DayOfChanges.apply(empty.dataSource(), 7, NOW))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("seed the database");
        assertThat(Sql.count(empty.dataSource(), "SELECT count(*) FROM sales_order")).isZero();
    }

    private static void assertChanged(String table, List<Integer> ids) {
        List<List<Object>> now = Sql.rows(db, "SELECT * FROM " + ToteSysCatalogue.table(table).quotedName()
                + " ORDER BY 1");
        for (int id : ids) {
            List<Object> old = before.get(table).get(id - 1);
            List<Object> current = now.get(id - 1);
            assertThat(current.get(0)).isEqualTo(id);
            int lastUpdated = ToteSysCatalogue.table(table).columnIndex(SourceTable.LAST_UPDATED);
            assertThat(current.get(lastUpdated)).isEqualTo(java.sql.Timestamp.valueOf(STAMP));
            long differingValues = java.util.stream.IntStream.range(0, old.size())
                    .filter(i -> i != lastUpdated && !java.util.Objects.equals(old.get(i), current.get(i))).count();
            assertThat(differingValues).as(table + " " + id).isEqualTo(1);
        }
    }

    private static DataSource seeded() {
        Database database = TestBed.shared().createToteSysDatabase();
        ToteSysGenerator.seed(database.dataSource(), 1, 42);
        return database.dataSource();
    }
}
