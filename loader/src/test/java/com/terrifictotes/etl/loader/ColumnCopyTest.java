package com.terrifictotes.etl.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import com.terrifictotes.etl.manifest.DataFile;
import com.terrifictotes.etl.testbed.servers.Database;
import com.terrifictotes.etl.testbed.servers.TestBed;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The loader's column-by-column encoding ({@link BinaryCopyEncoder} over {@code ParquetRowGroups}) against the
 * record path it replaced ({@link RecordCopyEncoder} over parquet-avro's records): the same lake files, copied both
 * ways into the staging table of a real warehouse, must be stored as exactly the same values, or refused alike.
 */
class ColumnCopyTest {
    private static final Database WAREHOUSE = TestBed.shared().createWarehouseDatabase();
    private static final WarehouseTable PAYMENT = WarehouseCatalogue.FACT_PAYMENT;
    private static final WarehouseTable STAFF = WarehouseCatalogue.DIM_STAFF;
    private static final WarehouseTable CURRENCY = WarehouseCatalogue.DIM_CURRENCY;

    private final LakeFileRows files = new LakeFileRows();

    @Test
    void storesWhatTheRecordPathStoredForRandomRowsOfEveryTableAndANullInEveryNullableColumn() throws SQLException {
        Random random = new Random(20261207L);
        for (WarehouseTable table : WarehouseCatalogue.TABLES) {
            List<Object[]> rows = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                rows.add(table.loadColumns().stream().map(c -> BinaryCopyEncoderTest.randomValue(c, random))
                        .toArray());
            }
            Object[] nulls = rows.get(0).clone();
            for (int i = 0; i < nulls.length; i++) {
                nulls[i] = table.loadColumns().get(i).nullable() ? null : nulls[i];
            }
            rows.add(nulls);
            DataFile file = files.write(table, rows);

            StagedRows columns = copy(table, columnData(table, file));

            assertThat(columns.refusal()).as(table.name()).isNull();
            assertThat(columns.rows()).as(table.name()).hasSize(rows.size())
                    .isEqualTo(copy(table, recordData(table, file)).rows());
        }
    }

    @Test
    void storesDecimalsAroundEveryBase10000DigitAndTheFirstAndLastDaysAsTheRecordPathDid() throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        List<LocalDate> dates = List.of(LocalDate.of(1, 1, 1), LocalDate.of(9999, 12, 31), LocalDate.of(1999, 12, 31),
                LocalDate.of(2000, 1, 1), LocalDate.of(1582, 10, 4), LocalDate.of(1970, 1, 1));
        List<LocalTime> times = List.of(LocalTime.MIDNIGHT, LocalTime.of(23, 59, 59, 999_000_000),
                LocalTime.of(0, 0, 0, 1_000_000), LocalTime.NOON);
        for (String amount : List.of("0", "0.00", "-0.01", "0.05", "0.5", "1", "-1", "9999.99", "10000", "10000.01",
                "99990000", "12345678.9", "99999999.99", "-99999999.99", "1E+3", "20000000.00", "-10000.00")) {
            int i = rows.size();
            rows.add(payment(i + 1, new BigDecimal(amount), dates.get(i % dates.size()), times.get(i % times.size())));
        }
        DataFile file = files.write(PAYMENT, rows);

        StagedRows columns = copy(PAYMENT, columnData(PAYMENT, file));

        assertThat(columns.rows()).hasSize(rows.size()).isEqualTo(copy(PAYMENT, recordData(PAYMENT, file)).rows());
        assertThat(columns.rows()).extracting(row -> row.get(7))
                .contains("0.00", "-0.01", "10000.01", "99990000.00", "99999999.99", "-99999999.99", "1000.00");
        assertThat(columns.rows().get(1)).contains("9999-12-31", "23:59:59.999");
        assertThat(columns.rows().get(0)).contains("0001-01-01", "00:00:00");
    }

    @Test
    void storesEmptyAndAwkwardUtf8TextAsTheRecordPathDid() throws SQLException {
        List<Object[]> rows = List.of(staff(1, "Ann", null), staff(2, "", ""),
                staff(3, "\"Quoted\", with comma\r\nand a break", "\\N"), staff(4, "Zoë 東京 😀", "NULL"),
                staff(5, "\u00a0\u200b\ufeff", "x"));
        DataFile file = files.write(STAFF, rows);

        StagedRows columns = copy(STAFF, columnData(STAFF, file));

        assertThat(columns.rows()).hasSize(5).isEqualTo(copy(STAFF, recordData(STAFF, file)).rows());
        assertThat(columns.rows().get(3).get(1)).isEqualTo("Zoë 東京 😀");
        assertThat(columns.rows().get(1).get(4)).isEmpty();
        assertThat(columns.rows().get(0).get(4)).isNull();
    }

    @Test
    void refusesTextTooLongAndANulWithTheRecordPathsSqlState() throws SQLException {
        DataFile currency = files.write(CURRENCY, List.<Object[]>of(new Object[] {1, "ABCD", "Too long"}));
        DataFile nul = files.write(STAFF, List.<Object[]>of(staff(1, "nul\u0000inside", "x")));

        for (Map.Entry<WarehouseTable, DataFile> refused : List.of(Map.entry(CURRENCY, currency),
                Map.entry(STAFF, nul))) {
            String byRecords = copy(refused.getKey(), recordData(refused.getKey(), refused.getValue())).refusal();

            assertThat(byRecords).as(refused.getKey().name()).isNotNull().startsWith("22");
            assertThat(copy(refused.getKey(), columnData(refused.getKey(), refused.getValue())).refusal())
                    .as(refused.getKey().name()).isEqualTo(byRecords);
        }
    }

    @Test
    void refusesADateBeforeYearOneNamingTheColumn() {
        DataFile file = files.write(PAYMENT, List.<Object[]>of(payment(1, BigDecimal.ONE, LocalDate.of(0, 6, 1),
                LocalTime.NOON)));

        assertThatThrownBy(() -> columnData(PAYMENT, file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("created_date").hasMessageContaining("outside years 1 to 9999");
    }

    /** The column path sends text as the file's bytes, undecoded: the server checks them as UTF-8, as it does text. */
    @Test
    void theServerRefusesBytesThatAreNotUtf8InABinaryCopyAsInText() throws IOException, SQLException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CopyBuffer out = new CopyBuffer(bytes, 100);
        BinaryCopyEncoder.begin(out);
        out.writeInt16(3);
        out.writeInt32(Integer.BYTES);
        out.writeInt32(1);
        byte[] code = "GBP".getBytes(StandardCharsets.US_ASCII);
        out.writeInt32(code.length);
        out.writeBytes(code, code.length);
        byte[] notUtf8 = {'P', 'o', 'u', 'n', 'd', (byte) 0xc3, '(', (byte) 0xff};
        out.writeInt32(notUtf8.length);
        out.writeBytes(notUtf8, notUtf8.length);
        BinaryCopyEncoder.end(out);
        out.flush();

        assertThat(copy(CURRENCY, bytes.toByteArray()).refusal()).isEqualTo("22021");
    }

    private byte[] columnData(WarehouseTable table, DataFile file) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CopyBuffer out = new CopyBuffer(bytes, 100); // small: values straddle the buffer's drains
        BinaryCopyEncoder encoder = BinaryCopyEncoder.of(table);
        try {
            BinaryCopyEncoder.begin(out);
            files.forEachRow(table, file, row -> {
                try {
                    encoder.write(row, out);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            BinaryCopyEncoder.end(out);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private byte[] recordData(WarehouseTable table, DataFile file) {
        return RecordCopyEncoder.of(table).copyData(files.records(table, file));
    }

    /** Copies binary COPY data into the table's staging table, then reads it back in order. */
    private static StagedRows copy(WarehouseTable table, byte[] data) throws SQLException {
        return StagedRows.copy(WAREHOUSE.dataSource(), table, "binary", data);
    }

    private static Object[] payment(int id, BigDecimal amount, LocalDate date, LocalTime time) {
        return new Object[] {id, date, time, date, time, 7, 8, amount, 1, 2, true, date};
    }

    private static Object[] staff(int id, String firstName, String location) {
        return new Object[] {id, firstName, "Smith", "Sales", location, "ann@t.com"};
    }
}
