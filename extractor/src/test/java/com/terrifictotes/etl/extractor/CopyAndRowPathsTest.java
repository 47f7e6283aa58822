package com.terrifictotes.etl.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import com.terrifictotes.etl.manifest.RejectedValue;
import com.terrifictotes.etl.manifest.TableExtract;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL's COPY and the row path (pgjdbc's bytes of the server's text, commons-csv) write byte-identical objects
 * for the same rows: random rows drawn from values that are easy to get wrong, in every column type, NULL in every
 * nullable one; in columns whose types drifted (NaN, ±Infinity, numeric(12,4), bigint, a new enum label, NULL where
 * NOT NULL was lost), each cell exactly as PostgreSQL prints it; and in a SQL_ASCII database, the same objects as in
 * a UTF-8 one, with the row versions whose text is not UTF-8 left out and rejected alike by both paths.
 */
class CopyAndRowPathsTest {
    private static final LocalDateTime HI = LocalDateTime.of(9999, 12, 31, 0, 0);
    private static final ExtractionWindow WINDOW = new ExtractionWindow(null, HI);

    private static final List<String> TEXTS = Arrays.asList(null, "", "NULL", "null", "\\N", " ", "a,b",
            "say \"hi\"", "\"", "\"\"", ",", "line\nbreak", "cr\rlf\r\nend", "\n", "\r\n", "trailing ,\n",
            "Zürich – São Paulo – 東京 – 🙂", "tab\there", "x".repeat(3000) + "\"\n,");
    private static final List<String> CODES = Arrays.asList(null, "", "GBP", "a\"b", "é,", "\n", "🙂");
    private static final List<String> AMOUNTS = Arrays.asList(null, "0.00", "0", "-1.50", "-1.5", "1", "0.1",
            "12.345", "99999999.99", "-99999999.99", "-0.01");
    private static final List<String> FLAGS = Arrays.asList(null, "true", "false");
    private static final List<String> DAYS = Arrays.asList(null, "2024-02-29", "0999-01-01", "0001-01-01",
            "9999-12-31", "10000-01-01", "0001-01-01 BC", "0044-03-15 BC", "infinity", "-infinity");
    private static final List<String> TIMES = Arrays.asList(null, "00:00:00", "00:00:00.000", "23:59:59.999",
            "12:34:56.7", "01:02:03.0004", "24:00:00");
    private static final List<String> KINDS = Arrays.asList(null, "SALES_RECEIPT", "a \"quoted\", label", "é");
    private static final List<String> STAMPS = Arrays.asList("2022-11-03 14:20:52", "2022-11-03 14:20:52.000",
            "2022-11-03 14:20:52.1", "2022-11-03 14:20:52.12", "2022-11-03 14:20:52.123456", "0999-01-02 03:04:05.006",
            "0001-01-01 00:00:00", "9999-12-31 23:59:59.999", "10000-01-01 00:00:00", "12345-06-07 08:09:10.5",
            "0001-01-01 00:00:00 BC", "0044-03-15 12:00:00 BC", "infinity", "-infinity");
    /** Values of the cursor itself: all inside the window. */
    private static final List<String> CURSORS = Arrays.asList("2022-11-03 14:20:52", "2022-11-03 14:20:52.5",
            "2022-11-03 14:20:52.123456", "0999-01-02 03:04:05.006", "0001-01-01 00:00:00",
            "0044-03-15 12:00:00 BC", "-infinity", "9998-12-31 23:59:59.999");

    private static final List<String> BIGS = Arrays.asList(null, "0", "3000000000", "-9223372036854775808",
            "9223372036854775807", "-1");
    private static final List<String> MONEY = Arrays.asList(null, "NaN", "2.09", "-0.01", "99999999.99", "0");
    private static final List<String> WIDE = Arrays.asList(null, "2.0900", "2.09", "12345678.1234", "-0.0001", "NaN",
            "0");
    private static final List<String> FREE = Arrays.asList(null, "NaN", "Infinity", "-Infinity", "0.0000001", "1e30",
            "-1.50", "123456789012345678901234567890.123456789", "0.000");
    private static final List<String> LONG_CODES = Arrays.asList(null, "", "GBPX", "a\"b,c", "🙂🙂🙂🙂", "\r\n");
    private static final List<String> DRIFT_KINDS = Arrays.asList(null, "SALE", "REFUND \"x\", é", "PURCHASE");
    private static final List<String> KIND_TEXTS = Arrays.asList(null, "SALE", "REFUND", "", "a,\"b\"");
    private static final List<String> MUSTS = Arrays.asList(null, "", "NULL", "x");
    /** In SQL_ASCII a varchar(3) counts bytes: codes of at most three bytes. */
    private static final List<String> BYTE_CODES = CODES.stream()
            .filter(c -> c == null || c.getBytes(StandardCharsets.UTF_8).length <= 3).toList();
    private static final List<String> SHORT_TEXTS = TEXTS.stream().filter(t -> t == null || t.length() <= 40)
            .toList();
    private static final List<String> MICROS = Arrays.asList("2022-11-03 14:20:52.123456", "2022-11-03 14:20:52.1",
            "2022-11-03 14:20:52", "infinity", "0044-03-15 12:00:00.5 BC", "2022-11-03 14:20:52.120000",
            "12345-06-07 08:09:10.000001");
    /** Text as bytes that are not UTF-8 (hex), each with what the manifest shows of it. */
    private static final Map<String, String> BAD_TEXTS = Map.of(
            "636166e9", "caf\\xE9",
            "7361792022686922e90a2c", "say \"hi\"\\xE9\n,",
            "c3a9eda080", "é\\xED\\xA0\\x80",
            "5c78ff", "\\\\x\\xFF");

    private static ExtractionBed bed;
    private static ProbeTable probe;
    private static ProbeTable drifted;
    private static ProbeTable sqlAscii;

    @BeforeAll
    static void createProbe() {
        bed = ExtractionBed.create();
        probe = ProbeTable.create(bed);
        drifted = ProbeTable.createDrifted(bed);
        ExtractionBed sqlAsciiBed = ExtractionBed.createSqlAscii();
        sqlAscii = ProbeTable.create(sqlAsciiBed);
        // a label that is not UTF-8 can only be made on the server: a client's text must be UTF-8
        sqlAsciiBed.execute("DO $$ BEGIN EXECUTE format('ALTER TYPE \"ProbeKind\" ADD VALUE %L',"
                + " convert_from('\\x4ee9'::bytea, 'SQL_ASCII')); END $$");
    }

    @Test
    void everyTrickyValueOfEveryColumnTypeIsWrittenIdenticallyByCopyAndByTheRowPath() throws Exception {
        probe.truncate();
        int id = 0;
        for (int i = 0; i < 40; i++) {
            probe.insert(++id, at(TEXTS, i), at(CODES, i), at(AMOUNTS, i), at(FLAGS, i), at(DAYS, i), at(TIMES, i),
                    at(KINDS, i), i % 15 == 14 ? null : at(STAMPS, i), at(STAMPS, i + 3), at(CURSORS, i));
        }

        assertBothPathsWriteTheSameObjects(40, 7);
    }

    @Test
    void randomRowsOfTrickyValuesAreWrittenIdenticallyByCopyAndByTheRowPath() throws Exception {
        for (long seed = 1; seed <= 3; seed++) {
            probe.truncate();
            Random random = new Random(seed);
            int rows = 150 + random.nextInt(100);
            for (int id = 1; id <= rows; id++) {
                probe.insert(id, any(random, TEXTS), any(random, CODES), any(random, AMOUNTS), any(random, FLAGS),
                        any(random, DAYS), any(random, TIMES), any(random, KINDS),
                        random.nextInt(5) == 0 ? null : any(random, STAMPS), any(random, STAMPS),
                        any(random, CURSORS));
            }

            assertBothPathsWriteTheSameObjects(rows, 1 + random.nextInt(60));
        }
    }

    @Test
    void aTableWithNoRowsInTheWindowWritesNoObjectOnEitherPath() throws Exception {
        probe.truncate();

        assertBothPathsWriteTheSameObjects(0, 10);
    }

    @Test
    void columnsWhoseTypesDriftedAreWrittenIdenticallyByBothPathsEachCellAsPostgresqlPrintsIt() throws Exception {
        drifted.truncate();
        Random random = new Random(14);
        int rows = 120;
        for (int id = 1; id <= rows; id++) {
            drifted.insert(id, id <= 12 ? at(BIGS, id) : any(random, BIGS), id <= 12 ? at(MONEY, id) : any(random, MONEY),
                    id <= 12 ? at(WIDE, id) : any(random, WIDE), id <= 12 ? at(FREE, id) : any(random, FREE),
                    any(random, LONG_CODES), any(random, DRIFT_KINDS), any(random, KIND_TEXTS), any(random, MUSTS),
                    any(random, SHORT_TEXTS), any(random, MICROS), any(random, CURSORS));
        }

        TableExtract byRows = assertBothPathsWriteTheSameObjects(drifted, rows, 1 + random.nextInt(40));

        List<Map<String, String>> delivered = new ArrayList<>();
        probeObjects(drifted, byRows).forEach(o -> delivered.addAll(ExtractionBed.parse(o, ProbeTable.DRIFTED.columnNames())));
        List<String> textColumns = ProbeTable.DRIFTED.columns().stream()
                .filter(c -> c.type() != com.terrifictotes.etl.catalogue.ColumnType.TIMESTAMP_MILLIS)
                .map(c -> c.name()).toList();
        List<Map<String, String>> printed = new ArrayList<>();
        bed.query("SELECT " + String.join(", ", textColumns.stream().map(c -> c + "::text").toList())
                + " FROM drift_probe ORDER BY drift_probe.last_updated, drift_probe.drift_probe_id", rs -> {
                    Map<String, String> row = new java.util.LinkedHashMap<>();
                    for (int i = 0; i < textColumns.size(); i++) {
                        row.put(textColumns.get(i), rs.getString(i + 1));
                    }
                    printed.add(row);
                });
        assertThat(delivered).hasSize(rows);
        for (int i = 0; i < rows; i++) {
            Map<String, String> row = new java.util.LinkedHashMap<>(delivered.get(i));
            row.keySet().retainAll(textColumns);
            assertThat(row).as("row %d", i + 1).isEqualTo(printed.get(i));
        }
        assertThat(delivered).extracting(row -> row.get("free"))
                .contains("NaN", "Infinity", "-Infinity", "0.0000001", "1000000000000000000000000000000", "0.000");
        assertThat(delivered).extracting(row -> row.get("wide")).contains("2.0900", "-0.0001");
        assertThat(delivered).extracting(row -> row.get("big")).contains("3000000000", "-9223372036854775808");
        assertThat(delivered).extracting(row -> row.get("kind")).contains("REFUND \"x\", é");
        assertThat(delivered).extracting(row -> row.get("must")).contains(null, "", "NULL");
        assertThat(delivered).extracting(row -> row.get("created_at")).contains("2022-11-03T14:20:52.123456",
                "2022-11-03T14:20:52.120");
    }

    @Test
    void aSqlAsciiSourceWritesWhatAUtf8SourceWritesAndBothPathsRejectTheSameVersionsWhoseTextIsNotUtf8()
            throws Exception {
        probe.truncate();
        sqlAscii.truncate();
        Random random = new Random(41);
        int rows = 150;
        for (int id = 1; id <= rows; id++) {
            String[] values = {id <= 40 ? at(TEXTS, id) : any(random, TEXTS), any(random, BYTE_CODES), any(random, AMOUNTS),
                    any(random, FLAGS), any(random, DAYS), any(random, TIMES), any(random, KINDS),
                    random.nextInt(5) == 0 ? null : any(random, STAMPS), any(random, STAMPS), any(random, CURSORS)};
            probe.insert(id, values);
            sqlAscii.insert(id, values);
        }
        List<String> badTexts = new ArrayList<>(BAD_TEXTS.keySet());
        List<RejectedValue> expectedRejects = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            int id = rows + 1 + i;
            String cursor = at(CURSORS, i);
            sqlAscii.insert(id, "fine", "GBP", "1.00", "true", null, null, "SALES_RECEIPT", null, cursor, cursor);
            String column = i % 3 == 0 ? "note" : i % 3 == 1 ? "code" : "kind";
            String hex = column.equals("note") ? at(badTexts, i) : column.equals("code") ? "47e9" : "4ee9";
            sqlAscii.bed().execute("UPDATE copy_probe SET " + column + " = convert_from(decode(?, 'hex'), 'SQL_ASCII')"
                    + (column.equals("kind") ? "::\"ProbeKind\"" : "") + " WHERE copy_probe_id = ?", hex, id);
        }
        int partRows = 1 + random.nextInt(30);
        ExtractionSettings settings = bed.settings().withPartRows(partRows);

        TableExtract utf8 = probe.extract(WINDOW, ProbeTable.rowsOnly(WINDOW), List.of(), settings);
        TableExtract byRows = sqlAscii.extract(WINDOW, ProbeTable.rowsOnly(WINDOW), List.of(), settings);
        TableExtract byCopy = sqlAscii.extract(WINDOW, ProbeTable.copyOnly(WINDOW), List.of(), settings);

        assertThat(byRows.rows()).isEqualTo(byCopy.rows()).isEqualTo(utf8.rows()).isEqualTo(rows);
        assertThat(probeObjects(sqlAscii, byRows)).zipSatisfy(probeObjects(probe, utf8),
                (a, b) -> assertThat(new String(a, StandardCharsets.UTF_8)).isEqualTo(new String(b, StandardCharsets.UTF_8)));
        assertThat(probeObjects(sqlAscii, byCopy)).zipSatisfy(probeObjects(probe, utf8),
                (a, b) -> assertThat(a).isEqualTo(b));
        assertThat(byCopy.files()).hasSameSizeAs(utf8.files());
        assertThat(byRows.rejects()).hasSize(12).isEqualTo(byCopy.rejects());
        assertThat(byRows.rejects()).extracting(RejectedValue::column).containsOnly("note", "code", "kind");
        assertThat(byRows.rejects()).allSatisfy(r -> assertThat(r.reason()).startsWith("not valid UTF-8: byte 0x"));
        assertThat(byRows.rejects()).filteredOn(r -> r.column().equals("code"))
                .allSatisfy(r -> assertThat(r.value()).isEqualTo("G\\xE9"));
        assertThat(byRows.rejects()).filteredOn(r -> r.column().equals("kind"))
                .allSatisfy(r -> assertThat(r.value()).isEqualTo("N\\xE9"));
        assertThat(byRows.rejects()).filteredOn(r -> r.column().equals("note")).extracting(RejectedValue::value)
                .containsExactlyInAnyOrderElementsOf(BAD_TEXTS.values());
    }

    private static void assertBothPathsWriteTheSameObjects(int rows, int partRows) throws Exception {
        assertBothPathsWriteTheSameObjects(probe, rows, partRows);
    }

    private static List<byte[]> probeObjects(ProbeTable table, TableExtract extract) {
        return table.objects(extract);
    }

    /** Returns the row path's extract. */
    private static TableExtract assertBothPathsWriteTheSameObjects(ProbeTable probe, int rows, int partRows)
            throws Exception {
        ExtractionSettings settings = bed.settings().withPartRows(partRows);
        TableExtract byRows = probe.extract(WINDOW, ProbeTable.rowsOnly(WINDOW), List.of(), settings);
        TableExtract byCopy = probe.extract(WINDOW, ProbeTable.copyOnly(WINDOW), List.of(), settings);

        assertThat(byCopy.rows()).isEqualTo(byRows.rows()).isEqualTo(rows);
        assertThat(byCopy.files()).hasSameSizeAs(byRows.files()).hasSize((rows + partRows - 1) / partRows);
        List<byte[]> rowObjects = probe.objects(byRows);
        List<byte[]> copyObjects = probe.objects(byCopy);
        for (int i = 0; i < rowObjects.size(); i++) {
            assertThat(new String(copyObjects.get(i), StandardCharsets.UTF_8)).as("part %d", i + 1)
                    .isEqualTo(new String(rowObjects.get(i), StandardCharsets.UTF_8));
            assertThat(copyObjects.get(i)).isEqualTo(rowObjects.get(i));
            assertThat(byCopy.files().get(i).checksum()).isEqualTo(byRows.files().get(i).checksum());
            assertThat(byCopy.files().get(i).bytes()).isEqualTo(byRows.files().get(i).bytes());
            assertThat(byCopy.files().get(i).rows()).isEqualTo(byRows.files().get(i).rows());
        }
        assertThat(byCopy.recentVersions()).isEmpty();
        assertThat(byCopy.rejects()).isEmpty();
        assertThat(byRows.rejects()).isEmpty();
        return byRows;
    }

    private static String at(List<String> values, int i) {
        return values.get(i % values.size());
    }

    private static String any(Random random, List<String> values) {
        return values.get(random.nextInt(values.size()));
    }
}
