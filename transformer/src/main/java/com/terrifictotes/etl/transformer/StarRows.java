package com.terrifictotes.etl.transformer;

import com.terrifictotes.etl.catalogue.ColumnSource;
import com.terrifictotes.etl.catalogue.ForeignKey;
import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.catalogue.ToteSysCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import com.terrifictotes.etl.lake.TableRow;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How the rows of one star table are derived, compiled from the catalogue's declarations ({@link ColumnSource}) once,
 * at class loading: one {@link ColumnRule} per load column, each knowing the source column's position. A row may be
 * derived whole ({@link #derive}) or, for a table joined to a parent, checked in parts as the rows of each side arrive
 * ({@link #checkOwnPart}, {@link #checkParentPart}), so that a join table's row is refused before it enters the state.
 */
final class StarRows {
    private static final Map<String, StarRows> BY_TABLE = WarehouseCatalogue.starSchema().stream()
            .collect(Collectors.toUnmodifiableMap(WarehouseTable::name, StarRows::new));

    private final WarehouseTable target;
    private final WarehouseRow.Layout layout;
    private final SourceTable source;
    private final ForeignKey join;
    private final SourceTable parent;
    private final int joinKey;
    private final ColumnRule[] rules;

    private StarRows(WarehouseTable target) {
        this.target = target;
        this.layout = WarehouseRow.Layout.of(target);
        this.source = target.sourceTable() == null ? null : ToteSysCatalogue.table(target.sourceTable());
        List<ColumnSource> sources = target.loadSources();
        this.join = sources.stream().filter(ColumnSource.Joined.class::isInstance).map(ColumnSource.Joined.class::cast)
                .findFirst().map(j -> source.foreignKeys().stream()
                        .filter(k -> k.column().equals(j.foreignKey())).findFirst().orElseThrow())
                .orElse(null);
        this.parent = join == null ? null : ToteSysCatalogue.table(join.referencedTable());
        this.joinKey = join == null ? -1 : source.columnIndex(join.column());
        List<ColumnRule> compiled = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            compiled.add(ColumnRule.of(i, target.loadColumns().get(i).name(), sources.get(i), source, parent));
        }
        this.rules = compiled.toArray(ColumnRule[]::new);
    }

    static StarRows of(WarehouseTable target) {
        StarRows rows = BY_TABLE.get(target.name());
        if (rows == null) {
            throw new IllegalArgumentException(target.name() + " is not a star table");
        }
        return rows;
    }

    /** The source table whose rows this table's rows are; null for dim_date. */
    SourceTable source() {
        return source;
    }

    /** The foreign key of the source row that names the joined parent row; null for a table without a join. */
    ForeignKey join() {
        return join;
    }

    /** The joined parent table; null for a table without a join. */
    SourceTable parent() {
        return parent;
    }

    /**
     * The warehouse row of {@code row}, joined to {@code joined} (null for a table without a join).
     *
     * @throws RowRejected naming each source column whose value the warehouse cannot hold
     */
    TableRow derive(SourceRow row, SourceRow joined) {
        if (join != null && (joined == null || joined.id() != (Integer) row.value(joinKey))) {
            throw new IllegalArgumentException(row.table().name() + " " + row.id() + ": " + join.column() + " "
                    + row.value(joinKey) + " joined to " + (joined == null ? "nothing" : "id " + joined.id()));
        }
        WarehouseRow built = WarehouseRow.of(layout);
        for (ColumnRule rule : rules) {
            rule.apply(built, row, joined);
        }
        return built.build();
    }

    /** The dim_date row of {@code date}. */
    TableRow calendar(LocalDate date) {
        WarehouseRow built = WarehouseRow.of(layout);
        for (ColumnRule rule : rules) {
            ((ColumnRule.Calendar) rule).apply(built, date);
        }
        return built.build();
    }

    /**
     * Checks the columns a row of the source table feeds itself, and that it names its parent row.
     *
     * @throws RowRejected naming the values at fault
     */
    void checkOwnPart(SourceRow row) {
        if (join != null && row.value(joinKey) == null) {
            throw new RowRejected(List.of(new RowRejected.Problem(row, join.column(), target.name() + " needs the "
                    + parent.name() + " row that " + join.column() + " names, but " + join.column() + " is null")));
        }
        checkPart(row, null, rule -> !rule.fromParent());
    }

    /** Checks the columns a row of the joined parent table feeds. @throws RowRejected naming the values at fault */
    void checkParentPart(SourceRow parentRow) {
        checkPart(null, parentRow, ColumnRule::fromParent);
    }

    private void checkPart(SourceRow row, SourceRow parentRow, Function<ColumnRule, Boolean> wanted) {
        WarehouseRow part = WarehouseRow.of(layout);
        for (ColumnRule rule : rules) {
            if (wanted.apply(rule)) {
                rule.apply(part, row, parentRow);
            }
        }
        part.checkPart();
    }
}
