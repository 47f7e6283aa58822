package com.terrifictotes.etl.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.terrifictotes.etl.catalogue.Column;
import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import com.terrifictotes.etl.lake.AvroSchemas;
import com.terrifictotes.etl.lake.Records;
import com.terrifictotes.etl.testbed.servers.Database;
import com.terrifictotes.etl.testbed.servers.TestBed;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/**
 * The binary COPY of records ({@link RecordCopyEncoder}) against the text COPY it replaced ({@link CopyRowEncoder}):
 * the same records, copied both ways into the staging table of a real warehouse, must be stored as the same values,
 * or refused both ways. {@code ColumnCopyTest} holds the loader's column-by-column encoding to the records' values.
 */
class BinaryCopyEncoderTest {
    private static final Database WAREHOUSE = TestBed.shared().createWarehouseDatabase();
    private static final WarehouseTable STAFF = WarehouseCatalogue.DIM_STAFF;
    private static final WarehouseTable PAYMENT = WarehouseCatalogue.FACT_PAYMENT;
    private static final WarehouseTable CURRENCY = WarehouseCatalogue.DIM_CURRENCY;

    @Test
    void storesTheSameValuesAsTheTextCopyForRandomRowsOfEveryTable() throws SQLException {
        Random random = new Random(20261206L);
        for (WarehouseTable table : WarehouseCatalogue.TABLES) {
            List<GenericRecord> records = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                Object[] values = table.loadColumns().stream().map(c -> randomValue(c, random)).toArray();
                records.add(Records.of(AvroSchemas.of(table), values));
            }

            StagedRows binary = copy(table, records, true);

            assertThat(binary.refusal()).as(table.name()).isNull();
            assertThat(binary.rows()).as(table.name()).hasSize(records.size())
                    .isEqualTo(copy(table, records, false).rows());
        }
    }

    @Test
    void storesDecimalsToTheCentEitherSideOfEveryBase10000DigitAsTheTextDoes() throws SQLException {
        List<GenericRecord> records = new ArrayList<>();
        for (String amount : List.of("0", "0.00", "-0.01", "0.05", "0.5", "1", "-1", "9999.99", "10000", "10000.01",
                "12345678.9", "99999999.99", "-99999999.99", "1E+3", "1.005", "0.004", "123.4567", "-0.001",
                "20000000.00")) {
            records.add(payment(records.size() + 1, new BigDecimal(amount), LocalDate.of(2024, 2, 29),
                    LocalTime.of(12, 0, 0, 1_000_000)));
        }

        StagedRows binary = copy(PAYMENT, records, true);

        assertThat(binary.rows()).hasSize(records.size()).isEqualTo(copy(PAYMENT, records, false).rows());
        assertThat(binary.rows()).extracting(row -> row.get(7))
                .contains("0.00", "-0.01", "10000.01", "12345678.90", "99999999.99", "-99999999.99", "1000.00",
                        "1.01", "123.46", "20000000.00");
    }

    @Test
    void storesTheFirstAndLastDaysAndMillisecondsOfTheDomainAsTheTextDoes() throws SQLException {
        List<GenericRecord> records = List.of(
                payment(1, BigDecimal.ONE, LocalDate.of(1, 1, 1), LocalTime.MIDNIGHT),
                payment(2, BigDecimal.ONE, LocalDate.of(9999, 12, 31), LocalTime.of(23, 59, 59, 999_000_000)),
                payment(3, BigDecimal.ONE, LocalDate.of(1999, 12, 31), LocalTime.of(0, 0, 0, 1_000_000)),
                payment(4, BigDecimal.ONE, LocalDate.of(2000, 1, 1), LocalTime.of(13, 14, 15, 160_000_000)),
                payment(5, BigDecimal.ONE, LocalDate.of(1582, 10, 4), LocalTime.NOON));

        StagedRows binary = copy(PAYMENT, records, true);

        assertThat(binary.rows()).hasSize(5).isEqualTo(copy(PAYMENT, records, false).rows());
        assertThat(binary.rows().get(1)).contains("9999-12-31", "23:59:59.999");
        assertThat(binary.rows().get(0)).contains("0001-01-01", "00:00:00");
    }

    @Test
    void storesNullEmptyAndAwkwardTextAsTheTextDoes() throws SQLException {
        List<GenericRecord> records = List.of(
                staff(1, "Ann", null), staff(2, "", ""), staff(3, "\"Quoted\", with comma\r\nand a break", "\\N"),
                staff(4, new Utf8("Zoë 東京 😀"), "NULL"), staff(5, new Utf8(""), "x"));

        StagedRows binary = copy(STAFF, records, true);

        assertThat(binary.rows()).hasSize(5).isEqualTo(copy(STAFF, records, false).rows());
        assertThat(binary.rows().get(0).get(4)).isNull();
        assertThat(binary.rows().get(1).get(4)).isEmpty();
        assertThat(binary.rows().get(3).get(1)).isEqualTo("Zoë 東京 😀");
    }

    @Test
    void refusesADecimalTooLongTextTooLongAndANulWithTheTextCopysSqlState() throws SQLException {
        Map<WarehouseTable, GenericRecord> refused = Map.of(
                PAYMENT, payment(1, new BigDecimal("100000000.00"), LocalDate.of(2024, 1, 1), LocalTime.NOON),
                CURRENCY, Records.of(AvroSchemas.of(CURRENCY), 1, "ABCD", "Too long"),
                STAFF, staff(1, "nul\u0000inside", "x"));
        for (Map.Entry<WarehouseTable, GenericRecord> each : refused.entrySet()) {
            WarehouseTable table = each.getKey();
            List<GenericRecord> records = List.of(each.getValue());
            String text = copy(table, records, false).refusal();

            assertThat(text).as(records.toString()).isNotNull().startsWith("22");
            assertThat(copy(table, records, true).refusal()).as(records.toString()).isEqualTo(text);
        }
    }

    @Test
    void refusesADateBeforeYearOneWhichTheServerRefusesAsText() throws SQLException {
        GenericRecord yearZero = payment(1, BigDecimal.ONE, LocalDate.of(0, 6, 1), LocalTime.NOON);

        assertThat(copy(PAYMENT, List.of(yearZero), false).refusal()).startsWith("22");
        assertThatThrownBy(() -> RecordCopyEncoder.of(PAYMENT).copyData(yearZero))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("created_date");
    }

    @Test
    void refusesANullInANotNullColumnNamingTheColumn() {
        GenericRecord noEmail = Records.of(AvroSchemas.of(STAFF), 5, "Ann", "Smith", "Sales", null, null);

        assertThatThrownBy(() -> RecordCopyEncoder.of(STAFF).copyData(noEmail))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("email_address");
    }

    @Test
    void sendsAFactsBatchAfterItsColumnsWhenCopiedStraightIn() throws SQLException {
        GenericRecord record = payment(1, BigDecimal.TEN, LocalDate.of(2024, 1, 1), LocalTime.NOON);
        try (Connection connection = WAREHOUSE.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute(FactForeignKeys.drop(PAYMENT)); // its dimension rows are not the point here
                connection.unwrap(PGConnection.class).getCopyAPI().copyIn(MergeSql.copyInto(PAYMENT),
                        new ByteArrayInputStream(RecordCopyEncoder.forBatch(PAYMENT, 42).copyData(record)));
                try (ResultSet row = statement.executeQuery("SELECT etl_batch, payment_amount FROM fact_payment")) {
                    assertThat(row.next()).isTrue();
                    assertThat(row.getInt(1)).isEqualTo(42);
                    assertThat(row.getBigDecimal(2)).isEqualByComparingTo("10");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                connection.rollback();
            }
        }
    }

    /** Copies the records into the table's staging table as binary or as the text it replaced, then reads them. */
    private static StagedRows copy(WarehouseTable table, List<GenericRecord> records, boolean binary)
            throws SQLException {
        return binary ? StagedRows.copy(WAREHOUSE.dataSource(), table, "binary", binaryData(table, records))
                : StagedRows.copy(WAREHOUSE.dataSource(), table, "csv", textData(table, records));
    }

    private static byte[] binaryData(WarehouseTable table, List<GenericRecord> records) {
        return RecordCopyEncoder.of(table).copyData(records);
    }

    private static byte[] textData(WarehouseTable table, List<GenericRecord> records) {
        CopyRowEncoder encoder = new CopyRowEncoder(table);
        StringBuilder text = new StringBuilder();
        records.forEach(record -> text.append(encoder.line(record)));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Values of the column's warehouse domain: what the transformer lets through to the loader. */
    static Object randomValue(Column column, Random random) {
        if (column.nullable() && random.nextInt(5) == 0) {
            return null;
        }
        return switch (column.type()) {
            case INTEGER -> switch (random.nextInt(4)) {
                case 0 -> Integer.MIN_VALUE + random.nextInt(3);
                case 1 -> Integer.MAX_VALUE - random.nextInt(3);
                default -> random.nextInt(2_000_001) - 1_000_000;
            };
            case TEXT -> randomText(random, 12);
            case VARCHAR_3 -> randomText(random, 4);
            case ENUM -> column.enumType().labels().get(random.nextInt(column.enumType().labels().size()));
            case DECIMAL_10_2 -> random.nextBoolean() ? BigDecimal.valueOf(random.nextLong() % 10_000_000_000L, 2)
                    : BigDecimal.valueOf(random.nextLong() % 100_000L * 100, 2).stripTrailingZeros(); // scale < 2 too
            case DATE -> randomDate(random);
            case TIME_MILLIS -> randomTime(random);
            case BOOLEAN -> random.nextBoolean();
            case TIMESTAMP_MILLIS -> randomDate(random).atTime(randomTime(random));
        };
    }

    private static LocalDate randomDate(Random random) {
        long first = LocalDate.of(1, 1, 1).toEpochDay();
        long last = LocalDate.of(9999, 12, 31).toEpochDay();
        return LocalDate.ofEpochDay(first + (random.nextLong() & Long.MAX_VALUE) % (last - first + 1));
    }

    private static LocalTime randomTime(Random random) {
        return LocalTime.ofNanoOfDay((random.nextLong() & Long.MAX_VALUE) % 86_400_000L * 1_000_000L);
    }

    /** Fewer than {@code bound} characters, as a String or as Parquet hands text over (Avro's Utf8). */
    private static CharSequence randomText(Random random, int bound) {
        String alphabet = "aZ9 ,\"\r\n\\'éë東京😀";
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(bound); i > 0; i--) {
            int at = random.nextInt(alphabet.length());
            text.append(Character.isSurrogate(alphabet.charAt(at)) ? "😀" : String.valueOf(alphabet.charAt(at)));
        }
        return random.nextBoolean() ? text.toString() : new Utf8(text.toString());
    }

    private static GenericRecord payment(int id, BigDecimal amount, LocalDate date, LocalTime time) {
        return Records.of(AvroSchemas.of(PAYMENT), id, date, time, date, time, 7, 8, amount, 1, 2, true, date);
    }

    private static GenericRecord staff(int id, CharSequence firstName, String location) {
        return Records.of(AvroSchemas.of(STAFF), id, firstName, "Smith", "Sales", location, "ann@t.com");
    }
}
