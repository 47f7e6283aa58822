package com.terrifictotes.etl.loader;

import com.terrifictotes.etl.catalogue.WarehouseTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A range of a fact's surrogate keys, reserved from the column's sequence with one statement and handed to the rows
 * in turn as a big first load copies them, instead of the column default's {@code nextval} once per row.
 *
 * <p>Why: measured on 1,118,700 rows shaped like {@code fact_sales_order} (BENCHMARKS.md, "Issue #18, third round"),
 * the binary COPY took 2.4-3.5 s with the keys sent against 3.3-4.2 s with the server calling {@code nextval} per row.
 *
 * <p>The rows get what the default gave them: keys in the files' row order from the sequence's next value, and the
 * sequence is left as that many {@code nextval} calls leave it ({@code setval} marks the last key called). Like
 * {@code nextval}, the reservation is not undone by a rollback, so a batch merged after all (or retried) leaves a gap,
 * as before. It is taken only once the batch holds the fact's ACCESS EXCLUSIVE lock ({@link FactUniqueKeys#drop}), so
 * no other session's insert can draw a key between the two calls; {@code setval} needs the sequence's UPDATE
 * privilege, which its owner, the loader's role, has.
 */
final class SurrogateKeys {
    private static final String RESERVE = "SELECT setval(seq, nextval(seq) + ? - 1)"
            + " FROM (SELECT pg_get_serial_sequence(?, ?)::regclass AS seq) serial";

    private final String column;
    private long next;
    private final long last;

    private SurrogateKeys(String column, long first, long last) {
        this.column = column;
        this.next = first;
        this.last = last;
    }

    /** Reserves {@code count} keys of the fact's surrogate key; none for a count of 0. */
    static SurrogateKeys reserve(Connection connection, WarehouseTable fact, long count) throws SQLException {
        if (count <= 0) {
            return new SurrogateKeys(fact.surrogateKey(), 1, 0);
        }
        try (PreparedStatement reserve = connection.prepareStatement(RESERVE)) {
            reserve.setLong(1, count);
            reserve.setString(2, fact.quotedName());
            reserve.setString(3, fact.surrogateKey());
            try (ResultSet row = reserve.executeQuery()) {
                row.next();
                long last = row.getLong(1);
                return new SurrogateKeys(fact.surrogateKey(), last - count + 1, last);
            }
        }
    }

    /**
     * The next key. More rows than were reserved (a file holding more rows than its manifest records) raise
     * {@link IllegalArgumentException}, for the caller to name the file and row.
     */
    int next() {
        if (next > last) {
            throw new IllegalArgumentException("more rows than the manifest records: no " + column + " reserved");
        }
        return Math.toIntExact(next++);
    }
}
