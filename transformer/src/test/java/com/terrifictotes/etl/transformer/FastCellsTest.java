package com.terrifictotes.etl.transformer;

import static org.assertj.core.api.Assertions.assertThat;

import com.terrifictotes.etl.catalogue.Column;
import com.terrifictotes.etl.catalogue.ColumnType;
import com.terrifictotes.etl.catalogue.SourceTable;
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
 * The columnar pass's cells ({@link FastCells}) take only shapes whose value they give exactly as the reader's
 * decoders give it ({@link CellDecoder}): a cell taken is the decoded value, boxed; a cell left is decoded by the
 * reader as ever, so a record with one goes the row path and is refused or accepted there as before.
 */
class FastCellsTest {
    private static final ColumnType[] SHAPES = {ColumnType.INTEGER, ColumnType.DECIMAL_10_2,
        ColumnType.TIMESTAMP_MILLIS, ColumnType.DATE, ColumnType.BOOLEAN, ColumnType.TEXT};
    private static final String STAMP = "2024-01-01T00:00:00.000";

    @Test
    void aCellTakenIsTheValueTheReaderDecodesAndACellLeftIsDecodedByTheReaderForEveryEdgeCell() {
        for (ColumnType type : SHAPES) {
            read(type, CellDecoderTest.EDGES);
        }
        List<String> sameDays = List.of("2024-02-29T12:00:00", "2024-02-29T13:00:00.25", "2024-02-29 25:00:00",
                "2024-02-29", "2023-02-29T12:00:00", "2023-02-28T12:00:00", "2023-02-28");
        assertThat(read(ColumnType.TIMESTAMP_MILLIS, sameDays)).as("a day kept for the next cell").isEqualTo(3);
        assertThat(read(ColumnType.DATE, sameDays)).isEqualTo(2);
    }

    @Test
    void takesTheUsualShapesAndLeavesEveryOther() {
        assertThat(taken(ColumnType.INTEGER, "0", "-0", "007", "2147483647", "-2147483648", "2147483648", "+5",
                "1e3", "", "-")).containsExactly(true, true, true, true, true, false, false, false, false, false);
        assertThat(taken(ColumnType.DECIMAL_10_2, "0.00", "-0.00", "-1.50", "12345678.99",
                "9999999999999999.99", "1.5", "2.0900", ".50", "-.50", "5.", "1.2.3", "NaN", "12"))
                .containsExactly(true, true, true, true, true, false, false, false, false, false, false, false,
                        false);
        assertThat(taken(ColumnType.TIMESTAMP_MILLIS, "2024-02-29T12:00:00", "2024-02-29 12:00:00.5",
                "0001-01-01T00:00:00.000001", "2024-02-29T12:00:00.1234567", "2024-02-29T24:00:00",
                "2023-02-29T12:00:00", "0000-01-01T00:00:00", "2024-02-29T12:00", "2024-02-29T12:00:00."))
                .containsExactly(true, true, true, false, false, false, false, false, false);
        assertThat(taken(ColumnType.DATE, "2024-02-29", "9999-12-31", "2024-02-30", "0000-01-01", "2024-1-01"))
                .containsExactly(true, true, false, false, false);
        assertThat(taken(ColumnType.BOOLEAN, "true", "false", "TRUE", "t", "truex"))
                .containsExactly(true, true, false, false, false);
        assertThat(taken(ColumnType.TEXT, "SALE", "", "a\u0000b", "Zoë", "١٢٣"))
                .containsExactly(true, true, true, false, false);
    }

    @Test
    void takesRandomNumbersDatesAndTimestampsAsTheReaderDecodesThem() {
        Random random = new Random(20261207L);
        List<String> numbers = new ArrayList<>();
        List<String> money = new ArrayList<>();
        List<String> moments = new ArrayList<>();
        List<String> dates = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            long whole = random.nextLong() >> random.nextInt(64);
            numbers.add(Long.toString(whole));
            money.add(BigDecimal.valueOf(whole >> random.nextInt(64), random.nextInt(4)).toPlainString());
            LocalDateTime moment = LocalDateTime.of(random.nextInt(10_000), 1 + random.nextInt(12),
                    1 + random.nextInt(31 - 3), random.nextInt(24), random.nextInt(60), random.nextInt(60),
                    random.nextInt(1_000_000) * (random.nextBoolean() ? 1_000 : 1));
            moments.add(Timestamps.format(moment));
            dates.add(moment.toLocalDate().toString());
            dates.add(LocalDate.ofEpochDay(random.nextInt(2_932_897 + 719_162) - 719_162).toString());
        }
        assertThat(read(ColumnType.INTEGER, numbers)).isGreaterThan(numbers.size() / 4);
        assertThat(read(ColumnType.DECIMAL_10_2, money)).isGreaterThan(money.size() / 8);
        assertThat(read(ColumnType.TIMESTAMP_MILLIS, moments)).isGreaterThan(moments.size() / 3);
        assertThat(read(ColumnType.DATE, dates)).isGreaterThan(dates.size() * 9 / 10);
        assertThat(read(ColumnType.TEXT, dates)).isEqualTo(dates.size());
    }

    @Test
    void aTextCellSpellingADateCarriesItsDayAsTheSourceDatesReadIt() {
        for (String text : CellDecoderTest.EDGES) {
            FastCells cells = cells(ColumnType.TEXT, List.of(text)).get(0);
            if (!cells.taken(3)) {
                continue;
            }
            LocalDate date;
            try {
                date = SourceDates.parse(text);
            } catch (IllegalArgumentException e) {
                date = null;
            }
            int expected = date == null || date.getYear() < 1 ? FastCells.NO_DAY : (int) date.toEpochDay();
            assertThat(cells.textDay(3)).as(text).isEqualTo(expected);
        }
    }

    private static List<Boolean> taken(ColumnType type, String... texts) {
        return cells(type, List.of(texts)).stream().map(cells -> cells.taken(3)).toList();
    }

    /**
     * Reads each text as the last cell of a record, once by the decoders alone and once offered to the cells first,
     * asserts that both give the same value, and returns how many cells were taken.
     */
    private static int read(ColumnType type, List<String> texts) {
        List<Object> decoded = values(type, texts, false);
        List<Object> offered = values(type, texts, true);
        for (int i = 0; i < texts.size(); i++) {
            assertThat(offered.get(i)).as("%s '%s'", type, texts.get(i)).isEqualTo(decoded.get(i));
        }
        return (int) cells(type, texts).stream().filter(cells -> cells.taken(3)).count();
    }

    private static List<Object> values(ColumnType type, List<String> texts, boolean offered) {
        SourceTable table = table(type);
        CsvRecordReader reader = reader(texts);
        FastCells cells = offered ? new FastCells(table) : null;
        CellDecoder[] decoders = table.columns().stream().map(CellDecoder::of).toArray(CellDecoder[]::new);
        List<Object> values = new ArrayList<>();
        while (reader.next(decoders, cells) == 4) {
            values.add(cells != null && cells.taken(3) ? cells.boxed(3) : reader.cell(3));
        }
        assertThat(values).hasSize(texts.size());
        return values;
    }

    /** The cells after each record: a fresh one per record, since a record overwrites the last. */
    private static List<FastCells> cells(ColumnType type, List<String> texts) {
        List<FastCells> all = new ArrayList<>();
        for (String text : texts) {
            FastCells cells = new FastCells(table(type));
            CsvRecordReader reader = reader(List.of(text));
            assertThat(reader.next(new CellDecoder[0], cells)).isEqualTo(4);
            assertThat(cells.complete()).isEqualTo(cells.taken(3));
            all.add(cells);
        }
        return all;
    }

    private static CsvRecordReader reader(List<String> texts) {
        StringBuilder csv = new StringBuilder();
        for (String text : texts) {
            csv.append("\"1\",\"").append(STAMP).append("\",\"").append(STAMP).append("\",\"").append(text)
                    .append("\"\r\n");
        }
        return new CsvRecordReader(new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)),
                "s3://b/k.csv");
    }

    private static SourceTable table(ColumnType type) {
        return new SourceTable("t", "t_id", List.of(Column.required("t_id", ColumnType.INTEGER),
                Column.required(SourceTable.CREATED_AT, ColumnType.TIMESTAMP_MILLIS),
                Column.required(SourceTable.LAST_UPDATED, ColumnType.TIMESTAMP_MILLIS), Column.optional("c", type)),
                List.of(), List.of());
    }
}
