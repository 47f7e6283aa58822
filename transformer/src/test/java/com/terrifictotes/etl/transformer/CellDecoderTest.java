package com.terrifictotes.etl.transformer;

import static org.assertj.core.api.Assertions.assertThat;

import com.terrifictotes.etl.catalogue.Column;
import com.terrifictotes.etl.catalogue.ColumnType;
import com.terrifictotes.etl.csv.Timestamps;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Cells decoded from the reader's bytes are exactly the values {@code ValueCodec} gives for their text, refusals
 * included (the reconciler's {@link CsvCells} reads the text, a batch the bytes).
 */
class CellDecoderTest {
    static final List<String> EDGES = List.of("0", "-0", "7", "-7", "007", "2147483647", "2147483648",
            "-2147483648", "-2147483649", "999999999999999999", "-999999999999999999", "9223372036854775807",
            "9223372036854775808", "+5", "1e3", "12x", "-", "--1", "1-", " 1", "1 ", "", "1.5", "-1.50", "2.0900",
            "0.00", "-0.00", ".5", "-.5", "5.", "1.2.3", "12345678.99", "99999999999999999.9", "NaN", "Infinity",
            "-Infinity", "true", "false", "TRUE", "t", "truex", "2024-02-29", "2024-02-30", "2023-02-29", "0000-01-01",
            "2024-13-01", "2024-1-01", "+2024-01-01", "12024-01-01", "2024-02-29T12:00:00", "2024-02-29 12:00:00.5",
            "2024-02-29T12:00:00.123456789", "2024-02-29T24:00:00", "2024-02-29T12:00", "2024-02-29T12:00:00.",
            "Zoë", "١٢٣", "２０２４-01-01");
    private static final ColumnType[] DECODED = {ColumnType.INTEGER, ColumnType.DECIMAL_10_2,
        ColumnType.TIMESTAMP_MILLIS, ColumnType.DATE, ColumnType.BOOLEAN, ColumnType.TIME_MILLIS, ColumnType.TEXT};

    @Test
    void decodesEveryEdgeCellFromItsBytesAsValueCodecDecodesItsTextRefusalsIncluded() {
        for (ColumnType type : DECODED) {
            assertBytesAsText(type, EDGES);
        }
    }

    @Test
    void decodesRandomNumbersDatesAndTimestampsFromTheirBytesAsFromTheirText() {
        Random random = new Random(20261206L);
        List<String> numbers = new ArrayList<>();
        List<String> moments = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            long whole = random.nextLong() >> random.nextInt(64);
            numbers.add(Long.toString(whole));
            numbers.add(BigDecimal.valueOf(whole, random.nextInt(6)).toPlainString());
            LocalDateTime moment = LocalDateTime.of(random.nextInt(10_000), 1 + random.nextInt(12),
                    1 + random.nextInt(28), random.nextInt(24), random.nextInt(60), random.nextInt(60),
                    random.nextInt(1_000) * 1_000_000);
            moments.add(Timestamps.format(moment));
            moments.add(moment.toLocalDate().toString());
        }
        assertBytesAsText(ColumnType.INTEGER, numbers);
        assertBytesAsText(ColumnType.DECIMAL_10_2, numbers);
        assertBytesAsText(ColumnType.TIMESTAMP_MILLIS, moments);
        assertBytesAsText(ColumnType.DATE, moments);
    }

    @Test
    void takesTheUsualShapesFromTheBytesAsTheCatalogueTypes() {
        List<Object> row = read(ColumnType.INTEGER, List.of("42", "3000000000"));
        assertThat(row).containsExactly(42, 3_000_000_000L);
        assertThat(read(ColumnType.DECIMAL_10_2, List.of("2.0900"))).containsExactly(new BigDecimal("2.0900"));
        assertThat(read(ColumnType.DATE, List.of("2024-02-29"))).containsExactly(LocalDate.of(2024, 2, 29));
        assertThat(read(ColumnType.BOOLEAN, List.of("false"))).containsExactly(Boolean.FALSE);
        assertThat(read(ColumnType.INTEGER, List.of("12x"))).singleElement().isEqualTo(new UnreadableValue("12x",
                "column c (integer): cannot parse '12x'"));
    }

    /** Each text as a quoted cell of a one-column CSV, read with the column's decoder, against its text path. */
    private static void assertBytesAsText(ColumnType type, List<String> texts) {
        Column column = Column.optional("c", type);
        List<Object> read = read(type, texts);
        for (int i = 0; i < texts.size(); i++) {
            assertThat(read.get(i)).as("%s '%s'", type, texts.get(i))
                    .isEqualTo(CellDecoder.of(column).fromText(texts.get(i)));
        }
    }

    private static List<Object> read(ColumnType type, List<String> texts) {
        StringBuilder csv = new StringBuilder();
        for (String text : texts) {
            csv.append('"').append(text).append("\"\r\n");
        }
        CsvRecordReader reader = new CsvRecordReader(new ByteArrayInputStream(
                csv.toString().getBytes(StandardCharsets.UTF_8)), "s3://b/k.csv");
        CellDecoder[] decoders = {CellDecoder.of(Column.optional("c", type))};
        List<Object> values = new ArrayList<>();
        while (reader.next(decoders) == 1) {
            values.add(reader.cell(0));
        }
        assertThat(values).hasSize(texts.size());
        return values;
    }
}
