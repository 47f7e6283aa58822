package com.terrifictotes.etl.transformer;

import com.terrifictotes.etl.catalogue.SourceTable;
import java.util.Collection;
import java.util.Collections;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The current state of one source table that a joined dimension needs: every row ever delivered (and accepted), by
 * id, as the latest batch that delivered it had it, plus the ids this batch delivered. Small by nature (departments,
 * addresses, staff, counterparties: tens of rows at SF1, thousands at SF100), so it is held in memory.
 *
 * <p>The latest delivery wins, not the highest {@code last_updated}: a backdated correction (the source row now
 * carries an older stamp than a version already delivered, after a lost row-lock race or a hand correction) is what
 * the source holds, so it is what the dimension shows, exactly as for the dimensions streamed without a join.
 */
final class Snapshot {
    private final SourceTable table;
    private final TreeMap<Integer, SourceRow> rows = new TreeMap<>();
    private final TreeSet<Integer> delivered = new TreeSet<>();
    private boolean removed;

    Snapshot(SourceTable table) {
        this.table = table;
    }

    SourceTable table() {
        return table;
    }

    /** A row of the previous state, as it was persisted (one per id). */
    void restore(SourceRow row) {
        rows.put(row.id(), row);
    }

    /**
     * An accepted row of this batch: it becomes current, whatever its stamp. Within one batch (one extraction sees
     * each row once) a second version of an id is kept only if it is the later one.
     */
    void deliver(SourceRow row) {
        if (delivered.add(row.id())) {
            rows.put(row.id(), row);
        } else {
            rows.merge(row.id(), row, Snapshot::later);
        }
    }

    /**
     * A row the reconciliation pass found gone at the source: it leaves the state, so no later change of the row it
     * joins to (a department, an address) re-emits its dimension row, which would clear the row's deleted_at.
     */
    void remove(int id) {
        if (rows.remove(id) != null) {
            removed = true;
        }
        delivered.remove(id);
    }

    Optional<SourceRow> row(int id) {
        return Optional.ofNullable(rows.get(id));
    }

    /** Every current row, by ascending id: the order they are persisted in, so the files are deterministic. */
    Collection<SourceRow> rows() {
        return Collections.unmodifiableCollection(rows.values());
    }

    /** The ids this batch delivered, ascending. */
    NavigableSet<Integer> delivered() {
        return Collections.unmodifiableNavigableSet(delivered);
    }

    boolean changed() {
        return !delivered.isEmpty() || removed;
    }

    /** The later of two versions; on a tie the newcomer, which carries the same version anyway. */
    private static SourceRow later(SourceRow current, SourceRow offered) {
        return offered.lastUpdated().isBefore(current.lastUpdated()) ? current : offered;
    }
}
