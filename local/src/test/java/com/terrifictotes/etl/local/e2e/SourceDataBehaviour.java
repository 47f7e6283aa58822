package com.terrifictotes.etl.local.e2e;

import static com.terrifictotes.etl.local.e2e.WarehouseAssertions.assertCurrentViewsShowTheLatestExtracted;
import static com.terrifictotes.etl.local.e2e.WarehouseAssertions.assertHoldsEveryExtractedVersion;
import static com.terrifictotes.etl.local.e2e.WarehouseAssertions.value;
import static org.assertj.core.api.Assertions.assertThat;

import com.terrifictotes.etl.local.CycleReport;
import com.terrifictotes.etl.local.StageRun;
import com.terrifictotes.etl.testbed.expected.WarehouseFromSource.TableRows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a real ToteSys may do, end to end through the real handlers: values the warehouse cannot hold, values it can
 * although they look odd, rows stamped or committed out of step with the extraction windows, a backdated correction.
 * Nothing stops, and after every cycle the warehouse equals what the oracle computes from what each extraction
 * delivered ({@link com.terrifictotes.etl.testbed.expected.DeliveredSource}): quarantined versions left out, inferred
 * dimension rows for parents no window delivered yet, completed once one does, the latest delivery current.
 */
public abstract class SourceDataBehaviour {
    protected PipelineBed bed;
    private DataSource toteSys;
    private Deployment deployment;
    private int order;

    /** The bed this run of the suite uses. */
    protected abstract PipelineBed bed();

    @BeforeEach
    void loadTheFirstBatch() {
        bed = bed();
        toteSys = bed.createToteSys(ToteSysFixture.Size.SMALL);
        deployment = Deployment.reading(bed, toteSys);
        order = Integer.parseInt(value(toteSys, "SELECT min(sales_order_id) FROM sales_order"));
    }

    @Test
    void anAgreedDateNoCalendarHasIsQuarantinedAndTheFixAtTheSourceLoadsAndSupersedesIt() {
        deployment.cycle();
        change("UPDATE sales_order SET agreed_delivery_date = '2024-02-30', last_updated = ? WHERE sales_order_id = ?",
                now(), order);

        cycleHoldingTheOracle();

        assertRejected(List.of(row(2, "sales_order", order, "agreed_delivery_date", null)));
        assertThat(ledger(2)).isEqualTo(row(0, 1, "{\"sales_order\": 1}"));
        assertThat(value(deployment.warehouse(), "SELECT agreed_delivery_date FROM fact_sales_order_current"
                + " WHERE sales_order_id = " + order)).as("the current view keeps the last accepted version")
                .isNotEqualTo("2024-02-30");

        change("UPDATE sales_order SET agreed_delivery_date = '2024-02-28', last_updated = ? WHERE sales_order_id = ?",
                now(), order);
        cycleHoldingTheOracle();

        assertRejected(List.of(row(2, "sales_order", order, "agreed_delivery_date", 3)));
        assertThat(value(deployment.warehouse(), "SELECT agreed_delivery_date FROM fact_sales_order_current"
                + " WHERE sales_order_id = " + order)).isEqualTo("2024-02-28");
    }

    @Test
    void theYearZeroWhichPostgresqlRefusesIsQuarantinedBeforeTheLoaderAndTheFixSupersedesIt() {
        deployment.cycle();
        change("UPDATE sales_order SET agreed_payment_date = '0000-01-01', last_updated = ? WHERE sales_order_id = ?",
                now(), order);

        cycleHoldingTheOracle();

        assertRejected(List.of(row(2, "sales_order", order, "agreed_payment_date", null)));
        change("UPDATE sales_order SET agreed_payment_date = '2024-01-01', last_updated = ? WHERE sales_order_id = ?",
                now(), order);
        cycleHoldingTheOracle();
        assertRejected(List.of(row(2, "sales_order", order, "agreed_payment_date", 3)));
    }

    @Test
    void aLabelAddedToAnEnumLoadsAsTheTextTheWarehouseColumnIs() {
        deployment.cycle();
        change("ALTER TYPE \"TransactionType\" ADD VALUE 'REFUND'");
        String transaction = value(toteSys, "SELECT min(transaction_id) FROM \"transaction\"");
        change("UPDATE \"transaction\" SET transaction_type = 'REFUND', last_updated = ? WHERE transaction_id = ?",
                now(), Integer.parseInt(transaction));

        cycleHoldingTheOracle();

        assertThat(value(deployment.warehouse(), "SELECT transaction_type FROM dim_transaction WHERE transaction_id = "
                + transaction)).isEqualTo("REFUND");
        assertRejected(List.of());
    }

    @Test
    void aColumnThatLostNotNullCarriesANullTheWarehouseDoesNotNeedAndQuarantinesOneItDoes() {
        deployment.cycle();
        change("ALTER TABLE payment ALTER COLUMN company_ac_number DROP NOT NULL");
        change("ALTER TABLE sales_order ALTER COLUMN units_sold DROP NOT NULL");
        String payment = value(toteSys, "SELECT min(payment_id) FROM payment");
        change("UPDATE payment SET company_ac_number = NULL, last_updated = ? WHERE payment_id = ?", now(),
                Integer.parseInt(payment));
        change("UPDATE sales_order SET units_sold = NULL, last_updated = ? WHERE sales_order_id = ?", now(), order);

        cycleHoldingTheOracle();

        assertThat(value(deployment.warehouse(), "SELECT count(*) FROM fact_payment WHERE payment_id = " + payment))
                .as("versions of the payment, the new one with its account number NULL at the source").isEqualTo("2");
        assertRejected(List.of(row(2, "sales_order", order, "units_sold", null)));
        change("UPDATE sales_order SET units_sold = 7, last_updated = ? WHERE sales_order_id = ?", now(), order);
        cycleHoldingTheOracle();
        assertRejected(List.of(row(2, "sales_order", order, "units_sold", 3)));
    }

    @Test
    void aWiderNumericLoadsWhatNumeric102HoldsExactlyAndQuarantinesWhatItWouldRound() {
        deployment.cycle();
        change("ALTER TABLE sales_order ALTER COLUMN unit_price TYPE numeric(12,4)");
        int other = Integer.parseInt(value(toteSys, "SELECT max(sales_order_id) FROM sales_order"));
        change("UPDATE sales_order SET unit_price = 2.0900, last_updated = ? WHERE sales_order_id = ?", now(), other);
        change("UPDATE sales_order SET unit_price = 2.0912, last_updated = ? WHERE sales_order_id = ?", now(), order);

        cycleHoldingTheOracle();

        assertThat(value(deployment.warehouse(), "SELECT unit_price FROM fact_sales_order_current"
                + " WHERE sales_order_id = " + other)).isEqualTo("2.09");
        assertRejected(List.of(row(2, "sales_order", order, "unit_price", null)));
        assertThat(value(deployment.warehouse(), "SELECT reason || ' | ' || value FROM etl_rejected_row"))
                .isEqualTo("fact_sales_order.unit_price: 2.0912 has 4 decimal places; numeric(10,2) keeps 2 and"
                        + " would round it | 2.0912");
        change("UPDATE sales_order SET unit_price = 2.0900, last_updated = ? WHERE sales_order_id = ?", now(), order);
        cycleHoldingTheOracle();
        assertRejected(List.of(row(2, "sales_order", order, "unit_price", 3)));
    }

    /**
     * NaN reaches the lake through the extractor's COPY path only until the row path reads numerics as text too
     * (the extract-drift work): here it sits in a row stamped long before the first window's tail, which COPY reads.
     */
    @Test
    void notANumberIsQuarantinedAndItsFixSupersedesIt() {
        change("ALTER TABLE sales_order ALTER COLUMN unit_price TYPE numeric(12,4)");
        change("UPDATE sales_order SET unit_price = 'NaN' WHERE sales_order_id = ?", order);

        cycleHoldingTheOracle();

        assertRejected(List.of(row(1, "sales_order", order, "unit_price", null)));
        assertThat(value(deployment.warehouse(), "SELECT count(*) FROM fact_sales_order WHERE sales_order_id = "
                + order)).isEqualTo("0");
        change("UPDATE sales_order SET unit_price = 3.5, last_updated = ? WHERE sales_order_id = ?", now(), order);
        cycleHoldingTheOracle();
        assertRejected(List.of(row(1, "sales_order", order, "unit_price", 2)));
        assertThat(value(deployment.warehouse(), "SELECT unit_price FROM fact_sales_order_current"
                + " WHERE sales_order_id = " + order)).isEqualTo("3.50");
    }

    @Test
    void aFactWhoseStaffIsStampedInTheFutureLoadsAgainstAnInferredRowThatItsArrivalCompletes() throws Exception {
        deployment.cycle();
        LocalDateTime future = now().plusSeconds(8); // a hand insert from a session in another zone, or clock skew
        insertStaff(90_001, future);
        insertSalesOrder(90_001, 90_001, now());

        cycleHoldingTheOracle();

        assertThat(staffRow(90_001)).isEqualTo(row(90_001, null, null, "t"));
        assertThat(ledger(2)).isEqualTo(row(1, 0, "{}"));
        Thread.sleep(java.time.Duration.between(now(), future).plusMillis(500).toMillis()); // the stamp is reached
        cycleHoldingTheOracle();
        assertThat(staffRow(90_001)).isEqualTo(row(90_001, "Late", "Arrival", "f"));
    }

    @Test
    void aFactWhoseStaffIsStampedInThePastLoadsAgainstAnInferredRowThatALaterEditCompletes() {
        deployment.cycle();
        insertStaff(90_002, LocalDateTime.of(2001, 1, 1, 0, 0)); // a data migration copying legacy stamps
        insertSalesOrder(90_002, 90_002, now());

        cycleHoldingTheOracle();

        assertThat(staffRow(90_002)).isEqualTo(row(90_002, null, null, "t"));
        change("UPDATE staff SET email_address = 'arrival@terrifictotes.com', last_updated = ? WHERE staff_id = ?",
                now(), 90_002);
        cycleHoldingTheOracle();
        assertThat(staffRow(90_002)).isEqualTo(row(90_002, "Late", "Arrival", "f"));
    }

    /**
     * Committed later than the overlap: the row's stamp was taken before the previous run's bound minus the overlap
     * (its transaction was open that long), so no window will ever cover it; here a design row, streamed without a
     * join. A later edit stamps it again and it arrives.
     */
    @Test
    void aFactWhoseDesignWasCommittedLaterThanTheOverlapLoadsAgainstAnInferredRowThatALaterEditCompletes() {
        deployment.cycle();
        LocalDateTime beforeTheLastWindow = now().minusMinutes(30); // the overlap re-reads 5 minutes back
        change("INSERT INTO design (design_id, created_at, design_name, file_location, file_name, last_updated)"
                + " VALUES (90003, ?, 'Late', '/late', 'late.json', ?)", beforeTheLastWindow, beforeTheLastWindow);
        change("UPDATE sales_order SET design_id = 90003, last_updated = ? WHERE sales_order_id = ?", now(), order);

        cycleHoldingTheOracle();

        assertThat(value(deployment.warehouse(), "SELECT design_id || ' ' || coalesce(design_name, 'NULL') || ' '"
                + " || is_inferred FROM dim_design WHERE design_id = 90003")).isEqualTo("90003 NULL true");
        change("UPDATE design SET last_updated = ? WHERE design_id = 90003", now());
        cycleHoldingTheOracle();
        assertThat(value(deployment.warehouse(), "SELECT design_name || ' ' || is_inferred FROM dim_design"
                + " WHERE design_id = 90003")).isEqualTo("Late false");
    }

    /**
     * A backdated correction: the current source row carries an older last_updated than a version already delivered
     * (a lost row-lock race, a hand correction). The dimension shows it, and so do the facts' current views.
     */
    @Test
    void aBackdatedCorrectionIsWhatTheDimensionAndTheCurrentViewsShow() {
        deployment.cycle();
        int staff = Integer.parseInt(value(toteSys, "SELECT min(staff_id) FROM staff"));
        LocalDateTime stamped = now();
        change("UPDATE staff SET first_name = 'Newer', last_updated = ? WHERE staff_id = ?", stamped, staff);
        change("UPDATE sales_order SET units_sold = 11, last_updated = ? WHERE sales_order_id = ?", stamped, order);
        cycleHoldingTheOracle();

        change("UPDATE staff SET first_name = 'Corrected', last_updated = ? WHERE staff_id = ?",
                stamped.minusSeconds(1), staff);
        change("UPDATE sales_order SET units_sold = 12, last_updated = ? WHERE sales_order_id = ?",
                stamped.minusSeconds(1), order);
        cycleHoldingTheOracle();

        assertThat(value(deployment.warehouse(), "SELECT first_name FROM dim_staff WHERE staff_id = " + staff))
                .isEqualTo("Corrected");
        assertThat(value(deployment.warehouse(), "SELECT units_sold || ' ' || etl_batch FROM fact_sales_order_current"
                + " WHERE sales_order_id = " + order)).isEqualTo("12 3");
        assertThat(value(deployment.warehouse(), "SELECT count(*) FROM fact_sales_order WHERE sales_order_id = "
                + order)).as("every version stays in the history").isEqualTo("3");
    }

    /** One cycle; every stage succeeded, and the warehouse and its current views are what the oracle computes. */
    private void cycleHoldingTheOracle() {
        CycleReport cycle = deployment.cycle();
        assertThat(cycle.runs()).extracting(StageRun::stage)
                .containsExactly(StageRun.Stage.EXTRACT, StageRun.Stage.TRANSFORM, StageRun.Stage.LOAD);
        assertHoldsEveryExtractedVersion(deployment);
        assertCurrentViewsShowTheLatestExtracted(deployment);
    }

    private void assertRejected(List<String> rows) {
        assertThat(WarehouseAssertions.sorted(com.terrifictotes.etl.testbed.expected.WarehouseContents.query(
                deployment.warehouse(), com.terrifictotes.etl.testbed.expected.WarehouseContents.REJECTED)))
                .as("etl_rejected_row: batch, table, key, column, superseded in batch").isEqualTo(rows);
    }

    /** The ledger's inferred and quarantined totals and its quarantined counts for batch {@code sequence}. */
    private String ledger(long sequence) {
        return value(deployment.warehouse(), "SELECT inferred_rows, quarantined_rows, quarantined::text"
                + " FROM load_ledger WHERE sequence = " + sequence);
    }

    private String staffRow(int id) {
        return value(deployment.warehouse(), "SELECT staff_id, first_name, last_name, is_inferred FROM dim_staff"
                + " WHERE staff_id = " + id);
    }

    private void insertStaff(int id, LocalDateTime stamp) {
        change("INSERT INTO staff (staff_id, first_name, last_name, department_id, email_address, created_at,"
                + " last_updated) SELECT ?, 'Late', 'Arrival', min(department_id), 'late@terrifictotes.com', ?, ?"
                + " FROM department", id, stamp, stamp);
    }

    private void insertSalesOrder(int id, int staff, LocalDateTime stamp) {
        change("INSERT INTO sales_order (sales_order_id, created_at, last_updated, design_id, staff_id,"
                + " counterparty_id, units_sold, unit_price, currency_id, agreed_delivery_date, agreed_payment_date,"
                + " agreed_delivery_location_id) SELECT ?, ?, ?, design_id, ?, counterparty_id, units_sold,"
                + " unit_price, currency_id, agreed_delivery_date, agreed_payment_date, agreed_delivery_location_id"
                + " FROM sales_order WHERE sales_order_id = ?", id, stamp, stamp, staff, order);
    }

    private void change(String sql, Object... parameters) {
        try (Connection connection = toteSys.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.execute();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot change the source: " + e.getMessage(), e);
        }
    }

    /** The application's clock: UTC wall time, as ToteSys stamps its rows. */
    private static LocalDateTime now() {
        return LocalDateTime.now(ZoneOffset.UTC);
    }

    private static String row(Object... cells) {
        String[] text = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            text[i] = cells[i] == null ? null : cells[i].toString();
        }
        return TableRows.textRow(text);
    }
}
