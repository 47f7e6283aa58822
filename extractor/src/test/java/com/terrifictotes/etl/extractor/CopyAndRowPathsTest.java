package com.terrifictotes.etl.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import com.terrifictotes.etl.manifest.TableExtract;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL's COPY and the row path (pgjdbc, ValueCodec, commons-csv) write byte-identical objects for the same
 * rows: random rows drawn from values that are easy to get wrong, in every column type, NULL in every nullable one.
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

    private static ExtractionBed bed;
    private static ProbeTable probe;

    @BeforeAll
    static void createProbe() {
        bed = ExtractionBed.create();
        probe = ProbeTable.create(bed);
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

    private static void assertBothPathsWriteTheSameObjects(int rows, int partRows) throws Exception {
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
            assertThat(byCopy.files().get(i).sha256()).isEqualTo(byRows.files().get(i).sha256());
            assertThat(byCopy.files().get(i).bytes()).isEqualTo(byRows.files().get(i).bytes());
            assertThat(byCopy.files().get(i).rows()).isEqualTo(byRows.files().get(i).rows());
        }
        assertThat(byCopy.recentVersions()).isEmpty();
    }

    private static String at(List<String> values, int i) {
        return values.get(i % values.size());
    }

    private static String any(Random random, List<String> values) {
        return values.get(random.nextInt(values.size()));
    }
}
