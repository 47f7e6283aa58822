package com.terrifictotes.etl.manifest;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * The part of a cut table's old window that is still to be read (issue #19, ingestion manifest format 4): every row
 * after {@code continueAfter} in ({@code last_updated}, key) order and stamped below {@code below}. DBLog's idea:
 * each run reads the table's fresh window first (the normal window from the previous run's snapshot) and spends
 * what is left of its row limit on this range, so a change made while a chain runs reaches the next batch, not the
 * chain's last.
 *
 * <p>The range is frozen: {@code below} is the start of the first fresh window read beside it, and no later fresh
 * window starts lower (if one would, a clock change or a longer overlap, the range is lowered to it), so a backfill
 * range and the fresh windows never overlap. A row updated while its old version still lies in the range moves, by
 * its new stamp, into a fresh window; its old version is then never read.
 *
 * @param continueAfter where the range goes on: the last position a backfill read (or the cut that made the range);
 *                      {@link ContinueAfter#from from(null)}: from the table's beginning
 * @param below         exclusive upper bound of the range's stamps
 */
public record Backfill(ContinueAfter continueAfter, LocalDateTime below) {
    public Backfill {
        Objects.requireNonNull(continueAfter, "continueAfter");
        Objects.requireNonNull(below, "below");
        if (continueAfter.lastUpdated() != null && !continueAfter.lastUpdated().isBefore(below)) {
            throw new IllegalArgumentException("a backfill range after " + continueAfter.lastUpdated()
                    + " below " + below + " is empty");
        }
    }

    /** The range after {@code continueAfter} below {@code below}; null if it is empty. */
    public static Backfill ofRange(ContinueAfter continueAfter, LocalDateTime below) {
        if (continueAfter.lastUpdated() != null && !continueAfter.lastUpdated().isBefore(below)) {
            return null;
        }
        return new Backfill(continueAfter, below);
    }

    /** True if {@code version} lies in the range: after the position, below the bound. */
    public boolean holds(RowVersion version) {
        return version.lastUpdated().isBefore(below) && continueAfter.precedes(version);
    }

    /** The same range, no longer reaching {@code bound} or above; null if nothing of it is left. */
    public Backfill below(LocalDateTime bound) {
        return bound.isBefore(below) ? ofRange(continueAfter, bound) : this;
    }

    /** The lowest stamp the range may still hold; null: every stamp below {@code below}. */
    @JsonIgnore
    public LocalDateTime from() {
        return continueAfter.lastUpdated();
    }
}
