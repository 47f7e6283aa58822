package com.terrifictotes.etl.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.catalogue.ToteSysCatalogue;
import com.terrifictotes.etl.extractor.WindowSegments.Segment;
import com.terrifictotes.etl.manifest.ContinueAfter;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** The statements of a batch with a row limit, and of a window that goes on after a cut, on both paths. */
class CutSqlTest {
    private static final SourceTable STAFF = ToteSysCatalogue.table("staff");
    private static final LocalDateTime LO = LocalDateTime.of(2024, 9, 12, 18, 30, 9, 507_000_000);
    private static final LocalDateTime HI = LocalDateTime.of(2026, 12, 6, 11, 0);
    private static final ContinueAfter CUT = new ContinueAfter(LO, 439);

    @Test
    void theRowPathLeavesOutRowsUpToTheCutByARowValueComparisonAndAlwaysHasALimit() {
        String sql = TableExtraction.sql(STAFF, new RowCells(STAFF, TextTransfer.CONVERTED),
                new Segment(LO, HI, false, CUT));

        assertThat(sql).endsWith(" WHERE \"staff\".\"last_updated\" >= ? AND \"staff\".\"last_updated\" < ?"
                + " AND (\"staff\".\"last_updated\", \"staff\".\"staff_id\") > (?, ?)"
                + " ORDER BY \"staff\".\"last_updated\", \"staff\".\"staff_id\" LIMIT ?");
    }

    @Test
    void theRowPathWithoutACutComparesTheStampOnly() {
        String sql = TableExtraction.sql(STAFF, new RowCells(STAFF, TextTransfer.CONVERTED),
                new Segment(null, HI, false));

        assertThat(sql).endsWith(" WHERE \"staff\".\"last_updated\" < ?"
                + " ORDER BY \"staff\".\"last_updated\", \"staff\".\"staff_id\" LIMIT ?");
    }

    @Test
    void copyLeavesOutRowsUpToTheCutWithLiteralsAndAsksForOneRowMoreThanItMayTake() {
        String sql = CopySegment.sql(STAFF, new Segment(LO, HI, true, CUT), TextTransfer.CONVERTED, 500);

        assertThat(sql).endsWith(" WHERE \"staff\".\"last_updated\" >= TIMESTAMP '2024-09-12 18:30:09.507000'"
                + " AND \"staff\".\"last_updated\" < TIMESTAMP '2026-12-06 11:00:00.000000'"
                + " AND (\"staff\".\"last_updated\", \"staff\".\"staff_id\")"
                + " > (TIMESTAMP '2024-09-12 18:30:09.507000', 439)"
                + " ORDER BY \"staff\".\"last_updated\", \"staff\".\"staff_id\" LIMIT 501)"
                + " TO STDOUT (FORMAT csv, FORCE_QUOTE *)");
    }

    @Test
    void copyWithoutALimitOrCutIsTheStatementItAlwaysWas() {
        String sql = CopySegment.sql(STAFF, new Segment(null, HI, true), TextTransfer.CONVERTED);

        assertThat(sql).endsWith(" WHERE \"staff\".\"last_updated\" < TIMESTAMP '2026-12-06 11:00:00.000000'"
                + " ORDER BY \"staff\".\"last_updated\", \"staff\".\"staff_id\")"
                + " TO STDOUT (FORMAT csv, FORCE_QUOTE *)");
    }
}
