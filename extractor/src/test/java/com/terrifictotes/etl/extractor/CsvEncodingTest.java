package com.terrifictotes.etl.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import com.terrifictotes.etl.catalogue.Column;
import com.terrifictotes.etl.catalogue.ColumnType;
import com.terrifictotes.etl.catalogue.ToteSysCatalogue;
import com.terrifictotes.etl.csv.CsvDialect;
import com.terrifictotes.etl.csv.ValueCodec;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** The extractor's CSV path (catalogue value → ValueCodec → CsvParts' printer) read back in the same dialect. */
class CsvEncodingTest {
    private static final Column TEXT = Column.optional("district", ColumnType.TEXT);

    @Test
    void nullEmptyTextAndTextThatLooksLikeANullMarkerStayDistinct() throws IOException {
        List<String> values = Arrays.asList(null, "", "NULL", "null", "\\N", "N/A", " ", "\"\"");

        List<Object> back = roundTrip(TEXT, values);

        assertThat(back).containsExactlyElementsOf(values);
        assertThat(back.get(0)).isNull();
        assertThat(back.get(1)).isEqualTo("");
    }

    @Test
    void delimitersQuotesLineBreaksAndNonAsciiTextSurvive() throws IOException {
        List<String> values = List.of("O'Keefe, \"Jr\"", "line one\r\nline two", "tab\there", "lone\rcarriage",
                "Zürich – São Paulo – 東京 – 🙂", "trailing space ", ",", "\"", "a\nb");

        assertThat(roundTrip(TEXT, values)).containsExactlyElementsOf(values);
    }

    @Test
    void everyColumnTypeOfTheCatalogueRoundTrips() throws IOException {
        Column money = ToteSysCatalogue.SALES_ORDER.column("unit_price");
        Column stamp = ToteSysCatalogue.SALES_ORDER.column("last_updated");
        Column flag = ToteSysCatalogue.PAYMENT.column("paid");
        Column kind = ToteSysCatalogue.PAYMENT_TYPE.column("payment_type_name");
        Column id = ToteSysCatalogue.SALES_ORDER.column("sales_order_id");

        assertThat(roundTrip(money, List.of(new BigDecimal("3.10"), new BigDecimal("99999999.99"))))
                .containsExactly(new BigDecimal("3.10"), new BigDecimal("99999999.99"));
        assertThat(roundTrip(stamp, List.of(LocalDateTime.of(2022, 11, 3, 14, 20, 52, 0),
                LocalDateTime.of(2022, 11, 3, 14, 20, 52, 186_000_000))))
                .containsExactly(LocalDateTime.of(2022, 11, 3, 14, 20, 52, 0),
                        LocalDateTime.of(2022, 11, 3, 14, 20, 52, 186_000_000));
        assertThat(roundTrip(flag, List.of(true, false))).containsExactly(true, false);
        assertThat(roundTrip(kind, List.of("SALES_RECEIPT"))).containsExactly("SALES_RECEIPT");
        assertThat(roundTrip(id, List.of(1, Integer.MAX_VALUE))).containsExactly(1, Integer.MAX_VALUE);
    }

    @Test
    void writesAHeaderRowQuotesEveryValueAndLeavesNullAsAnEmptyUnquotedField() throws IOException {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = CsvParts.printer(out, "a", "b", "c")) {
            printer.printRecord("x", null, "");
        }

        assertThat(out.toString()).isEqualTo("\"a\",\"b\",\"c\"\r\n\"x\",,\"\"\r\n");
    }

    @Test
    void timestampsKeepTheirMillisecondsEvenWhenZero() throws IOException {
        Column stamp = ToteSysCatalogue.SALES_ORDER.column("created_at");
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = CsvParts.printer(out, "created_at")) {
            printer.printRecord(ValueCodec.encode(stamp, LocalDateTime.of(2022, 11, 3, 14, 20, 52)));
        }

        assertThat(out.toString()).endsWith("\"2022-11-03T14:20:52.000\"\r\n");
    }

    @Test
    void theEncodedBytesAreUtf8() throws IOException {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = CsvParts.printer(out, "v")) {
            printer.printRecord("€");
        }
        byte[] bytes = out.toString().getBytes(StandardCharsets.UTF_8);

        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("\"€\"");
        assertThat(bytes).hasSize(out.toString().length() + 2); // € is three bytes in UTF-8
    }

    private static List<Object> roundTrip(Column column, List<?> values) throws IOException {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = CsvParts.printer(out, column.name())) {
            for (Object value : values) {
                printer.printRecord(ValueCodec.encode(column, value));
            }
        }
        List<Object> back = new ArrayList<>();
        try (CSVParser parser = CsvDialect.FORMAT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(out.toString()))) {
            assertThat(parser.getHeaderNames()).containsExactly(column.name());
            for (CSVRecord record : parser) {
                back.add(ValueCodec.decode(column, record.get(0)));
            }
        }
        return back;
    }
}
