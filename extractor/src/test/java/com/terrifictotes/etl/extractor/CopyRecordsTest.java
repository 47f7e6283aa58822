package com.terrifictotes.etl.extractor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.terrifictotes.etl.catalogue.Column;
import com.terrifictotes.etl.catalogue.ColumnType;
import com.terrifictotes.etl.manifest.DataFile;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import com.terrifictotes.etl.testbed.TestBed;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The COPY stream is cut into records, and its timestamps rewritten, wherever the chunks happen to end. */
class CopyRecordsTest {
    private static final List<Column> COLUMNS = List.of(Column.required("id", ColumnType.INTEGER),
            Column.optional("note", ColumnType.TEXT), Column.optional("at", ColumnType.TIMESTAMP_MILLIS));
    private static final String STREAM = "\"1\",\"a,\"\"b\"\"\nc\",\"2022-11-03 14:20:52.1\"\n"
            + "\"2\",,\"0044-03-15 12:00:00 BC\"\n"
            + "\"3\",\"\",\n"
            + "\"4\",\"Zürich 🙂\r\n\",\"infinity\"\n"
            + "\"5\",\"\"\"\",\"10000-01-01 00:00:00\"\n";
    private static final String EXPECTED = "\"id\",\"note\",\"at\"\r\n"
            + "\"1\",\"a,\"\"b\"\"\nc\",\"2022-11-03T14:20:52.100\"\r\n"
            + "\"2\",,\"-0043-03-15T12:00:00.000\"\r\n"
            + "\"3\",\"\",\r\n"
            + "\"4\",\"Zürich 🙂\r\n\",\"+999999999-12-31T23:59:59.999999999\"\r\n"
            + "\"5\",\"\"\"\",\"+10000-01-01T00:00:00.000\"\r\n";

    private final WriteOnceBucket bucket = new WriteOnceBucket(TestBed.shared().s3(),
            TestBed.shared().createBucket("copy-records"));

    @Test
    void recordsAndTimestampsComeOutTheSameHoweverTheStreamIsChunked() {
        byte[] stream = STREAM.getBytes(StandardCharsets.UTF_8);
        Random random = new Random(7);
        for (int round = 0; round < 25; round++) {
            int maxChunk = round == 0 ? stream.length : 1 + random.nextInt(8);

            List<String> objects = write(stream, maxChunk, random, 2);

            String records = String.join("", objects.stream().map(CopyRecordsTest::withoutHeader).toList());
            assertThat(records).as("chunks of at most %d bytes", maxChunk).isEqualTo(withoutHeader(EXPECTED));
            assertThat(objects).hasSize(3).allSatisfy(o -> assertThat(o).startsWith("\"id\",\"note\",\"at\"\r\n"));
        }
    }

    @Test
    void aSinglePartHoldsExactlyTheRewrittenStreamUnderTheHeader() {
        assertThat(write(STREAM.getBytes(StandardCharsets.UTF_8), 5, new Random(1), 100)).containsExactly(EXPECTED);
    }

    @Test
    void anUnquotedValueIsRefusedNamingTheRecord() {
        CsvParts parts = parts(10);
        CopyRecords records = new CopyRecords(parts, COLUMNS);
        byte[] bad = "\"1\",,\"2022-11-03 14:20:52\"\n\"2\",x,\n".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> records.accept(bad, 0, bad.length))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("0x78 in record 2");
        parts.abort();
    }

    @Test
    void aStreamThatEndsInsideARecordOrDisagreesWithTheRowCountIsRefused() {
        CsvParts parts = parts(10);
        CopyRecords records = new CopyRecords(parts, COLUMNS);
        byte[] cut = "\"1\",,\"2022-11-03 14:20:52\"\n\"2\",\"half".getBytes(StandardCharsets.UTF_8);
        records.accept(cut, 0, cut.length);

        assertThatThrownBy(() -> records.finish(2)).hasMessageContaining("ended inside record 2");
        parts.abort();
    }

    @Test
    void aTimestampInAnUnexpectedShapeIsRefusedNamingIt() {
        CsvParts parts = parts(10);
        CopyRecords records = new CopyRecords(parts, COLUMNS);
        byte[] odd = "\"1\",,\"03/11/2022 14:20:52\"\n".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> records.accept(odd, 0, odd.length))
                .hasMessageContaining("'03/11/2022 14:20:52'").hasMessageContaining("ISO DateStyle");
        parts.abort();
    }

    private List<String> write(byte[] stream, int maxChunk, Random random, int partRows) {
        CsvParts parts = parts(partRows);
        CopyRecords records = new CopyRecords(parts, COLUMNS);
        for (int at = 0; at < stream.length; ) {
            int length = Math.min(stream.length - at, 1 + random.nextInt(maxChunk));
            byte[] chunk = new byte[length + 2];
            System.arraycopy(stream, at, chunk, 1, length);
            records.accept(chunk, 1, length);
            at += length;
        }
        assertThat(records.finish(5)).isEqualTo(5);
        List<DataFile> files = parts.finish();
        return files.stream().map(f -> new String(bucket.readAllBytes(f.key()), StandardCharsets.UTF_8)).toList();
    }

    private static String withoutHeader(String csv) {
        return csv.substring(csv.indexOf("\r\n") + 2);
    }

    private CsvParts parts(int partRows) {
        String run = UUID.randomUUID().toString();
        return new CsvParts(bucket, part -> "data/t/" + run + "/part-" + part + ".csv", List.of("id", "note", "at"),
                partRows);
    }
}
