package com.terrifictotes.etl.extractor;

import com.terrifictotes.etl.catalogue.Column;
import com.terrifictotes.etl.catalogue.ColumnType;
import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.error.BadInputException;
import com.terrifictotes.etl.extractor.ColumnConversion.Conversion;
import com.terrifictotes.etl.extractor.LiveType.Family;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compares the catalogue with the live schema: names, types ({@link ColumnConversion}), NOT NULL and enum labels.
 * What can be carried becomes a {@link DriftWarning}; what cannot is collected, and the run stops with one
 * {@link BadInputException} naming every table and column concerned and the cause, before any row is read.
 *
 * <p>Two columns have a role beyond their type: the primary key (a version's identity, {@code integer} in manifests
 * and the warehouse) must stay {@code integer} or {@code smallint}, and neither it nor the cursor
 * {@code last_updated} may become nullable (a row without either belongs to no version or no window, and would never
 * be extracted).
 */
final class SchemaCheck {
    static final String RUNBOOK = "see \"Schema drift\" in extractor/README.md";

    private final List<DriftWarning> warnings = new ArrayList<>();
    private final List<String> refusals = new ArrayList<>();

    private SchemaCheck() {
    }

    static SchemaDrift check(List<SourceTable> catalogue, Map<String, List<LiveColumn>> live) {
        SchemaCheck check = new SchemaCheck();
        for (SourceTable table : catalogue) {
            List<LiveColumn> columns = live.get(table.name());
            if (columns == null) {
                check.refusals.add("table " + table.name() + " does not exist");
            } else {
                check.table(table, columns);
            }
        }
        if (!check.refusals.isEmpty()) {
            throw new BadInputException("source schema drift the extractor cannot carry, so nothing was read or"
                    + " written: " + String.join("; ", check.refusals) + " (" + RUNBOOK + ")");
        }
        return new SchemaDrift(check.warnings);
    }

    private void table(SourceTable table, List<LiveColumn> live) {
        List<LiveColumn> unknown = live.stream().filter(c -> !table.hasColumn(c.name())).toList();
        for (Column column : table.columns()) {
            Optional<LiveColumn> found = live.stream().filter(c -> c.name().equals(column.name())).findFirst();
            if (found.isEmpty()) {
                refusals.add("table " + table.name() + " has no column " + column.name() + " (dropped or renamed"
                        + (unknown.isEmpty() ? "" : "; the source has " + String.join(", ",
                        unknown.stream().map(LiveColumn::name).toList()) + ", which the catalogue does not know")
                        + ")");
            } else {
                column(table, column, found.get());
            }
        }
        unknown.forEach(c -> warn(DriftKind.NEW_COLUMN, table, c.name(), "table " + table.name() + " has column "
                + c.name() + " (" + c.type().sql() + "), which the catalogue does not know; it is not extracted"));
    }

    private void column(SourceTable table, Column column, LiveColumn live) {
        String where = "table " + table.name() + " column " + column.name();
        boolean key = column.name().equals(table.primaryKey());
        boolean cursor = column.name().equals(SourceTable.LAST_UPDATED);
        Conversion conversion = ColumnConversion.of(column, live.type());
        if (!conversion.carried()) {
            refusals.add(where + " is now " + live.type().sql() + ": " + conversion.cause());
        } else if (key && live.type().family() != Family.INTEGER && live.type().family() != Family.SMALLINT) {
            refusals.add(where + " is now " + live.type().sql() + ": it is the primary key, and keys are integer"
                    + " in manifests and the warehouse");
        } else if (conversion.verdict() == ColumnConversion.Verdict.WIDER) {
            warn(DriftKind.WIDENED_TYPE, table, column.name(), where + " is now " + live.type().sql()
                    + ", wider than the catalogue's " + column.sqlType() + "; values are delivered as the source"
                    + " prints them, and one the warehouse cannot hold is quarantined downstream");
        } else if (conversion.verdict() == ColumnConversion.Verdict.NARROWER) {
            warn(DriftKind.NARROWED_TYPE, table, column.name(), where + " is now " + live.type().sql()
                    + ", narrower than the catalogue's " + column.sqlType() + "; every value fits");
        }
        if (!column.nullable() && !live.notNull()) {
            if (key || cursor) {
                refusals.add(where + " lost NOT NULL: it is the " + (key ? "primary key" : "extraction cursor")
                        + ", and a row without one would never be extracted");
            } else {
                warn(DriftKind.NULLABLE_COLUMN, table, column.name(), where + " lost NOT NULL; a NULL is"
                        + " delivered as NULL");
            }
        }
        if (column.type() == ColumnType.ENUM && live.type().family() == Family.ENUM) {
            labels(table, column, live);
        }
    }

    private void labels(SourceTable table, Column column, LiveColumn live) {
        String where = "table " + table.name() + " column " + column.name() + ": enum " + live.type().sql();
        List<String> known = column.enumType().labels();
        live.enumLabels().stream().filter(l -> !known.contains(l)).forEach(label -> warn(DriftKind.NEW_ENUM_LABEL,
                table, column.name(), where + " has label " + label + ", which the catalogue does not know;"
                        + " it is delivered as text, like every label"));
        known.stream().filter(l -> !live.enumLabels().contains(l)).forEach(label -> warn(
                DriftKind.MISSING_ENUM_LABEL, table, column.name(), where + " no longer has the catalogue's label "
                        + label + " (renamed?); rows carry whatever label they hold now"));
    }

    private void warn(DriftKind kind, SourceTable table, String column, String message) {
        warnings.add(new DriftWarning(kind, table.name(), column, message));
    }
}
