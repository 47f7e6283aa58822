package com.terrifictotes.etl.transformer;

import static org.assertj.core.api.Assertions.assertThat;

import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.catalogue.ToteSysCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import com.terrifictotes.etl.csv.CsvDialect;
import com.terrifictotes.etl.manifest.ProcessedManifest;
import com.terrifictotes.etl.testbed.servers.Database;
import com.terrifictotes.etl.testbed.servers.TestBed;
import com.terrifictotes.etl.transformer.IngestionFixture.Tamper;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A value the warehouse cannot hold, in a file that is otherwise fine, is row-level: its row version is quarantined
 * (one etl_rejected_row record naming table, key, column, reason and value), the rest of the batch is published as a
 * clean batch would be, and nothing stops. Each case changes one field of one line of a first batch.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QuarantineTest {
    private final TestBed bed = TestBed.shared();
    private Database source;
    private ProcessedZone clean;

    /**
     * One value of line 3 of a table's CSV replaced (null: NULL), what the quarantine must then say, and the
     * warehouse table that loses the row (a join table's: rows, as rows joined to it wait for it).
     */
    record BadValue(SourceTable table, String column, String value, String reason, WarehouseTable target) {
        @Override
        public String toString() {
            return table.name() + "." + column + " = " + (value == null ? "NULL" : "'" + value + "'");
        }

        boolean joinTable() {
            return JoinState.TABLES.contains(table);
        }
    }

    static List<BadValue> badValues() {
        WarehouseTable payments = WarehouseCatalogue.FACT_PAYMENT;
        WarehouseTable sales = WarehouseCatalogue.FACT_SALES_ORDER;
        return List.of(
                new BadValue(ToteSysCatalogue.PAYMENT, "payment_amount", "12.3x", "cannot parse '12.3x'", payments),
                new BadValue(ToteSysCatalogue.PAYMENT, "payment_amount", "NaN", "NaN is not a number", payments),
                new BadValue(ToteSysCatalogue.SALES_ORDER, "unit_price", "2.0912",
                        "2.0912 has 4 decimal places; numeric(10,2) keeps 2 and would round it", sales),
                new BadValue(ToteSysCatalogue.SALES_ORDER, "agreed_delivery_date", "2024-02-30",
                        "'2024-02-30' is not a calendar date", sales),
                new BadValue(ToteSysCatalogue.SALES_ORDER, "agreed_delivery_date", "0000-01-01",
                        "0000-01-01 is outside the warehouse's dates (0001-01-01 to 9999-12-31)", sales),
                new BadValue(ToteSysCatalogue.SALES_ORDER, "units_sold", "3000000000",
                        "3000000000 is outside the warehouse's integer range", sales),
                new BadValue(ToteSysCatalogue.PURCHASE_ORDER, "item_code", null,
                        "fact_purchase_order.item_code: is NOT NULL in the warehouse", WarehouseCatalogue
                        .FACT_PURCHASE_ORDER),
                new BadValue(ToteSysCatalogue.CURRENCY, "currency_code", "GBPX",
                        "'GBPX' is 4 characters long; varchar(3) holds 3", WarehouseCatalogue.DIM_CURRENCY),
                new BadValue(ToteSysCatalogue.DESIGN, "design_name", null,
                        "dim_design.design_name: is NOT NULL in the warehouse", WarehouseCatalogue.DIM_DESIGN),
                new BadValue(ToteSysCatalogue.ADDRESS, "city", null, "dim_location.city: is NOT NULL",
                        WarehouseCatalogue.DIM_LOCATION),
                new BadValue(ToteSysCatalogue.STAFF, "department_id", null, "department_id is null",
                        WarehouseCatalogue.DIM_STAFF),
                new BadValue(ToteSysCatalogue.DEPARTMENT, "department_name", null,
                        "dim_staff.department_name: is NOT NULL in the warehouse", WarehouseCatalogue.DIM_STAFF),
                new BadValue(ToteSysCatalogue.SALES_ORDER, "sales_order_id", "x17",
                        "cannot parse 'x17', so the row version cannot be identified", sales),
                new BadValue(ToteSysCatalogue.SALES_ORDER, "last_updated", "yesterday",
                        "so the row version cannot be identified", sales));
    }

    @BeforeAll
    void transformACleanBatchForReference() {
        source = SmallToteSys.create(61L, 60);
        IngestionFixture extractor = new IngestionFixture(source.dataSource(), bed.s3(),
                bed.createBucket("clean-ingestion"));
        clean = new ProcessedZone(bed.s3(), bed.createBucket("clean-processed"));
        extractor.extract();
        service(extractor, clean).transformPending(OptionalLong.empty());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badValues")
    void aValueTheWarehouseCannotHoldQuarantinesItsVersionAndTheBatchGoesOn(BadValue bad) {
        IngestionFixture extractor = new IngestionFixture(source.dataSource(), bed.s3(),
                bed.createBucket("quarantine-ingestion"));
        ProcessedZone processed = new ProcessedZone(bed.s3(), bed.createBucket("quarantine-processed"));
        String[] id = new String[1];
        extractor.extract(Map.of(bad.table().name(), Tamper.content(line(3, row -> {
            List<String> fields = fields(row);
            id[0] = fields.get(0);
            fields.set(bad.table().columnIndex(bad.column()), bad.value());
            return csvLine(fields);
        }))));
        if (bad.column().equals(bad.table().primaryKey())) {
            id[0] = bad.value();
        }

        List<BatchReport> reports = service(extractor, processed).transformPending(OptionalLong.empty());

        assertThat(reports).extracting(BatchReport::outcome).containsExactly(BatchReport.Outcome.TRANSFORMED);
        ProcessedManifest manifest = processed.manifest(1);
        assertThat(manifest.quarantined()).isEqualTo(Map.of(bad.table().name(), 1L));
        assertThat(manifest.schemaVersion()).isEqualTo(WarehouseCatalogue.SCHEMA_VERSION);
        List<List<Object>> rejected = processed.rows(1, WarehouseCatalogue.ETL_REJECTED_ROW.name());
        assertThat(rejected).singleElement().satisfies(row -> {
            assertThat(row.subList(0, 4)).containsExactly(1, bad.table().name(), id[0], bad.column());
            assertThat(row.get(5)).isEqualTo(WarehouseCatalogue.STAGE_TRANSFORM);
            assertThat((String) row.get(6)).contains(bad.reason());
            assertThat(row.get(7)).isEqualTo(bad.value());
            assertThat(row.subList(8, 10)).containsOnlyNulls();
        });
        for (WarehouseTable table : WarehouseCatalogue.starSchema()) {
            List<List<Object>> expected = clean.rows(1, table.name());
            List<List<Object>> actual = processed.rows(1, table.name());
            if (table == bad.target()) {
                assertThat(actual).as(table.name()).hasSizeLessThan(expected.size()).isSubsetOf(expected);
                if (!bad.joinTable() || bad.table() != ToteSysCatalogue.DEPARTMENT) {
                    assertThat(actual).as(table.name()).hasSize(expected.size() - 1);
                }
            } else if (table == WarehouseCatalogue.DIM_DATE || bad.joinTable() && !table.isFact()) {
                assertThat(actual).as("%s: rows of accepted versions, and rows joined to them", table.name())
                        .isSubsetOf(expected);
            } else {
                assertThat(actual).as(table.name()).isEqualTo(expected);
            }
        }
    }

    private TransformerService service(IngestionFixture extractor, ProcessedZone processed) {
        return new TransformerService(bed.s3(), TransformerSettings.forBuckets(extractor.bucket().name(),
                processed.bucket.name()));
    }

    /** The values of one CSV line of the dialect (null for NULL). */
    static List<String> fields(String line) {
        try (CSVParser parser = CsvDialect.FORMAT.parse(new StringReader(line))) {
            List<String> values = new ArrayList<>();
            parser.getRecords().get(0).forEach(values::add);
            return values;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One CSV line of the dialect, without its line break. */
    static String csvLine(List<String> values) {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CsvDialect.FORMAT)) {
            printer.printRecord(values);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString().replace("\r\n", "");
    }

    /** Rewrites line {@code number} (1 = the header) of CRLF-separated CSV text. */
    static UnaryOperator<String> line(int number, UnaryOperator<String> change) {
        return csv -> {
            String[] lines = csv.split("\r\n", -1);
            lines[number - 1] = change.apply(lines[number - 1]);
            return String.join("\r\n", lines);
        };
    }
}
