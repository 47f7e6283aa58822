package com.terrifictotes.etl.manifest;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What marks an ingestion batch as the work of the reconciliation pass rather than of an extraction window, and what
 * it found. Its CSV files hold source rows the warehouse lacks or holds wrongly (current versions, read from one
 * snapshot); {@code deleted} names the source rows that are gone. Its tables carry the extractor's window state of the
 * manifest before it forward unchanged, so the next extraction continues where it was.
 *
 * @param sourceTime        the source's wall clock (in the extractor's {@code SOURCE_TIME_ZONE}) at the snapshot the
 *                          pass read: what the warehouse records as {@code deleted_at}, at millisecond precision
 * @param warehouseSequence the load ledger's sequence when the warehouse was read: what the pass compared against
 * @param deleted           per source table, the primary keys the warehouse holds and the source no longer has,
 *                          ascending; tables with none left out
 * @param found             per warehouse table, what the comparison found, tables with nothing left out
 */
public record Reconciliation(LocalDateTime sourceTime, long warehouseSequence, Map<String, List<Integer>> deleted,
                             Map<String, Findings> found) {
    public Reconciliation {
        Objects.requireNonNull(sourceTime, "sourceTime");
        sourceTime = sourceTime.truncatedTo(ChronoUnit.MILLIS);
        if (warehouseSequence < 0) {
            throw new IllegalArgumentException("reconciliation: negative warehouse sequence " + warehouseSequence);
        }
        TreeMap<String, List<Integer>> deletions = new TreeMap<>();
        (deleted == null ? Map.<String, List<Integer>>of() : deleted).forEach((table, ids) -> {
            if (!ids.isEmpty()) {
                deletions.put(table, ids.stream().sorted().toList());
            }
        });
        deleted = Collections.unmodifiableMap(deletions);
        TreeMap<String, Findings> findings = new TreeMap<>();
        (found == null ? Map.<String, Findings>of() : found).forEach((table, counts) -> {
            if (!counts.isEmpty()) {
                findings.put(table, counts);
            }
        });
        found = Collections.unmodifiableMap(findings);
    }

    /** The keys of one source table found gone. */
    public List<Integer> deleted(String sourceTable) {
        return deleted.getOrDefault(sourceTable, List.of());
    }

    /** Source rows found gone, over all tables. */
    public long deletedRows() {
        return deleted.values().stream().mapToLong(List::size).sum();
    }

    /**
     * What one warehouse table held that differed from the source, by kind. Rows of the first four kinds are
     * delivered by the batch; the last two are left alone and only counted.
     *
     * @param missing         source rows the warehouse lacks (never delivered, or deleted and back again)
     * @param changed         rows the warehouse holds with other content (a change that kept its {@code last_updated},
     *                        a parent's change, or a version a window missed)
     * @param deleted         rows the warehouse holds live whose source row is gone
     * @param parents         rows the warehouse holds only as inferred (facts referenced them before they arrived)
     * @param skippedInFlight differences the normal chain is about to deliver (changed after the batch the warehouse
     *                        applied last): left to it
     * @param quarantined     differences whose source version was quarantined as unrepresentable: not delivered
     *                        again until the source row changes
     */
    public record Findings(long missing, long changed, long deleted, long parents, long skippedInFlight,
                           long quarantined) {
        public static final Findings NONE = new Findings(0, 0, 0, 0, 0, 0);

        public Findings {
            if (missing < 0 || changed < 0 || deleted < 0 || parents < 0 || skippedInFlight < 0 || quarantined < 0) {
                throw new IllegalArgumentException("reconciliation findings cannot be negative");
            }
        }

        /** Rows the batch delivers or deletes: missing, changed, deleted and parents. */
        public long reconciled() {
            return missing + changed + deleted + parents;
        }

        @JsonIgnore
        public boolean isEmpty() {
            return reconciled() + skippedInFlight + quarantined == 0;
        }

        public Findings plus(Findings other) {
            return new Findings(missing + other.missing, changed + other.changed, deleted + other.deleted,
                    parents + other.parents, skippedInFlight + other.skippedInFlight,
                    quarantined + other.quarantined);
        }
    }

    /** Every table's findings added up. */
    public Findings total() {
        return found.values().stream().reduce(Findings.NONE, Findings::plus);
    }
}
