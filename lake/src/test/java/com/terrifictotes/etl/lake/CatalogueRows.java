package com.terrifictotes.etl.lake;

import com.terrifictotes.etl.catalogue.Column;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.apache.avro.Schema;

/**
 * Generated rows of any catalogue table, from a seed: every column type across its whole range (negative money and
 * timestamps before 1970, the first and last millisecond of a day, text beyond ASCII and empty text), repeated values
 * so dictionaries form, and NULL in about one value of ten of every nullable column.
 */
final class CatalogueRows {
    private static final long MAX_UNSCALED = 9_999_999_999L;
    private static final int MILLIS_PER_DAY = 86_400_000;
    private static final String[] WORDS = {"", "GBP", "Zoë", "São Paulo", "東京", "O'Hara", "a\tb", "line\nbreak"};

    private final Random random;

    CatalogueRows(long seed) {
        this.random = new Random(seed);
    }

    /** Rows of {@code schema}, whose fields are {@code columns} in order (nullable as the schema says). */
    List<TableRow> rows(Schema schema, List<Column> columns, int count) {
        boolean[] nullable = new boolean[columns.size()];
        schema.getFields().forEach(f -> nullable[f.pos()] = f.schema().isNullable());
        return IntStream.range(0, count).mapToObj(i -> TableRow.of(schema, IntStream.range(0, columns.size())
                .mapToObj(c -> nullable[c] && random.nextInt(10) == 0 ? null : value(columns.get(c), i))
                .toArray())).toList();
    }

    private Object value(Column column, int row) {
        boolean edge = random.nextInt(20) == 0;
        return switch (column.type()) {
            case INTEGER -> edge ? pick(Integer.MIN_VALUE, Integer.MAX_VALUE, 0, -1) : random.nextInt(100_000) - 10;
            case TEXT -> random.nextBoolean() ? pick((Object[]) WORDS) : text(row);
            case VARCHAR_3 -> pick("GBP", "USD", "EUR", "JPY");
            case ENUM -> column.enumType().labels().get(random.nextInt(column.enumType().labels().size()));
            case DECIMAL_10_2 -> BigDecimal.valueOf(edge ? pick(MAX_UNSCALED, -MAX_UNSCALED, 0L, -1L, 127L, 128L)
                    : random.nextLong(-MAX_UNSCALED, MAX_UNSCALED + 1), 2);
            case TIMESTAMP_MILLIS -> LocalDateTime.of(1900, 1, 1, 0, 0)
                    .plusSeconds(random.nextLong(200L * 366 * 86_400)).plusNanos(random.nextInt(1000) * 1_000_000L);
            case BOOLEAN -> random.nextBoolean();
            case DATE -> edge ? pick(LocalDate.of(1, 1, 1), LocalDate.of(9999, 12, 31), LocalDate.EPOCH)
                    : LocalDate.ofEpochDay(random.nextInt(-40_000, 40_000));
            case TIME_MILLIS -> edge ? pick(LocalTime.MIDNIGHT, LocalTime.MAX.truncatedTo(ChronoUnit.MILLIS))
                    : LocalTime.ofNanoOfDay(random.nextInt(MILLIS_PER_DAY) * 1_000_000L);
        };
    }

    private String text(int row) {
        List<String> parts = new ArrayList<>();
        for (int i = random.nextInt(1, 4); i > 0; i--) {
            parts.add(WORDS[random.nextInt(WORDS.length)]);
        }
        return row + " " + String.join(" ", parts);
    }

    @SuppressWarnings("unchecked")
    private <T> T pick(T... choices) {
        return choices[random.nextInt(choices.length)];
    }
}
