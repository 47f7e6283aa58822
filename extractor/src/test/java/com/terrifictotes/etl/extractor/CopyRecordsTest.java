package com.terrifictotes.etl.extractor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.terrifictotes.etl.catalogue.Column;
import com.terrifictotes.etl.catalogue.ColumnType;
import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.manifest.DataFile;
import com.terrifictotes.etl.manifest.RejectedValue;
import com.terrifictotes.etl.manifest.RowVersion;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import com.terrifictotes.etl.testbed.servers.TestBed;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The COPY stream is cut into records, its timestamps rewritten, its hex-encoded strings decoded and its records
 * with text that is not UTF-8 rejected, wherever the chunks happen to end.
 */
class CopyRecordsTest {
    private static final SourceTable TABLE = new SourceTable("t", "id", List.of(Column.required("id", ColumnType.INTEGER),
            Column.optional("note", ColumnType.TEXT), Column.optional(SourceTable.CREATED_AT, ColumnType.TIMESTAMP_MILLIS),
            Column.required(SourceTable.LAST_UPDATED, ColumnType.TIMESTAMP_MILLIS)), List.of(), List.of());
    private static final String HEADER = "\"id\",\"note\",\"created_at\",\"last_updated\"\r\n";
    private static final String STAMP = ",\"2022-11-03 14:20:52\"\n";
    private static final String STAMPED = ",\"2022-11-03T14:20:52.000\"\r\n";
    private static final String STREAM = "\"1\",\"a,\"\"b\"\"\nc\",\"2022-11-03 14:20:52.1\"" + STAMP
            + "\"2\",,\"0044-03-15 12:00:00 BC\"" + STAMP
            + "\"3\",\"\"," + STAMP
            + "\"4\",\"Zürich 🙂\r\n\",\"infinity\"" + STAMP
            + "\"5\",\"\"\"\",\"10000-01-01 00:00:00\"" + STAMP;
    private static final String EXPECTED = HEADER
            + "\"1\",\"a,\"\"b\"\"\nc\",\"2022-11-03T14:20:52.100\"" + STAMPED
            + "\"2\",,\"-0043-03-15T12:00:00.000\"" + STAMPED
            + "\"3\",\"\"," + STAMPED
            + "\"4\",\"Zürich 🙂\r\n\",\"+999999999-12-31T23:59:59.999999999\"" + STAMPED
            + "\"5\",\"\"\"\",\"+10000-01-01T00:00:00.000\"" + STAMPED;

    private final WriteOnceBucket bucket = new WriteOnceBucket(TestBed.shared().s3(),
            TestBed.shared().createBucket("copy-records"));

    @Test
    void recordsAndTimestampsComeOutTheSameHoweverTheStreamIsChunked() {
        byte[] stream = STREAM.getBytes(StandardCharsets.UTF_8);
        Random random = new Random(7);
        for (int round = 0; round < 25; round++) {
            int maxChunk = round == 0 ? stream.length : 1 + random.nextInt(8);

            List<String> objects = write(stream, TextTransfer.CONVERTED, maxChunk, random, 2, new ArrayList<>(), 5);

            String records = String.join("", objects.stream().map(CopyRecordsTest::withoutHeader).toList());
            assertThat(records).as("chunks of at most %d bytes", maxChunk).isEqualTo(withoutHeader(EXPECTED));
            assertThat(objects).hasSize(3).allSatisfy(o -> assertThat(o).startsWith(HEADER));
        }
    }

    @Test
    void aSinglePartHoldsExactlyTheRewrittenStreamUnderTheHeader() {
        assertThat(write(STREAM.getBytes(StandardCharsets.UTF_8), TextTransfer.CONVERTED, 5, new Random(1), 100,
                new ArrayList<>(), 5)).containsExactly(EXPECTED);
    }

    @Test
    void stringsSentAsHexAreDecodedWithQuotesDoubledAndARecordThatIsNotUtf8IsRejectedHoweverChunked() {
        // SQL_ASCII: the strings arrive as the hex of their stored bytes
        String stream = "\"1\",\"" + hex("say \"hi\",\r\n🙂") + "\"," + STAMP
                + "\"2\",\"" + hex("") + "\"," + STAMP
                + "\"3\",\"636166e9\"," + STAMP
                + "\"4\",," + STAMP
                + "\"5\",\"" + hex("Zürich") + "\",\"2022-11-03 14:20:52.5\"" + STAMP;
        String expected = HEADER
                + "\"1\",\"say \"\"hi\"\",\r\n🙂\"," + STAMPED
                + "\"2\",\"\"," + STAMPED
                + "\"4\",," + STAMPED
                + "\"5\",\"Zürich\",\"2022-11-03T14:20:52.500\"" + STAMPED;
        Random random = new Random(3);
        for (int round = 0; round < 25; round++) {
            List<RejectedValue> rejects = new ArrayList<>();
            int maxChunk = round == 0 ? stream.length() : 1 + random.nextInt(8);

            List<String> objects = write(stream.getBytes(StandardCharsets.US_ASCII), TextTransfer.RAW_BYTES,
                    maxChunk, random, 100, rejects, 4);

            assertThat(objects).as("chunks of at most %d bytes", maxChunk).containsExactly(expected);
            assertThat(rejects).containsExactly(new RejectedValue(3, LocalDateTime.of(2022, 11, 3, 14, 20, 52),
                    "note", "not valid UTF-8: byte 0xE9 at offset 3 of 4", "caf\\xE9"));
        }
    }

    @Test
    void anUnquotedValueIsRefusedNamingTheRecord() {
        CsvParts parts = parts(10);
        CopyRecords records = new CopyRecords(parts, TABLE, TextTransfer.CONVERTED, new ArrayList<>());
        byte[] bad = ("\"1\",,\"2022-11-03 14:20:52\"" + STAMP + "\"2\",x,," + STAMP).getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> records.accept(bad, 0, bad.length))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("0x78 in record 2 of t");
        parts.abort();
    }

    @Test
    void aRecordWithMoreOrFewerFieldsThanTheTableIsRefused() {
        CsvParts parts = parts(10);
        byte[] tooMany = ("\"1\",,," + STAMP.replace("\n", ",\n")).getBytes(StandardCharsets.UTF_8);
        byte[] tooFew = "\"1\",,\"2022-11-03 14:20:52\"\n".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> new CopyRecords(parts, TABLE, TextTransfer.CONVERTED, new ArrayList<>())
                .accept(tooMany, 0, tooMany.length)).hasMessageContaining("more than 4 fields in record 1");
        assertThatThrownBy(() -> new CopyRecords(parts, TABLE, TextTransfer.CONVERTED, new ArrayList<>())
                .accept(tooFew, 0, tooFew.length)).hasMessageContaining("3 fields, not 4 in record 1");
        parts.abort();
    }

    @Test
    void aStreamThatEndsInsideARecordOrDisagreesWithTheRowCountIsRefused() {
        CsvParts parts = parts(10);
        CopyRecords records = new CopyRecords(parts, TABLE, TextTransfer.CONVERTED, new ArrayList<>());
        byte[] cut = ("\"1\",,\"2022-11-03 14:20:52\"" + STAMP + "\"2\",\"half").getBytes(StandardCharsets.UTF_8);
        records.accept(cut, 0, cut.length);

        assertThatThrownBy(() -> records.finish(2)).hasMessageContaining("ended inside record 2");
        parts.abort();
    }

    @Test
    void aTimestampInAnUnexpectedShapeIsRefusedNamingIt() {
        CsvParts parts = parts(10);
        CopyRecords records = new CopyRecords(parts, TABLE, TextTransfer.CONVERTED, new ArrayList<>());
        byte[] odd = ("\"1\",,\"03/11/2022 14:20:52\"" + STAMP).getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> records.accept(odd, 0, odd.length))
                .hasMessageContaining("'03/11/2022 14:20:52'").hasMessageContaining("ISO DateStyle");
        parts.abort();
    }

    @Test
    void withALimitTheRecordsAfterItAreHeldBackAndTheLastTakenNamesTheCut() {
        CsvParts parts = parts(10);
        CopyRecords records = new CopyRecords(parts, TABLE, TextTransfer.CONVERTED, new ArrayList<>(), 2);
        byte[] stream = ("\"1\",,\"2022-11-03 14:20:52\"" + STAMP + "\"2\",," + STAMP.replace("52\"", "53.25\"")
                + "\"3\",," + STAMP).getBytes(StandardCharsets.UTF_8);
        records.accept(stream, 0, stream.length);

        assertThat(records.finish(3)).isEqualTo(2);
        assertThat(records.more()).isTrue();
        assertThat(records.taken()).isEqualTo(2);
        assertThat(records.lastTaken()).isEqualTo(new RowVersion(2, LocalDateTime.of(2022, 11, 3, 14, 20, 53,
                250_000_000)));
        assertThat(parts.finish()).singleElement().satisfies(file -> assertThat(file.rows()).isEqualTo(2));
    }

    @Test
    void withALimitNoRecordAfterItMeansTheSegmentEndedThere() {
        CsvParts parts = parts(10);
        CopyRecords records = new CopyRecords(parts, TABLE, TextTransfer.CONVERTED, new ArrayList<>(), 2);
        byte[] stream = ("\"1\",," + STAMP + "\"2\",," + STAMP).getBytes(StandardCharsets.UTF_8);
        records.accept(stream, 0, stream.length);

        assertThat(records.finish(2)).isEqualTo(2);
        assertThat(records.more()).isFalse();
        assertThat(records.lastTaken()).isEqualTo(new RowVersion(2, LocalDateTime.of(2022, 11, 3, 14, 20, 52)));
        parts.abort();
    }

    private List<String> write(byte[] stream, TextTransfer transfer, int maxChunk, Random random, int partRows,
                               List<RejectedValue> rejects, long expectedWritten) {
        CsvParts parts = parts(partRows);
        CopyRecords records = new CopyRecords(parts, TABLE, transfer, rejects);
        for (int at = 0; at < stream.length; ) {
            int length = Math.min(stream.length - at, 1 + random.nextInt(maxChunk));
            byte[] chunk = new byte[length + 2];
            System.arraycopy(stream, at, chunk, 1, length);
            records.accept(chunk, 1, length);
            at += length;
        }
        assertThat(records.finish(5)).isEqualTo(expectedWritten);
        assertThat(records.rejected()).isEqualTo(5 - expectedWritten);
        List<DataFile> files = parts.finish();
        return files.stream().map(f -> new String(bucket.readAllBytes(f.key()), StandardCharsets.UTF_8)).toList();
    }

    private static String hex(String text) {
        return HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String withoutHeader(String csv) {
        return csv.substring(csv.indexOf("\r\n") + 2);
    }

    private CsvParts parts(int partRows) {
        String run = UUID.randomUUID().toString();
        return new CsvParts(bucket, part -> "data/t/" + run + "/part-" + part + ".csv", TABLE.columnNames(),
                partRows);
    }
}
