package com.terrifictotes.etl.transformer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.terrifictotes.etl.csv.CsvDialect;
import com.terrifictotes.etl.error.BadInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** The transformer's CSV reader reads exactly what commons-csv reads with the ingestion zone's dialect. */
class CsvRecordReaderTest {
    private static final String LOCATION = "s3://b/data/t/part-0.csv";
    private static final String[] PIECES = {"a", "Zoë", "O'Hara", ",", "\"", "\"\"", "\r\n", "\n", "\r", " ", "1",
        "2024-02-29T12:00:00.123", "日本", "😀", "", "NULL", "\\N", "x".repeat(300)};

    @Test
    void readsRandomRecordsWithNullsQuotesLineBreaksAndUnicodeAsCommonsCsvDoesWithTheSameLineNumbers()
            throws IOException {
        Random random = new Random(20261121L);
        for (int round = 0; round < 200; round++) {
            String csv = printed(randomRecords(random));
            assertSameAsCommonsCsv(csv);
        }
    }

    @Test
    void readsFilesOfManyBuffersWithFieldsAcrossEveryBufferEndAsCommonsCsvDoes() throws IOException {
        Random random = new Random(20261206L);
        for (int round = 0; round < 8; round++) {
            List<List<String>> records = new ArrayList<>();
            while (records.size() < 6_000) { // about 0.5 MB: eight or so 64 KiB buffers, each ending mid-record
                records.addAll(randomRecords(random));
            }
            String csv = printed(records);
            assertThat(csv.length()).isGreaterThan(4 * 64 * 1024);
            assertSameAsCommonsCsv(csv);
        }
    }

    @Test
    void readsAFieldLongerThanTheBufferAsCommonsCsvDoes() throws IOException {
        String longValue = "0123456789".repeat(20_000);
        assertSameAsCommonsCsv("\"a\",\"" + longValue + "\",\"c\"\r\n\"" + longValue + "\"\"x\"\r\n\"z\",\"y\"\r\n");
    }

    @Test
    void readsLfAndCrRecordEndsUnquotedFieldsAndBlanksAfterAClosingQuoteAsCommonsCsvDoes() throws IOException {
        assertSameAsCommonsCsv("\"id\",\"name\"\n1,abc\r2,\"x\"  \r\n3,a\"b\n,\"\"");
        assertSameAsCommonsCsv("\"a\"\r\n\r\n\"b\"\r\n");
    }

    @Test
    void countsEveryByteOfTheInput() {
        byte[] bytes = "\"h\"\r\n\"Zoë\"\r\n".getBytes(StandardCharsets.UTF_8);
        CsvRecordReader reader = new CsvRecordReader(new ByteArrayInputStream(bytes), LOCATION);
        while (reader.next() != null) {
            assertThat(reader.bytes()).isPositive();
        }
        assertThat(reader.bytes()).isEqualTo(bytes.length);
    }

    @Test
    void textAfterAClosingQuoteIsInvalidCsvNamingObjectAndLine() {
        assertThatThrownBy(() -> readAll("\"h\"\r\n\"a\"x,\"b\"\r\n"))
                .isInstanceOf(BadInputException.class)
                .hasMessage(LOCATION + " is not valid CSV: line 2: 'x' follows the closing quote of a field");
    }

    @Test
    void aQuoteLeftOpenIsInvalidCsvNamingTheLineItOpensOn() {
        assertThatThrownBy(() -> readAll("\"h\"\r\n\"a\r\nb\r\n"))
                .isInstanceOf(BadInputException.class)
                .hasMessage(LOCATION + " is not valid CSV: line 2: the input ends inside a quoted field");
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedNamingObjectAndLine() {
        byte[] bytes = {'"', 'h', '"', '\r', '\n', '"', (byte) 0xC3, '(', '"', '\r', '\n'};
        CsvRecordReader reader = new CsvRecordReader(new ByteArrayInputStream(bytes), LOCATION);
        reader.next();
        assertThatThrownBy(reader::next).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(LOCATION + " is not valid UTF-8: line 2");
    }

    private static List<List<String>> randomRecords(Random random) {
        List<List<String>> records = new ArrayList<>();
        int width = 1 + random.nextInt(6);
        for (int r = random.nextInt(30); r >= 0; r--) {
            List<String> record = new ArrayList<>();
            for (int f = 0; f < width; f++) {
                record.add(random.nextInt(5) == 0 ? null : randomText(random));
            }
            records.add(record);
        }
        return records;
    }

    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(6); i > 0; i--) {
            text.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return text.toString();
    }

    private static String printed(List<List<String>> records) throws IOException {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CsvDialect.FORMAT)) {
            for (List<String> record : records) {
                printer.printRecord(record);
            }
        }
        return out.toString();
    }

    /** Records and the line each starts on, from both readers. */
    private static void assertSameAsCommonsCsv(String csv) throws IOException {
        List<String> expected = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(csv), CsvDialect.FORMAT)) {
            var records = parser.iterator();
            while (true) {
                long line = parser.getCurrentLineNumber() + 1;
                if (!records.hasNext()) {
                    break;
                }
                CSVRecord record = records.next();
                expected.add(line + " " + record.toList());
            }
        }
        assertThat(readAll(csv)).as(csv).isEqualTo(expected);
    }

    private static List<String> readAll(String csv) {
        CsvRecordReader reader = new CsvRecordReader(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
                LOCATION);
        List<String> records = new ArrayList<>();
        while (true) {
            long line = reader.line();
            String[] record = reader.next();
            if (record == null) {
                return records;
            }
            records.add(line + " " + Arrays.asList(record));
        }
    }
}
