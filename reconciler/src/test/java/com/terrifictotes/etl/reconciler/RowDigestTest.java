package com.terrifictotes.etl.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.terrifictotes.etl.catalogue.Column;
import com.terrifictotes.etl.catalogue.ColumnType;
import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import com.terrifictotes.etl.lake.AvroSchemas;
import com.terrifictotes.etl.lake.TableRow;
import com.terrifictotes.etl.testbed.servers.TestBed;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The digest of a row is the same whether Java computes it from the transformer's record or PostgreSQL from the
 * warehouse's row: for every column type of every table, over NULLs, empty and non-ASCII text, money's signs and
 * trailing zeros, the first and last dates and times of the day, and random rows.
 */
class RowDigestTest {
    private static final DataSource WAREHOUSE = TestBed.shared().createEmptyDatabase().dataSource();

    @Test
    void javaAndPostgresDigestEveryTablesRowsAlike() throws SQLException {
        Random random = new Random(20_261_122L);
        for (WarehouseTable table : WarehouseCatalogue.TABLES) {
            List<Object[]> rows = new ArrayList<>();
            rows.add(edge(table, 0));
            rows.add(edge(table, 1));
            for (int i = 0; i < 40; i++) {
                rows.add(randomRow(table, random));
            }
            List<Long> expected = rows.stream()
                    .map(row -> RowDigest.of(table, TableRow.of(AvroSchemas.of(table), row.clone()))).toList();

            assertThat(postgresDigests(table, rows)).as(table.name()).isEqualTo(expected);
        }
    }

    @Test
    void aNullAndTheTextOfANullNeverDigestAlikeNorDoValuesShiftedBetweenColumns() {
        List<Column> columns = List.of(Column.optional("a", ColumnType.TEXT), Column.optional("b", ColumnType.TEXT));

        assertThat(RowDigest.text(columns, java.util.Arrays.asList("x", null)))
                .isNotEqualTo(RowDigest.text(columns, java.util.Arrays.asList("x", "-")))
                .isNotEqualTo(RowDigest.text(columns, java.util.Arrays.asList("x-", null)))
                .isEqualTo("1:x-");
        assertThat(RowDigest.text(columns, List.of("ab", "c"))).isNotEqualTo(RowDigest.text(columns, List.of("a", "bc")));
        assertThat(RowDigest.digest("1:x-")).isNotNegative().isLessThan(1L << 60);
    }

    @Test
    void moneyWithMoreThanTwoDecimalsCannotBeDigestedAsAWarehouseRow() {
        List<Column> money = List.of(Column.required("m", ColumnType.DECIMAL_10_2));

        assertThat(RowDigest.text(money, List.of(new BigDecimal("2.0900")))).isEqualTo("4:2.09");
        assertThatThrownBy(() -> RowDigest.text(money, List.of(new BigDecimal("2.0912"))))
                .isInstanceOf(ArithmeticException.class);
    }

    private static List<Long> postgresDigests(WarehouseTable table, List<Object[]> rows) throws SQLException {
        List<Column> columns = table.loadColumns();
        String name = "digested_" + table.name();
        try (Connection connection = WAREHOUSE.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + name);
            statement.execute("CREATE TABLE " + name + " (position integer, " + columns.stream()
                    .map(c -> c.quotedName() + " " + (c.type() == ColumnType.ENUM ? "text" : c.sqlType()))
                    .collect(Collectors.joining(", ")) + ")");
            String placeholders = columns.stream().map(c -> "?").collect(Collectors.joining(", "));
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + name + " VALUES (?, "
                    + placeholders + ")")) {
                for (int i = 0; i < rows.size(); i++) {
                    insert.setInt(1, i);
                    for (int c = 0; c < columns.size(); c++) {
                        insert.setObject(c + 2, rows.get(i)[c]);
                    }
                    insert.executeUpdate();
                }
            }
            List<Long> digests = new ArrayList<>();
            try (ResultSet result = statement.executeQuery("SELECT " + RowDigest.sql(table, "t") + " FROM " + name
                    + " t ORDER BY position")) {
                while (result.next()) {
                    digests.add(result.getLong(1));
                }
            }
            return digests;
        }
    }

    /** Values at the edges: {@code variant} 0 the smallest (and NULL where allowed), 1 the largest. */
    private static Object[] edge(WarehouseTable table, int variant) {
        List<Column> columns = table.loadColumns();
        Object[] row = new Object[columns.size()];
        for (int i = 0; i < row.length; i++) {
            Column column = columns.get(i);
            row[i] = variant == 0 && column.nullable() ? null : switch (column.type()) {
                case INTEGER -> variant == 0 ? Integer.MIN_VALUE : Integer.MAX_VALUE;
                case TEXT, ENUM -> variant == 0 ? "" : "Zoë \"O'Keefe\", 東京 \uD83D\uDE00 -1:x\n";
                case VARCHAR_3 -> variant == 0 ? "" : "€£¥";
                case DECIMAL_10_2 -> new BigDecimal(variant == 0 ? "-99999999.99" : "99999999.90");
                case DATE -> variant == 0 ? LocalDate.of(1, 1, 1) : LocalDate.of(9999, 12, 31);
                case TIME_MILLIS -> variant == 0 ? LocalTime.MIDNIGHT : LocalTime.of(23, 59, 59, 999_000_000);
                case TIMESTAMP_MILLIS -> variant == 0 ? LocalDateTime.of(1, 1, 1, 0, 0)
                        : LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_000_000);
                case BOOLEAN -> variant == 1;
            };
        }
        return row;
    }

    private static Object[] randomRow(WarehouseTable table, Random random) {
        List<Column> columns = table.loadColumns();
        Object[] row = new Object[columns.size()];
        for (int i = 0; i < row.length; i++) {
            Column column = columns.get(i);
            row[i] = column.nullable() && random.nextInt(4) == 0 ? null : switch (column.type()) {
                case INTEGER -> random.nextInt();
                case TEXT, ENUM -> "t" + Long.toString(random.nextLong(), 36);
                case VARCHAR_3 -> "GBP";
                case DECIMAL_10_2 -> BigDecimal.valueOf(random.nextInt(2_000_000) - 1_000_000, 2);
                case DATE -> LocalDate.ofEpochDay(random.nextInt(40_000));
                case TIME_MILLIS -> LocalTime.ofNanoOfDay(random.nextInt(86_400_000) * 1_000_000L);
                case TIMESTAMP_MILLIS -> LocalDateTime.of(LocalDate.ofEpochDay(random.nextInt(40_000)),
                        LocalTime.ofNanoOfDay(random.nextInt(86_400_000) * 1_000_000L));
                case BOOLEAN -> random.nextBoolean();
            };
        }
        return row;
    }
}
