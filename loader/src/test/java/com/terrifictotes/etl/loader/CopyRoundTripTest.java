package com.terrifictotes.etl.loader;

import static org.assertj.core.api.Assertions.assertThat;

import com.terrifictotes.etl.catalogue.Column;
import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import com.terrifictotes.etl.lake.AvroSchemas;
import com.terrifictotes.etl.lake.Records;
import com.terrifictotes.etl.testbed.servers.Database;
import com.terrifictotes.etl.testbed.servers.TestBed;
import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/** What the encoder writes, PostgreSQL's COPY reads back as exactly the values that went in. */
class CopyRoundTripTest {
    private static final Database WAREHOUSE = TestBed.shared().createWarehouseDatabase();

    @Test
    void textSurvivesCopyWithNullDistinctFromEmptyAndAwkwardCharactersIntact() throws SQLException {
        WarehouseTable staff = WarehouseCatalogue.DIM_STAFF;
        List<Object[]> rows = List.of(
                new Object[] {1, "Ann", "Smith", "Sales", null, "a@t.com"},
                new Object[] {2, "Bo", "O'Keefe", "Sales", "", "b@t.com"},
                new Object[] {3, "\"Quoted\", with comma", "Line\r\nbreak", "NULL", "\\N", "Zoë ✓"});

        assertThat(roundTrip(staff, rows)).isEqualTo(asLists(rows));
    }

    @Test
    void numbersDatesTimesAndBooleansSurviveCopyToTheMillisecondAndTheCent() throws SQLException {
        WarehouseTable payment = WarehouseCatalogue.FACT_PAYMENT;
        List<Object[]> rows = List.of(
                new Object[] {1, LocalDate.of(2022, 11, 3), LocalTime.of(14, 20, 52, 186_000_000),
                        LocalDate.of(2024, 2, 29), LocalTime.of(0, 0), 7, 8, new BigDecimal("99999999.99"), 1, 2,
                        true, LocalDate.of(1999, 12, 31)},
                new Object[] {2, LocalDate.of(2023, 1, 1), LocalTime.of(23, 59, 59, 999_000_000),
                        LocalDate.of(2023, 1, 1), LocalTime.of(12, 0, 0, 1_000_000), 7, 8, new BigDecimal("0.05"), 1,
                        2, false, LocalDate.of(2023, 1, 2)});

        assertThat(roundTrip(payment, rows)).isEqualTo(asLists(rows));
    }

    private static List<List<Object>> roundTrip(WarehouseTable table, List<Object[]> rows) throws SQLException {
        CopyRowEncoder encoder = new CopyRowEncoder(table);
        StringBuilder copyText = new StringBuilder();
        for (Object[] row : rows) {
            GenericRecord record = Records.of(AvroSchemas.of(table), row);
            copyText.append(encoder.line(record));
        }
        List<Column> columns = table.loadColumns();
        List<Object[]> back = new ArrayList<>();
        try (Connection connection = WAREHOUSE.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute(MergeSql.createStaging(table));
                connection.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("COPY " + MergeSql.stagingTable(table) + " (" + table.loadColumnList()
                                + ") FROM STDIN (FORMAT csv)", new StringReader(copyText.toString()));
                try (ResultSet result = statement.executeQuery("SELECT " + table.loadColumnList() + " FROM "
                        + MergeSql.stagingTable(table) + " ORDER BY " + MergeSql.STAGE_ROW)) {
                    while (result.next()) {
                        Object[] row = new Object[columns.size()];
                        for (int i = 0; i < row.length; i++) {
                            row[i] = result.getObject(i + 1, columns.get(i).type().javaType());
                        }
                        back.add(row);
                    }
                }
            } catch (java.io.IOException e) {
                throw new SQLException(e);
            } finally {
                connection.rollback();
            }
        }
        return asLists(back);
    }

    private static List<List<Object>> asLists(List<Object[]> rows) {
        return rows.stream().map(Arrays::asList).toList();
    }
}
