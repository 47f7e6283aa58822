package com.terrifictotes.etl.manifest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;

/**
 * Where a table's window was cut: the last position ({@code last_updated}, key) a batch read, in the order every read
 * takes ({@code ORDER BY last_updated, key}). The next batch reads the same table from just after it (issue #19: a
 * window of any size becomes a chain of bounded batches). A position, never a timestamp alone, because a tie of one
 * {@code last_updated} can be larger than a batch.
 *
 * @param lastUpdated the cut's stamp; null: nothing of the table was read yet, the next batch starts from the
 *                    beginning
 * @param id          the last key read at {@code lastUpdated}; null: no row at {@code lastUpdated} was read yet (a
 *                    table the batch had no room for continues from its window's start)
 */
public record ContinueAfter(@JsonInclude(JsonInclude.Include.NON_NULL) LocalDateTime lastUpdated,
                            @JsonInclude(JsonInclude.Include.NON_NULL) Integer id) {
    private static final Comparator<RowVersion> ORDER =
            Comparator.comparing(RowVersion::lastUpdated).thenComparingInt(RowVersion::id);

    public ContinueAfter {
        if (id != null && lastUpdated == null) {
            throw new IllegalArgumentException("a cut after key " + id + " needs its last_updated");
        }
    }

    /** After {@code version}: the rows at its stamp with a greater key, then every later stamp. */
    public static ContinueAfter after(RowVersion version) {
        return new ContinueAfter(version.lastUpdated(), version.id());
    }

    /** Before every row stamped {@code from} or later; null {@code from}: before every row. */
    public static ContinueAfter from(LocalDateTime from) {
        return new ContinueAfter(from, null);
    }

    /** True if {@code version} comes after this position in ({@code last_updated}, key) order: not read yet. */
    public boolean precedes(RowVersion version) {
        if (lastUpdated == null) {
            return true;
        }
        return id == null ? !version.lastUpdated().isBefore(lastUpdated)
                : ORDER.compare(version, new RowVersion(id, lastUpdated)) > 0;
    }

    /**
     * The lowest stamp from which every row comes after this position: {@code lastUpdated}, or a microsecond (the
     * source's precision) later if rows at {@code lastUpdated} were read. Null when that is every stamp.
     */
    public LocalDateTime wholeStampsFrom() {
        if (lastUpdated == null || id == null) {
            return lastUpdated;
        }
        return lastUpdated.truncatedTo(ChronoUnit.MICROS).plus(1, ChronoUnit.MICROS);
    }
}
