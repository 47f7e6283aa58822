package com.terrifictotes.etl.transformer;

import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.manifest.TableOutput;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * The current state of the source tables behind the joined dimensions, merged with one batch: every joined parent
 * table and every table joined to one, as the catalogue's declarations say (today department, address, staff and
 * counterparty). It answers what a batch must emit so that joined dimensions stay complete: a changed department
 * re-emits all its staff, a changed address re-emits every counterparty whose legal address it is, and a changed staff
 * row or counterparty is joined to its department or address even when that did not change.
 */
final class JoinState {
    /** The parents first, then the tables joined to them, each in the catalogue's order. */
    static final List<SourceTable> TABLES = joinTables();

    private final Map<String, Snapshot> snapshots = new LinkedHashMap<>();
    private final Map<String, TableOutput> previousFiles = new LinkedHashMap<>();
    private final String previousBatch;

    /**
     * @param previousFiles the snapshot objects of the previous batch (already read into the snapshots, or about to be)
     * @param previousBatch how to name the previous state in errors, e.g. "the state of batch 41"
     */
    JoinState(List<TableOutput> previousFiles, String previousBatch) {
        TABLES.forEach(t -> snapshots.put(t.name(), new Snapshot(t)));
        previousFiles.stream().filter(f -> snapshots.containsKey(f.table()))
                .forEach(f -> this.previousFiles.put(f.table(), f));
        this.previousBatch = previousBatch;
    }

    Snapshot snapshot(SourceTable table) {
        Snapshot snapshot = snapshots.get(table.name());
        if (snapshot == null) {
            throw new IllegalArgumentException(table.name() + " is not kept in the join state");
        }
        return snapshot;
    }

    /** The previous batch's snapshot objects of a table, if it had any. */
    TableOutput previousFiles(SourceTable table) {
        return previousFiles.getOrDefault(table.name(), new TableOutput(table.name(), 0, List.of()));
    }

    /** Whether rows of {@code table} are kept in the state. */
    static boolean keeps(SourceTable table) {
        return TABLES.stream().anyMatch(t -> t.name().equals(table.name()));
    }

    /**
     * Ids of {@code lineage}'s source table whose rows this batch must write: the changed rows, and for a joined
     * table every row whose parent changed (all staff of a changed department).
     */
    NavigableSet<Integer> toEmit(Lineage lineage) {
        Snapshot rows = snapshot(lineage.source());
        return lineage.parent().map(join -> withDependants(rows, join.foreignKey(), snapshot(join.table()).delivered()))
                .orElseGet(rows::delivered);
    }

    /**
     * Takes the rows a reconciliation batch found gone out of the state, so they are never re-emitted (which would
     * revive a deleted dimension row) and never joined again. @param deleted keys per source table name
     */
    void forget(java.util.Map<String, List<Integer>> deleted) {
        for (SourceTable table : TABLES) {
            deleted.getOrDefault(table.name(), List.of()).forEach(snapshot(table)::remove);
        }
    }

    SourceRow current(SourceTable table, int id) {
        return snapshot(table).row(id).orElseThrow(() -> new IllegalStateException(table.name() + " " + id
                + " was to be emitted but is not in the state"));
    }

    /**
     * The row a foreign key of {@code row} points at, or null if neither this batch nor the state holds it yet: the
     * parent is late (stamped outside every window so far, or committed late), and {@code row}'s dimension row waits
     * for it. Until then facts referencing {@code row} load against an inferred dimension row; when the parent
     * arrives, its batch emits every row waiting for it.
     */
    SourceRow joined(SourceRow row, String foreignKey, SourceTable target) {
        return snapshot(target).row(row.integer(foreignKey)).orElse(null);
    }

    /** How to name the state this batch continues, in log lines: "the state of batch 41". */
    String previousBatch() {
        return previousBatch;
    }

    /**
     * Snapshot objects for the manifest: new ones for tables this batch changed (for every table if
     * {@code rewriteAll}, as when the previous state is in an older form), the previous ones otherwise.
     */
    List<TableOutput> persist(long sequence, TableSink.Factory sinks, boolean rewriteAll) {
        List<TableOutput> outputs = new ArrayList<>();
        for (SourceTable table : TABLES) {
            Snapshot snapshot = snapshot(table);
            outputs.add(snapshot.changed() || rewriteAll ? SnapshotFiles.write(snapshot, sequence, sinks)
                    : previousFiles(table));
        }
        return outputs;
    }

    private static List<SourceTable> joinTables() {
        LinkedHashSet<SourceTable> tables = new LinkedHashSet<>();
        Lineage.ALL.forEach(l -> l.parent().ifPresent(join -> tables.add(join.table())));
        Lineage.ALL.stream().filter(l -> l.parent().isPresent()).forEach(l -> tables.add(l.source()));
        return List.copyOf(tables);
    }

    private static NavigableSet<Integer> withDependants(Snapshot dependants, String foreignKey, Set<Integer> changed) {
        NavigableSet<Integer> ids = new TreeSet<>(dependants.delivered());
        if (!changed.isEmpty()) {
            for (SourceRow row : dependants.rows()) {
                if (changed.contains(row.integer(foreignKey))) {
                    ids.add(row.id());
                }
            }
        }
        return ids;
    }
}
