package com.terrifictotes.etl.testbed.expected;

import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.manifest.Backfill;
import com.terrifictotes.etl.manifest.ContinueAfter;
import com.terrifictotes.etl.manifest.TableExtract;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;

/**
 * The part of a table's backfill range ({@link Backfill}, issue #19) one batch read, told from the batch's extract and
 * the one before it: from where the range went on after the previous batch (its backfill range's position; or, when
 * this batch made the range, the previous batch's cut) to where this batch left it (its own range's position; or the
 * range's bound, if it read the range to its end), below the range's bound.
 *
 * @param after the position after which the part starts
 * @param upTo  the last position the part holds; null: every row up to {@code below}
 * @param below the range's exclusive bound on {@code last_updated}
 */
record BackfillRead(ContinueAfter after, ContinueAfter upTo, LocalDateTime below) {
    /** The part {@code extract} read, or null if its batch read no backfill range of the table. */
    static BackfillRead of(TableExtract previous, TableExtract extract) {
        if (previous == null || extract.windowLo() == null) {
            return null;
        }
        Backfill range = previous.backfill();
        ContinueAfter cut = previous.continueAfter();
        ContinueAfter after;
        LocalDateTime below;
        if (range != null) {
            after = range.continueAfter();
            below = range.below().isAfter(extract.windowLo()) ? extract.windowLo() : range.below();
        } else if (cut != null && (cut.lastUpdated() == null || cut.lastUpdated().isBefore(extract.windowLo()))) {
            after = cut; // this batch made the range of the previous batch's cut
            below = extract.windowLo();
        } else {
            return null;
        }
        if (after.lastUpdated() != null && !after.lastUpdated().isBefore(below)) {
            return null;
        }
        return new BackfillRead(after, extract.backfill() == null ? null : extract.backfill().continueAfter(),
                below);
    }

    /** The rows of the part, by {@code select} (the table's every row) narrowed to it. */
    PreparedStatement select(Connection connection, String select, SourceTable table) throws SQLException {
        String key = table.column(table.primaryKey()).quotedName();
        String where = " WHERE last_updated < ?";
        if (after.lastUpdated() != null) {
            where += after.id() == null ? " AND last_updated >= ?" : " AND (last_updated, " + key + ") > (?, ?)";
        }
        if (upTo != null) {
            where += upTo.lastUpdated() == null ? " AND false" : upTo.id() == null ? " AND last_updated < ?"
                    : " AND (last_updated, " + key + ") <= (?, ?)";
        }
        PreparedStatement statement = connection.prepareStatement(select + where);
        int index = 1;
        statement.setObject(index++, below);
        index = bind(statement, index, after);
        if (upTo != null) {
            bind(statement, index, upTo);
        }
        return statement;
    }

    private static int bind(PreparedStatement statement, int index, ContinueAfter position) throws SQLException {
        int next = index;
        if (position.lastUpdated() != null) {
            statement.setObject(next++, position.lastUpdated());
            if (position.id() != null) {
                statement.setInt(next++, position.id());
            }
        }
        return next;
    }
}
