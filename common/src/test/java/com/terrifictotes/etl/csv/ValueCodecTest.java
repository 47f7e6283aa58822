package com.terrifictotes.etl.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.terrifictotes.etl.catalogue.Column;
import com.terrifictotes.etl.catalogue.ColumnType;
import com.terrifictotes.etl.catalogue.ToteSysCatalogue;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class ValueCodecTest {
    private static final Column TEXT = Column.optional("address_line_2", ColumnType.TEXT);

    @Test
    void nullEmptyTextAndTextThatLooksLikeANullMarkerSurviveACsvRoundTripDistinctly() throws IOException {
        List<String> values = Arrays.asList(null, "", "NULL", "\\N", "null", " ", "\"\"", "O'Keefe, \"Jr\"",
                "line1\r\nline2", "Zoë Łódź São Paulo 東京");

        List<String> back = roundTrip(values);

        assertThat(back).containsExactlyElementsOf(values);
    }

    @Test
    void everyColumnTypeEncodesAndDecodesToTheSameJavaValue() {
        List<Object[]> cases = List.of(
                new Object[] {Column.required("a", ColumnType.INTEGER), -2147483648},
                new Object[] {Column.required("a", ColumnType.DECIMAL_10_2), new BigDecimal("99999999.99")},
                new Object[] {Column.required("a", ColumnType.DECIMAL_10_2), new BigDecimal("2.50")},
                new Object[] {Column.required("a", ColumnType.TIMESTAMP_MILLIS),
                        LocalDateTime.of(2022, 11, 3, 14, 20, 49, 962_000_000)},
                new Object[] {Column.required("a", ColumnType.TIMESTAMP_MILLIS), LocalDateTime.of(2023, 2, 16, 9, 26, 10)},
                new Object[] {Column.required("a", ColumnType.BOOLEAN), Boolean.FALSE},
                new Object[] {Column.required("a", ColumnType.DATE), LocalDate.of(2024, 2, 29)},
                new Object[] {Column.required("a", ColumnType.TIME_MILLIS), LocalTime.of(0, 0, 0, 1_000_000)},
                new Object[] {ToteSysCatalogue.PAYMENT_TYPE.column("payment_type_name"), "SALES_REFUND"});

        for (Object[] c : cases) {
            Column column = (Column) c[0];
            assertThat(ValueCodec.decode(column, ValueCodec.encode(column, c[1])))
                    .as("%s %s", column.type(), c[1]).isEqualTo(c[1]);
        }
    }

    @Test
    void timestampsWithZeroMillisecondsKeepTheirFractionInText() {
        Column column = Column.required("last_updated", ColumnType.TIMESTAMP_MILLIS);

        assertThat(ValueCodec.encode(column, LocalDateTime.of(2023, 2, 16, 9, 26, 10)))
                .isEqualTo("2023-02-16T09:26:10.000");
    }

    @Test
    void textThatIsNoValueOfItsColumnsKindIsRefusedWithTheColumnNamed() {
        assertThatThrownBy(() -> ValueCodec.decode(Column.required("units_sold", ColumnType.INTEGER), "12x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("units_sold").hasMessageContaining("12x");
        assertThatThrownBy(() -> ValueCodec.decode(Column.required("paid", ColumnType.BOOLEAN), "yes"))
                .hasMessageContaining("paid");
        assertThatThrownBy(() -> ValueCodec.decode(Column.required("unit_price", ColumnType.DECIMAL_10_2), "1.2.3"))
                .hasMessageContaining("unit_price").hasMessageContaining("1.2.3");
        assertThatThrownBy(() -> ValueCodec.decode(Column.required("units_sold", ColumnType.INTEGER),
                "99999999999999999999")).hasMessageContaining("units_sold");
    }

    @Test
    void decodesWhatTheTextIsAndLeavesWhatTheWarehouseCanHoldToTheWarehouseDomain() {
        Column price = Column.required("unit_price", ColumnType.DECIMAL_10_2);
        Column units = Column.required("units_sold", ColumnType.INTEGER);

        assertThat(ValueCodec.decode(price, "2.0900")).isEqualTo(new BigDecimal("2.0900"));
        assertThat(ValueCodec.decode(price, "123456789.1234")).isEqualTo(new BigDecimal("123456789.1234"));
        assertThat(ValueCodec.decode(price, "NaN")).isEqualTo(Double.NaN);
        assertThat(ValueCodec.decode(price, "-Infinity")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(ValueCodec.decode(units, "2147483647")).isEqualTo(Integer.MAX_VALUE);
        assertThat(ValueCodec.decode(units, "3000000000")).isEqualTo(3_000_000_000L);
        assertThat(ValueCodec.decode(ToteSysCatalogue.TRANSACTION.column("transaction_type"), "REFUND"))
                .as("a label added to the enum since the catalogue was written").isEqualTo("REFUND");
        assertThat(ValueCodec.decode(Column.required("city", ColumnType.TEXT), null))
                .as("a null in a column that lost its NOT NULL").isNull();
        assertThat(ValueCodec.decode(TEXT, null)).isNull();
    }

    private static List<String> roundTrip(List<String> values) throws IOException {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CsvDialect.FORMAT)) {
            printer.printRecord("value");
            for (String value : values) {
                printer.printRecord(ValueCodec.encode(TEXT, value));
            }
        }
        List<String> back = new ArrayList<>();
        try (CSVParser parser = CsvDialect.FORMAT.parse(new StringReader(out.toString()))) {
            List<CSVRecord> records = parser.getRecords();
            assertThat(records.get(0).get(0)).isEqualTo("value");
            for (CSVRecord record : records.subList(1, records.size())) {
                back.add((String) ValueCodec.decode(TEXT, record.get(0)));
            }
        }
        return back;
    }
}
