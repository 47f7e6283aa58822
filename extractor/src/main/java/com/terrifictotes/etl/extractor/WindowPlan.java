package com.terrifictotes.etl.extractor;

import com.terrifictotes.etl.manifest.Backfill;
import com.terrifictotes.etl.manifest.ContinueAfter;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * What one run reads of one table, and what its manifest will vouch for.
 *
 * @param window      the fresh window: the range read first
 * @param vouchedFrom from where the previous manifest's {@code recentVersions} are complete; null on a table's
 *                    first extraction. If the window starts below it, the versions delivered in between are not in
 *                    that manifest and must be read from the lake ({@link #unvouchedBelow()})
 * @param recentFrom  from where this run's {@code recentVersions} will be complete: the lowest stamp the next run
 *                    may start at without asking the lake (see {@link WindowPlanner})
 * @param after       null, or the position inside the window's first stamp after which the window is read: the
 *                    previous batch was cut there ({@link ContinueAfter}), rows at or before it were delivered
 * @param backfill    null, or the part of an older window still to be read, below the fresh window
 *                    ({@link Backfill}): read with what the fresh windows of every table leave of the row limit
 */
record WindowPlan(ExtractionWindow window, LocalDateTime vouchedFrom, LocalDateTime recentFrom,
                  ContinueAfter after, Backfill backfill) {
    WindowPlan {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(recentFrom, "recentFrom");
        if (recentFrom.isAfter(window.hi())) {
            throw new IllegalArgumentException("recent versions from " + recentFrom + " lie after hi " + window.hi());
        }
        if (after != null && (after.id() == null || !after.lastUpdated().equals(window.lo()))) {
            throw new IllegalArgumentException("a window read after " + after + " must start at its stamp, not at "
                    + window.lo());
        }
        if (backfill != null && (window.lo() == null || backfill.below().isAfter(window.lo()))) {
            throw new IllegalArgumentException("a backfill range below " + backfill.below()
                    + " must lie below the window, which starts at " + window.lo());
        }
    }

    /** A plan that reads its whole window. */
    WindowPlan(ExtractionWindow window, LocalDateTime vouchedFrom, LocalDateTime recentFrom) {
        this(window, vouchedFrom, recentFrom, null, null);
    }

    /** A plan without a backfill range. */
    WindowPlan(ExtractionWindow window, LocalDateTime vouchedFrom, LocalDateTime recentFrom, ContinueAfter after) {
        this(window, vouchedFrom, recentFrom, after, null);
    }

    /** The same fresh window, with {@code range} (or none) to read after it. */
    WindowPlan withBackfill(Backfill range) {
        return new WindowPlan(window, vouchedFrom, recentFrom, after, range);
    }

    /**
     * Where the next batch goes on if this one stops before reading any row of the window: where this window
     * began.
     */
    ContinueAfter start() {
        return after != null ? after : ContinueAfter.from(window.lo());
    }

    /**
     * True if the window starts below what the previous manifest vouches for: a setting changed (a longer
     * overlap, a zone further west) or the source's clock went back further than the previous run foresaw.
     */
    boolean startsBelowWhatIsVouched() {
        return vouchedFrom != null && window.lo().isBefore(vouchedFrom);
    }

    /** The stamp range {@code [lo, vouchedFrom)} whose delivered versions must come from the lake. */
    LocalDateTime unvouchedBelow() {
        if (!startsBelowWhatIsVouched()) {
            throw new IllegalStateException("the window starts inside what the previous manifest vouches for");
        }
        return vouchedFrom;
    }
}
