package com.terrifictotes.etl.extractor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.terrifictotes.etl.catalogue.ToteSysCatalogue;
import com.terrifictotes.etl.error.BadInputException;
import com.terrifictotes.etl.extractor.ExtractionResult.Outcome;
import com.terrifictotes.etl.testbed.lambda.InvocationContext;
import com.terrifictotes.etl.testbed.lambda.StandardOutput;
import com.terrifictotes.etl.testbed.servers.Database;
import com.terrifictotes.etl.testbed.servers.SecretsManagerStandIn;
import com.terrifictotes.etl.testbed.servers.TestBed;
import com.terrifictotes.etl.testbed.source.ToteSysGenerator;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Schema drift on a real ToteSys database: drift the extractor can carry publishes, with one warning per drift and
 * one metric per kind; drift it cannot carry stops the run before any row is read, naming table, column and cause.
 */
class SchemaDriftTest {
    private static Database seeded;
    /** For the refused runs, which read no row: two rows, so a run that went on would write something. */
    private static Database small;

    @BeforeAll
    static void seedOnce() throws SQLException {
        seeded = TestBed.shared().createToteSysDatabase();
        ToteSysGenerator.seed(seeded.dataSource(), 1, 7);
        small = TestBed.shared().createToteSysDatabase();
        try (Connection connection = small.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO currency VALUES (1, 'GBP', now(), now())");
            statement.execute("INSERT INTO department VALUES (1, 'Sales', 'Leeds', 'Ann', now(), now())");
        }
    }

    @Test
    void anExtraSourceColumnIsLeftOutAndTheRestIsExtracted() {
        ExtractionBed bed = ExtractionBed.copyOf(seeded);
        bed.execute("ALTER TABLE staff ADD COLUMN nickname text DEFAULT 'secret nickname'");
        RecordedMetrics metrics = new RecordedMetrics();

        ExtractionResult result = bed.service(bed.s3, bed.settings(), metrics).run();

        assertThat(result.rows().get("staff")).isPositive();
        assertThat(result.schemaDrift()).containsExactly("table staff has column nickname (text), which the"
                + " catalogue does not know; it is not extracted");
        assertThat(metrics.schemaDrift).containsExactly(Map.of("new_column", 1));
        assertThat(bed.manifest(1).table("staff").orElseThrow().columns())
                .containsExactlyElementsOf(ToteSysCatalogue.STAFF.columnNames());
        assertThat(bed.deliveredRows("staff")).allSatisfy(row -> assertThat(row)
                .doesNotContainKey("nickname").doesNotContainValue("secret nickname"));
    }

    @Test
    void aNewEnumLabelIsDeliveredAsTextWithAWarningNamingTheLabel() {
        ExtractionBed bed = ExtractionBed.copyOf(seeded);
        bed.execute("ALTER TYPE \"TransactionType\" ADD VALUE 'REFUND'");
        bed.execute("UPDATE transaction SET transaction_type = 'REFUND' WHERE transaction_id = 1");
        RecordedMetrics metrics = new RecordedMetrics();

        ExtractionResult result = bed.service(bed.s3, bed.settings(), metrics).run();

        assertThat(result.outcome()).isEqualTo(Outcome.PUBLISHED);
        assertThat(result.schemaDrift()).containsExactly("table transaction column transaction_type: enum"
                + " \"TransactionType\" has label REFUND, which the catalogue does not know; it is delivered as text,"
                + " like every label");
        assertThat(metrics.schemaDrift).containsExactly(Map.of("new_enum_label", 1));
        assertThat(cell(bed, "transaction", 1, "transaction_type")).isEqualTo("REFUND");
        assertThat(bed.deliveredRows("transaction")).hasSameSizeAs(bed.sourceVersions("transaction"));
    }

    @Test
    void widenedTypesDeliverTheSourcesValuesAsItPrintsThem() {
        ExtractionBed bed = ExtractionBed.copyOf(seeded);
        bed.execute("ALTER TABLE payment ALTER COLUMN payment_amount TYPE numeric(12,4)");
        bed.execute("UPDATE payment SET payment_amount = 2.09 WHERE payment_id = 1");
        bed.execute("UPDATE payment SET payment_amount = 'NaN' WHERE payment_id = 2");
        bed.execute("ALTER TABLE sales_order ALTER COLUMN units_sold TYPE bigint");
        bed.execute("UPDATE sales_order SET units_sold = 3000000000 WHERE sales_order_id = 1");
        bed.execute("ALTER TABLE currency ALTER COLUMN currency_code TYPE varchar(10)");
        bed.execute("UPDATE currency SET currency_code = 'GBPX' WHERE currency_id = 1");
        bed.execute("ALTER TABLE payment_type ALTER COLUMN payment_type_name TYPE text");
        bed.execute("UPDATE payment_type SET payment_type_name = 'GIFT CARD' WHERE payment_type_id = 1");
        bed.execute("ALTER TABLE staff ALTER COLUMN created_at TYPE timestamp(6)");
        bed.execute("UPDATE staff SET created_at = '2022-11-03 14:20:52.123456' WHERE staff_id = 1");
        RecordedMetrics metrics = new RecordedMetrics();

        ExtractionResult result = bed.service(bed.s3, bed.settings(), metrics).run();

        assertThat(result.schemaDrift()).hasSize(5).allSatisfy(w -> assertThat(w).contains("wider than the catalogue's"));
        assertThat(result.schemaDrift()).anySatisfy(w -> assertThat(w).startsWith(
                "table payment column payment_amount is now numeric(12,4), wider than the catalogue's numeric(10,2)"));
        assertThat(metrics.schemaDrift).containsExactly(Map.of("widened_type", 5));
        assertThat(cell(bed, "payment", 1, "payment_amount")).isEqualTo("2.0900");
        assertThat(cell(bed, "payment", 2, "payment_amount")).isEqualTo("NaN");
        assertThat(cell(bed, "sales_order", 1, "units_sold")).isEqualTo("3000000000");
        assertThat(cell(bed, "currency", 1, "currency_code")).isEqualTo("GBPX");
        assertThat(cell(bed, "payment_type", 1, "payment_type_name")).isEqualTo("GIFT CARD");
        assertThat(cell(bed, "staff", 1, "created_at")).isEqualTo("2022-11-03T14:20:52.123456");
        assertThat(bed.deliveredRows("payment")).hasSameSizeAs(bed.sourceVersions("payment"));
    }

    @Test
    void aColumnThatLostNotNullDeliversItsNullsAsNull() {
        ExtractionBed bed = ExtractionBed.copyOf(seeded);
        bed.execute("ALTER TABLE staff ALTER COLUMN email_address DROP NOT NULL");
        bed.execute("UPDATE staff SET email_address = NULL WHERE staff_id = 2");
        RecordedMetrics metrics = new RecordedMetrics();

        ExtractionResult result = bed.service(bed.s3, bed.settings(), metrics).run();

        assertThat(result.schemaDrift()).containsExactly("table staff column email_address lost NOT NULL; a NULL is"
                + " delivered as NULL");
        assertThat(metrics.schemaDrift).containsExactly(Map.of("nullable_column", 1));
        assertThat(cell(bed, "staff", 2, "email_address")).isNull();
        assertThat(cell(bed, "staff", 3, "email_address")).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ALTER TABLE staff DROP COLUMN email_address | table staff has no column email_address (dropped or renamed)
            ALTER TABLE staff RENAME COLUMN email_address TO email | table staff has no column email_address (dropped or renamed; the source has email, which the catalogue does not know)
            DROP TABLE payment | table payment does not exist
            ALTER TABLE sales_order ALTER COLUMN units_sold TYPE text | table sales_order column units_sold is now text: it does not convert to the catalogue's integer
            ALTER TABLE payment ALTER COLUMN paid TYPE text | table payment column paid is now text: it does not convert to the catalogue's boolean
            ALTER TABLE staff ALTER COLUMN last_updated TYPE timestamptz | table staff column last_updated is now timestamp with time zone: a timestamp with time zone is an instant
            ALTER TABLE design ALTER COLUMN created_at TYPE date | table design column created_at is now date: it does not convert to the catalogue's timestamp(3) without time zone
            ALTER TABLE currency ALTER COLUMN currency_code TYPE char(3) | table currency column currency_code is now character(3): character(n) pads values with blanks
            ALTER TABLE payment ALTER COLUMN payment_amount TYPE double precision | table payment column payment_amount is now double precision: floating point holds money inexactly
            ALTER TABLE payment ALTER COLUMN payment_id TYPE bigint | table payment column payment_id is now bigint: it is the primary key
            ALTER TABLE currency ALTER COLUMN last_updated DROP NOT NULL | table currency column last_updated lost NOT NULL: it is the extraction cursor
            """)
    void driftThatCannotBeCarriedStopsTheRunBeforeAnyRowIsReadNamingTableColumnAndCause(String ddl,
                                                                                        String message) {
        ExtractionBed bed = ExtractionBed.copyOf(small);
        bed.execute(ddl);
        List<String> statements = new CopyOnWriteArrayList<>();
        ExtractionService service = new ExtractionService(bed.s3, recording(bed.database.dataSource(), statements),
                bed.settings(), Clock.systemUTC(), RunMetrics.discarding());

        assertThatThrownBy(service::run)
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("source schema drift the extractor cannot carry, so nothing was read or"
                        + " written: ")
                .hasMessageContaining(message)
                .hasMessageEndingWith("(see \"Schema drift\" in extractor/README.md)");
        assertThat(bed.keys()).isEmpty();
        assertThat(statements).isNotEmpty().noneMatch(sql -> ToteSysCatalogue.TABLES.stream()
                .anyMatch(table -> sql.contains("FROM " + table.quotedName())));
    }

    @Test
    void everyDriftThatCannotBeCarriedIsNamedInTheOneError() {
        ExtractionBed bed = ExtractionBed.copyOf(small);
        bed.execute("ALTER TABLE staff DROP COLUMN email_address");
        bed.execute("ALTER TABLE payment ALTER COLUMN paid TYPE text");
        bed.execute("ALTER TABLE staff ADD COLUMN nickname text");

        assertThatThrownBy(bed::run).isInstanceOf(BadInputException.class)
                .hasMessageContaining("table staff has no column email_address (dropped or renamed; the source has"
                        + " nickname, which the catalogue does not know)")
                .hasMessageContaining("table payment column paid is now text");
        assertThat(bed.keys()).isEmpty();
    }

    @Test
    void tablesOutsideTheCatalogueAreNeverRead() {
        ExtractionBed bed = ExtractionBed.copyOf(seeded);
        bed.execute("CREATE TABLE audit_log (id serial PRIMARY KEY, last_updated timestamp(3) NOT NULL)");
        bed.execute("INSERT INTO audit_log (last_updated) VALUES (now())");

        ExtractionResult result = bed.run();

        assertThat(result.rows()).doesNotContainKeys("audit_log", "_prisma_migrations")
                .hasSize(ToteSysCatalogue.TABLES.size());
        assertThat(result.schemaDrift()).isEmpty();
        assertThat(bed.keys()).noneMatch(key -> key.contains("audit_log") || key.contains("prisma"));
    }

    @Test
    void throughTheHandlerEachCarriedDriftIsLoggedOncePerRunAndCountedOncePerRunPerKind() throws Exception {
        ExtractionBed bed = ExtractionBed.copyOf(seeded);
        bed.execute("ALTER TABLE staff ADD COLUMN nickname text");
        bed.execute("ALTER TABLE staff ADD COLUMN pronouns text");
        bed.execute("ALTER TYPE \"TransactionType\" ADD VALUE 'REFUND'");
        ScheduledEvent event = EventLoader.loadScheduledEvent("events/scheduled.json");
        try (SecretsManagerStandIn secrets = new SecretsManagerStandIn()) {
            secrets.put("totes/totesys", bed.database.secretJson());
            ExtractorHandler handler = new ExtractorHandler(Map.of("TOTESYS_SECRET_ID", "totes/totesys",
                    "INGESTION_BUCKET", bed.bucket, "DB_SSLMODE", "disable"), bed.s3, secrets.client(),
                    Clock.systemUTC());

            List<String> lines = StandardOutput.capture(() -> {
                assertThat(handler.handleRequest(event, InvocationContext.of("totes-etl-extractor")).outcome())
                        .isEqualTo(Outcome.PUBLISHED);
                assertThat(handler.handleRequest(event, InvocationContext.of("totes-etl-extractor")).outcome())
                        .isEqualTo(Outcome.NOTHING_NEW);
            });

            // two runs over many rows: each of the three drifts logged once per run, each kind counted once
            assertThat(lines.stream().filter(l -> l.contains("source schema drift carried")))
                    .hasSize(6)
                    .filteredOn(l -> l.contains("table staff has column nickname")).hasSize(2)
                    .allSatisfy(l -> assertThat(l).contains("\"drift_kind\":\"new_column\"", "\"column\":\"nickname\""));
            List<String> metrics = lines.stream().filter(l -> l.contains("\"SchemaDriftWarnings\"")).toList();
            assertThat(metrics).hasSize(4);
            assertThat(metrics).filteredOn(l -> l.contains("\"Kind\":\"new_column\"")).hasSize(2)
                    .allSatisfy(l -> assertThat(l).contains("\"SchemaDriftWarnings\":2"));
            assertThat(metrics).filteredOn(l -> l.contains("\"Kind\":\"new_enum_label\"")).hasSize(2)
                    .allSatisfy(l -> assertThat(l).contains("\"SchemaDriftWarnings\":1"));
        }
    }

    /** The delivered CSV cell of one row (the only version delivered). */
    private static String cell(ExtractionBed bed, String table, int id, String column) {
        String key = ToteSysCatalogue.table(table).primaryKey();
        List<Map<String, String>> rows = bed.deliveredRows(table).stream()
                .filter(row -> row.get(key).equals(Integer.toString(id))).toList();
        assertThat(rows).as("%s %d delivered", table, id).hasSize(1);
        return rows.get(0).get(column);
    }

    /** A data source whose connections record the SQL of every statement they prepare or create. */
    private static DataSource recording(DataSource real, List<String> statements) {
        return (DataSource) Proxy.newProxyInstance(SchemaDriftTest.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    Object result = invoke(real, method, args);
                    return method.getName().equals("getConnection") ? recording((Connection) result, statements)
                            : result;
                });
    }

    private static Connection recording(Connection real, List<String> statements) {
        return (Connection) Proxy.newProxyInstance(SchemaDriftTest.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().startsWith("prepare") && args != null && args[0] instanceof String sql) {
                        statements.add(sql);
                    }
                    if (method.getName().equals("unwrap")) {
                        statements.add("unwrap " + args[0]); // the COPY path
                    }
                    return invoke(real, method, args);
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
