package com.terrifictotes.etl.extractor;

import com.terrifictotes.etl.manifest.Backfill;
import com.terrifictotes.etl.manifest.ContinueAfter;
import com.terrifictotes.etl.manifest.RowVersion;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Drops re-read rows that an earlier run already delivered, and remembers what the next run may re-read.
 *
 * <p>The set carried in the manifest is cumulative: (versions the previous manifest remembered ∪ versions delivered
 * now), keeping only those at or after {@code keepFrom}, the run's {@code recentFrom} (normally the new {@code hi}
 * minus the overlap; lower when a clock change is near, see {@link WindowPlanner}). Cumulative, because runs closer
 * together than the overlap re-read rows that were delivered two or more runs back. Bounded, because the next
 * window starts no lower without reading the lake. Memory is the rows of one overlap period (an hour more around
 * the autumn clock change of a zone that has one).
 */
final class DeliveredVersions {
    private static final Comparator<RowVersion> ORDER =
            Comparator.comparing(RowVersion::lastUpdated).thenComparingInt(RowVersion::id);

    private final Set<RowVersion> previous;
    private final LocalDateTime keepFrom;
    private final Set<RowVersion> recent = new HashSet<>();

    public DeliveredVersions(List<RowVersion> previouslyDelivered, LocalDateTime keepFrom) {
        this.previous = Set.copyOf(previouslyDelivered);
        this.keepFrom = keepFrom;
        for (RowVersion version : previouslyDelivered) {
            remember(version);
        }
    }

    /** True if an earlier run delivered this version: the row was re-read by the overlap and must be dropped. */
    public boolean alreadyDelivered(RowVersion version) {
        return previous.contains(version);
    }

    /** Records a version this run delivers. */
    public void delivered(RowVersion version) {
        remember(version);
    }

    /** What the manifest of this run carries as {@code recentVersions}, in a stable order. */
    public List<RowVersion> recentVersions() {
        return recentVersions(null);
    }

    /**
     * As above for a table cut at {@code cut} (null: read to the end of its window): the versions delivered before
     * this run that lie after the cut are kept too, whatever their stamp, since the next batch reads on from the cut
     * and must drop them. (What this run delivered lies at or before the cut.)
     */
    public List<RowVersion> recentVersions(ContinueAfter cut) {
        return recentVersions(cut, null);
    }

    /**
     * As above, for a table with a backfill range left after this run ({@code backfill}, null if none): the versions
     * delivered before this run that lie in that range are kept too, since the run that reads it must drop them.
     */
    public List<RowVersion> recentVersions(ContinueAfter cut, Backfill backfill) {
        Set<RowVersion> kept = new HashSet<>(recent);
        if (cut != null) {
            previous.stream().filter(cut::precedes).forEach(kept::add);
        }
        if (backfill != null) {
            previous.stream().filter(backfill::holds).forEach(kept::add);
        }
        return kept.stream().sorted(ORDER).toList();
    }

    private void remember(RowVersion version) {
        if (!version.lastUpdated().isBefore(keepFrom)) {
            recent.add(version);
        }
    }
}
