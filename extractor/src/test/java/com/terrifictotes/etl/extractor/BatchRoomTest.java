package com.terrifictotes.etl.extractor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.terrifictotes.etl.manifest.Backfill;
import com.terrifictotes.etl.manifest.Checksum;
import com.terrifictotes.etl.manifest.ContinueAfter;
import com.terrifictotes.etl.manifest.DataFile;
import com.terrifictotes.etl.manifest.RejectedValue;
import com.terrifictotes.etl.manifest.TableExtract;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** A batch's row limit shared by its tables in catalogue order. */
class BatchRoomTest {
    private static final LocalDateTime HI = LocalDateTime.of(2026, 12, 6, 11, 0);

    @Test
    void eachTableMayTakeWhatTheTablesBeforeItLeftAndRejectsCount() {
        BatchRoom room = new BatchRoom(500);

        assertThat(room.nextLimit()).isEqualTo(500);
        room.took(extract("address", 120, 3, null));
        assertThat(room.nextLimit()).isEqualTo(377);
        room.took(extract("counterparty", 0, 0, null));
        assertThat(room.nextLimit()).isEqualTo(377);
        assertThat(room.caughtUp()).isTrue();
    }

    @Test
    void afterACutTheBatchIsFullAndTheTablesAfterItAreNotRead() {
        BatchRoom room = new BatchRoom(500);
        room.took(extract("address", 200, 0, null));

        room.took(extract("counterparty", 300, 0, new ContinueAfter(HI.minusDays(1), 300)));

        assertThat(room.nextLimit()).isEqualTo(BatchRoom.FULL);
        room.took(extract("currency", 0, 0, ContinueAfter.from(null)));
        assertThat(room.nextLimit()).isEqualTo(BatchRoom.FULL);
        assertThat(room.caughtUp()).isFalse();
    }

    @Test
    void aLimitReachedAtTheEndOfATableLetsTheNextOnlyLookWhetherItHasAnything() {
        BatchRoom room = new BatchRoom(500);

        room.took(extract("address", 500, 0, null));

        assertThat(room.nextLimit()).as("look only").isZero();
        assertThat(room.caughtUp()).isTrue();
        room.took(extract("counterparty", 0, 0, ContinueAfter.from(HI.minusMinutes(5))));
        assertThat(room.nextLimit()).isEqualTo(BatchRoom.FULL);
        assertThat(room.caughtUp()).isFalse();
    }

    @Test
    void backfillRangesTakeWhatTheFreshWindowsLeftAndARangeLeftOverFillsTheBatch() {
        BatchRoom room = new BatchRoom(500);
        TableExtract freshAddress = extract("address", 20, 0, null);
        TableExtract freshPayment = extract("payment", 30, 0, null);
        room.took(freshAddress);
        room.took(freshPayment);
        Backfill left = new Backfill(new ContinueAfter(HI.minusDays(2), 7), HI.minusMinutes(5));

        room.tookBackfill(freshAddress, extract("address", 120, 0, null));
        assertThat(room.nextLimit()).isEqualTo(350);
        assertThat(room.caughtUp()).as("the address range is read to its end").isTrue();
        room.tookBackfill(freshPayment, withRange(extract("payment", 380, 0, null), left));

        assertThat(room.nextLimit()).isEqualTo(BatchRoom.FULL);
        assertThat(room.caughtUp()).isFalse();
    }

    @Test
    void aTableThatTookMoreThanWasLeftIsABug() {
        BatchRoom room = new BatchRoom(10);

        assertThatThrownBy(() -> room.took(extract("address", 11, 0, null)))
                .isInstanceOf(IllegalStateException.class).hasMessage("address took 11 rows with 10 left");
        assertThatThrownBy(() -> new BatchRoom(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static TableExtract extract(String table, long rows, int rejected, ContinueAfter cut) {
        List<DataFile> files = rows == 0 ? List.of() : List.of(new DataFile("data/" + table + "/part-00001.csv",
                rows, rows * 10, Checksum.crc32c(1)));
        List<RejectedValue> rejects = new ArrayList<>();
        LongStream.range(0, rejected).forEach(i -> rejects.add(RejectedValue.invalidUtf8((int) i, HI.minusHours(1),
                "name", new byte[] {(byte) 0xe9})));
        return new TableExtract(table, null, HI, List.of(table + "_id"), rows, rows * 10, files, List.of(), null,
                rejects, cut, null);
    }

    private static TableExtract withRange(TableExtract extract, Backfill range) {
        return new TableExtract(extract.table(), HI.minusMinutes(5), HI, extract.columns(), extract.rows(),
                extract.bytes(), extract.files(), List.of(), null, extract.rejects(), null, range);
    }
}
