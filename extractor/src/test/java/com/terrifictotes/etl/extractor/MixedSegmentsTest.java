package com.terrifictotes.etl.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import com.terrifictotes.etl.csv.CsvDialect;
import com.terrifictotes.etl.manifest.DataFile;
import com.terrifictotes.etl.manifest.RowVersion;
import com.terrifictotes.etl.manifest.TableExtract;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A window read in three segments (head row by row, middle by COPY, tail row by row) gives the same objects as
 * reading it all row by row: parts cut at the same rows across the segment borders, and the same dedup and
 * remembered versions, which only the edges can involve.
 */
class MixedSegmentsTest {
    private static final Duration OVERLAP = Duration.ofMinutes(10);
    private static final LocalDateTime LO = LocalDateTime.of(2025, 6, 1, 12, 0);
    private static final LocalDateTime HI = LO.plusHours(1);
    private static final ExtractionWindow WINDOW = new ExtractionWindow(LO, HI);
    private static final String HEADER = String.join(",",
            ProbeTable.TABLE.columnNames().stream().map(name -> "\"" + name + "\"").toList())
            + CsvDialect.FORMAT.getRecordSeparator();

    private static ExtractionBed bed;
    private static ProbeTable probe;

    @BeforeAll
    static void createProbe() {
        bed = ExtractionBed.create();
        probe = ProbeTable.create(bed);
    }

    @Test
    void partsAreCutAtTheSameRowsAcrossSegmentBordersWithAHeaderEachAndNoRecordSplit() throws Exception {
        probe.truncate();
        // 7 rows in the head, 9 in the middle (the first on its start), 7 in the tail (the first on its start)
        List<LocalDateTime> stamps = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            stamps.add(LO.plusMinutes(i).plusNanos(1_000_000));
        }
        for (int i = 0; i < 9; i++) {
            stamps.add(LO.plus(OVERLAP).plusMinutes(4L * i));
        }
        for (int i = 0; i < 7; i++) {
            stamps.add(HI.minus(OVERLAP).plusMinutes(i));
        }
        for (int i = 0; i < stamps.size(); i++) {
            probe.insertPlain(i + 1, stamps.get(i));
        }
        ExtractionSettings settings = bed.settings().withOverlap(OVERLAP).withPartRows(4);
        WindowSegments segments = WindowSegments.of(WINDOW, LO.plus(OVERLAP), HI.minus(OVERLAP));

        TableExtract mixed = probe.extract(WINDOW, segments, List.of(), settings);
        TableExtract byRows = probe.extract(WINDOW, ProbeTable.rowsOnly(WINDOW), List.of(), settings);

        assertThat(segments.segments()).extracting(WindowSegments.Segment::bulk).containsExactly(false, true, false);
        assertThat(mixed.rows()).isEqualTo(23);
        assertThat(mixed.files()).extracting(DataFile::rows).containsExactly(4L, 4L, 4L, 4L, 4L, 3L);
        List<byte[]> objects = probe.objects(mixed);
        assertThat(objects).zipSatisfy(probe.objects(byRows), (a, b) -> assertThat(a).isEqualTo(b));
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            String text = new String(objects.get(i), StandardCharsets.UTF_8);
            assertThat(text).startsWith(HEADER).endsWith(CsvDialect.FORMAT.getRecordSeparator());
            List<Map<String, String>> rows = ExtractionBed.parse(objects.get(i), ProbeTable.TABLE.columnNames());
            assertThat(rows).hasSize((int) mixed.files().get(i).rows());
            rows.forEach(row -> ids.add(Integer.parseInt(row.get("copy_probe_id"))));
        }
        assertThat(ids).containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 23).boxed().toList());
        assertThat(mixed.recentVersions()).isEqualTo(byRows.recentVersions()).hasSize(7);
    }

    @Test
    void versionsDeliveredBeforeAreDroppedInTheHeadAndTheTailIsRememberedWhileTheMiddleIsCopied()
            throws Exception {
        probe.truncate();
        LocalDateTime inHead = LO.plusMinutes(3);
        LocalDateTime inMiddle = LO.plusMinutes(30);
        LocalDateTime inTail = HI.minusMinutes(2);
        probe.insertPlain(1, inHead);       // delivered by the previous run: dropped
        probe.insertPlain(2, inHead);       // committed late, never delivered: kept
        probe.insertPlain(3, inMiddle);
        probe.insertPlain(4, inMiddle);
        probe.insertPlain(5, inTail);
        probe.insertPlain(6, inTail);
        List<RowVersion> previouslyDelivered = List.of(new RowVersion(1, inHead),
                new RowVersion(99, LO.plusMinutes(9)));
        ExtractionSettings settings = bed.settings().withOverlap(OVERLAP).withPartRows(2);

        TableExtract mixed = probe.extract(WINDOW, WindowSegments.of(WINDOW, LO.plus(OVERLAP), HI.minus(OVERLAP)),
                previouslyDelivered, settings);
        TableExtract byRows = probe.extract(WINDOW, ProbeTable.rowsOnly(WINDOW), previouslyDelivered, settings);

        assertThat(mixed.rows()).isEqualTo(5);
        List<String> ids = new ArrayList<>();
        for (byte[] object : probe.objects(mixed)) {
            ExtractionBed.parse(object, ProbeTable.TABLE.columnNames())
                    .forEach(row -> ids.add(row.get("copy_probe_id")));
        }
        assertThat(ids).containsExactly("2", "3", "4", "5", "6");
        assertThat(mixed.recentVersions()).containsExactly(new RowVersion(5, inTail), new RowVersion(6, inTail));
        assertThat(probe.objects(mixed)).zipSatisfy(probe.objects(byRows), (a, b) -> assertThat(a).isEqualTo(b));
        assertThat(mixed.recentVersions()).isEqualTo(byRows.recentVersions());
    }

    @Test
    void aVersionDeliveredAheadOfItsStampByAReconciliationIsDroppedThoughItLiesInTheCopiedMiddle() throws Exception {
        probe.truncate();
        for (int i = 0; i < 12; i++) {
            probe.insertPlain(i + 1, LO.plusMinutes(5L * i).plusNanos(1_000_000));
        }
        // a reconciliation batch delivered row 7 before any window reached its stamp, and remembered it
        LocalDateTime ahead = LO.plusMinutes(30).plusNanos(1_000_000);
        List<RowVersion> delivered = List.of(new RowVersion(7, ahead));
        ExtractionSettings settings = bed.settings().withOverlap(OVERLAP);

        TableExtract extracted = probe.extract(WINDOW, delivered, settings);
        TableExtract withoutTheHeadStretched = probe.extract(WINDOW, WindowSegments.of(WINDOW, LO.plus(OVERLAP), HI.minus(OVERLAP)), delivered,
                settings);

        assertThat(ids(extracted)).as("row 7 was delivered already").hasSize(11).doesNotContain(7);
        assertThat(ids(withoutTheHeadStretched)).as("COPY, which checks nothing, would deliver it again")
                .contains(7);
    }

    private static List<Integer> ids(TableExtract extract) {
        List<Integer> ids = new ArrayList<>();
        for (byte[] object : probe.objects(extract)) {
            ExtractionBed.parse(object, ProbeTable.TABLE.columnNames())
                    .forEach(row -> ids.add(Integer.parseInt(row.get("copy_probe_id"))));
        }
        return ids;
    }
}
