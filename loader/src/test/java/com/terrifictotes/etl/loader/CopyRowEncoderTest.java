package com.terrifictotes.etl.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import com.terrifictotes.etl.lake.AvroSchemas;
import com.terrifictotes.etl.lake.Records;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.Test;

/** The tests' text COPY reference ({@link CopyRowEncoder}): NULL, quoting, and each type's text. */
class CopyRowEncoderTest {
    private static final WarehouseTable STAFF = WarehouseCatalogue.DIM_STAFF;
    private static final WarehouseTable PAYMENT = WarehouseCatalogue.FACT_PAYMENT;

    @Test
    void writesNullAsAnUnquotedEmptyFieldAndEmptyTextAsTwoQuotes() {
        GenericRecord nullLocation = staff(1, "Ann", null);
        GenericRecord emptyLocation = staff(1, "Ann", "");

        assertThat(line(STAFF, nullLocation)).isEqualTo("\"1\",\"Ann\",\"Smith\",\"Sales\",,\"ann@t.com\"\n");
        assertThat(line(STAFF, emptyLocation)).isEqualTo("\"1\",\"Ann\",\"Smith\",\"Sales\",\"\",\"ann@t.com\"\n");
    }

    @Test
    void quotesEveryValueSoNullLookAlikesStayText() {
        assertThat(line(STAFF, staff(2, "NULL", "\\N"))).startsWith("\"2\",\"NULL\",").contains(",\"\\N\",");
    }

    @Test
    void doublesQuotesAndKeepsCommasAndLineBreaksInsideTheField() {
        String line = line(STAFF, staff(3, "O\"Keefe, Jr.\r\nsecond line", "Leds"));

        assertThat(line).startsWith("\"3\",\"O\"\"Keefe, Jr.\r\nsecond line\",\"Smith\"");
    }

    @Test
    void acceptsAvroUtf8TextAsReadFromParquet() {
        assertThat(line(STAFF, staff(4, new Utf8("Zoë"), "Manchester"))).contains("\"Zoë\"");
    }

    @Test
    void writesDecimalsPlainWithTheirScaleDatesIsoTimesWithMillisecondsAndBooleansAsWords() {
        GenericRecord payment = Records.of(AvroSchemas.of(PAYMENT),
                7, LocalDate.of(2022, 11, 3), LocalTime.of(14, 20, 52, 186_000_000),
                LocalDate.of(2024, 2, 29), LocalTime.of(9, 5),
                12, 5, new BigDecimal("1E+3").setScale(2), 1, 3, true, LocalDate.of(2024, 3, 1));

        assertThat(line(PAYMENT, payment)).isEqualTo("\"7\",\"2022-11-03\",\"14:20:52.186\",\"2024-02-29\","
                + "\"09:05:00.000\",\"12\",\"5\",\"1000.00\",\"1\",\"3\",\"true\",\"2024-03-01\"\n");
    }

    @Test
    void keepsEveryDigitOfASmallDecimalAndFalseAsFalse() {
        GenericRecord payment = Records.of(AvroSchemas.of(PAYMENT),
                8, LocalDate.of(2023, 1, 1), LocalTime.MIDNIGHT, LocalDate.of(2023, 1, 1), LocalTime.MIDNIGHT,
                1, 1, new BigDecimal("0.05"), 1, 1, false, LocalDate.of(2023, 1, 2));

        assertThat(line(PAYMENT, payment)).contains(",\"0.05\",").contains(",\"false\",")
                .contains(",\"00:00:00.000\",");
    }

    @Test
    void refusesANullInANotNullColumnNamingTheColumn() {
        GenericRecord noEmail = Records.of(AvroSchemas.of(STAFF), 5, "Ann", "Smith", "Sales", null, null);

        assertThatThrownBy(() -> line(STAFF, noEmail))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("email_address");
    }

    @Test
    void writesTextReadFromParquetAsItsOwnUtf8Bytes() {
        Utf8 text = new Utf8("\"Zoë\", 東京 😀");

        assertThat(line(STAFF, staff(9, text, "x"))).startsWith("\"9\",\"\"\"Zoë\"\", 東京 😀\",");
    }

    private static GenericRecord staff(int id, CharSequence firstName, String location) {
        return Records.of(AvroSchemas.of(STAFF), id, firstName, "Smith", "Sales", location, "ann@t.com");
    }

    private static String line(WarehouseTable table, GenericRecord record) {
        return new CopyRowEncoder(table).line(record);
    }
}
