package com.terrifictotes.etl.catalogue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks the source-to-star mapping that the star tables declare ({@link ColumnSource}) against the source catalogue,
 * when {@link WarehouseCatalogue} loads, so a mistyped declaration stops every stage at start-up with one error
 * naming the table and column rather than deriving wrong rows. What it proves:
 *
 * <ul>
 *   <li>every star table derived from the source names a ToteSys table, and no two name the same one (a source row
 *       found gone must map to one warehouse row); dim_date names none and has only calendar columns;</li>
 *   <li>every source column, timestamp and text date named exists in that table, with a type the warehouse column
 *       can take, and a NOT NULL warehouse column is never fed by a nullable source column;</li>
 *   <li>a joined column goes through a foreign key the source table declares, to a column of the referenced table,
 *       and a table joins through one foreign key at most;</li>
 *   <li>every ToteSys table feeds a star table (as its source, or as a joined parent), or is explicitly marked
 *       not loaded, with a reason: a table is never extracted and then silently ignored.</li>
 * </ul>
 */
public final class StarMapping {
    private StarMapping() {
    }

    /**
     * @param notLoaded source tables deliberately not loaded, each with the reason
     * @throws IllegalStateException naming the first declaration at fault
     */
    public static void check(List<SourceTable> sources, List<WarehouseTable> tables, Map<String, String> notLoaded) {
        Map<String, SourceTable> byName = new HashMap<>();
        sources.forEach(t -> byName.put(t.name(), t));
        Set<String> used = new LinkedHashSet<>();
        Map<String, String> fedBy = new HashMap<>();
        for (WarehouseTable table : tables) {
            if (table.sources().isEmpty()) {
                if (table.isDimension() || table.isFact()) {
                    throw refused(table.name(), "a star table declares where each of its columns comes from");
                }
                continue;
            }
            if (table.sourceTable() == null) {
                requireCalendar(table);
                continue;
            }
            SourceTable source = byName.get(table.sourceTable());
            if (source == null) {
                throw refused(table.name(), "its source table " + table.sourceTable() + " is not in ToteSysCatalogue");
            }
            String other = fedBy.put(source.name(), table.name());
            if (other != null) {
                throw refused(table.name(), "source table " + source.name() + " already feeds " + other
                        + "; a source table feeds one star table");
            }
            used.add(source.name());
            Optional<SourceTable> parent = checkColumns(table, source, byName);
            parent.ifPresent(p -> used.add(p.name()));
        }
        for (Map.Entry<String, String> mark : notLoaded.entrySet()) {
            if (!byName.containsKey(mark.getKey())) {
                throw refused(mark.getKey(), "is marked not loaded but is not in ToteSysCatalogue");
            }
            if (used.contains(mark.getKey())) {
                throw refused(mark.getKey(), "is marked not loaded but a star table uses it");
            }
            if (mark.getValue() == null || mark.getValue().isBlank()) {
                throw refused(mark.getKey(), "is marked not loaded without a reason");
            }
        }
        for (SourceTable source : sources) {
            if (!used.contains(source.name()) && !notLoaded.containsKey(source.name())) {
                throw new IllegalStateException("source table " + source.name() + " feeds no warehouse table: it"
                        + " would be extracted and then ignored. Declare a star table that uses it, or mark it in"
                        + " WarehouseCatalogue.NOT_LOADED with the reason");
            }
        }
    }

    private static void requireCalendar(WarehouseTable table) {
        for (int i = 0; i < table.columns().size(); i++) {
            if (!(table.sources().get(i) instanceof ColumnSource.Calendar calendar)) {
                throw refused(table.name() + "." + table.columns().get(i).name(), "a table without a source table"
                        + " is the calendar, and has only calendar columns");
            }
            requireType(table, table.columns().get(i), calendar.attribute().type(), "calendar " + calendar.attribute());
        }
    }

    /** @return the parent table the star table joins, if it joins one */
    private static Optional<SourceTable> checkColumns(WarehouseTable table, SourceTable source,
                                                      Map<String, SourceTable> byName) {
        Set<String> foreignKeys = new HashSet<>();
        SourceTable parent = null;
        for (int i = 0; i < table.columns().size(); i++) {
            Column column = table.columns().get(i);
            String where = table.name() + "." + column.name();
            ColumnSource declared = table.sources().get(i);
            if (declared instanceof ColumnSource.Copied copied) {
                Column from = sourceColumn(where, source, copied.column());
                requireType(table, column, from.type(), source.name() + "." + from.name());
                requireNullability(where, column, from);
            } else if (declared instanceof ColumnSource.DatePart part) {
                requireTimestamp(table, column, source, part.column(), ColumnType.DATE);
            } else if (declared instanceof ColumnSource.TimePart part) {
                requireTimestamp(table, column, source, part.column(), ColumnType.TIME_MILLIS);
            } else if (declared instanceof ColumnSource.TextDate date) {
                Column from = sourceColumn(where, source, date.column());
                if (from.type() != ColumnType.TEXT || column.type() != ColumnType.DATE) {
                    throw refused(where, "a text date reads a text column into a date column, not "
                            + from.sqlType() + " into " + column.sqlType());
                }
                requireNullability(where, column, from);
            } else if (declared instanceof ColumnSource.Looked looked) {
                Column from = sourceColumn(where, source, looked.column());
                if (from.type().javaType() != String.class) {
                    throw refused(where, "lookup " + looked.lookup() + " reads text, not " + from.sqlType());
                }
                requireType(table, column, looked.lookup().type(), "lookup " + looked.lookup());
                requireNullability(where, column, from);
            } else if (declared instanceof ColumnSource.Joined joined) {
                parent = joinedParent(table, source, joined, where, foreignKeys, byName);
                Column from = sourceColumn(where, parent, joined.column());
                requireType(table, column, from.type(), parent.name() + "." + from.name());
                requireNullability(where, column, from);
            } else if (declared instanceof ColumnSource.Calendar) {
                throw refused(where, "calendar attributes belong to the calendar table, which has no source table");
            }
            // ColumnSource.Kept: the warehouse's own column; WarehouseTable checks it is an assigned column
        }
        return Optional.ofNullable(parent);
    }

    private static SourceTable joinedParent(WarehouseTable table, SourceTable source, ColumnSource.Joined joined,
                                            String where, Set<String> foreignKeys, Map<String, SourceTable> byName) {
        ForeignKey key = source.foreignKeys().stream().filter(k -> k.column().equals(joined.foreignKey()))
                .findFirst().orElseThrow(() -> refused(where, "source table " + source.name() + " declares no"
                        + " foreign key " + joined.foreignKey()));
        foreignKeys.add(key.column());
        if (foreignKeys.size() > 1) {
            throw refused(where, "a star table joins through one foreign key, but " + table.name() + " uses "
                    + foreignKeys);
        }
        SourceTable parent = byName.get(key.referencedTable());
        if (parent == null) {
            throw refused(where, "foreign key " + key.column() + " references " + key.referencedTable()
                    + ", which is not in ToteSysCatalogue");
        }
        return parent;
    }

    private static Column sourceColumn(String where, SourceTable source, String name) {
        if (!source.hasColumn(name)) {
            throw refused(where, "source table " + source.name() + " has no column " + name);
        }
        return source.column(name);
    }

    private static void requireTimestamp(WarehouseTable table, Column column, SourceTable source, String name,
                                         ColumnType part) {
        String where = table.name() + "." + column.name();
        Column from = sourceColumn(where, source, name);
        if (from.type() != ColumnType.TIMESTAMP_MILLIS) {
            throw refused(where, "the date or time part of " + source.name() + "." + name + ", which is "
                    + from.sqlType() + ", not a timestamp");
        }
        requireType(table, column, part, "the " + (part == ColumnType.DATE ? "date" : "time") + " part of "
                + source.name() + "." + name);
        requireNullability(where, column, from);
    }

    private static void requireType(WarehouseTable table, Column column, ColumnType given, String what) {
        if (column.type().javaType() != given.javaType()) {
            throw refused(table.name() + "." + column.name(), "is " + column.sqlType() + " but " + what + " gives "
                    + (given == ColumnType.ENUM ? "an enum" : given.sqlType()));
        }
    }

    private static void requireNullability(String where, Column column, Column from) {
        if (from.nullable() && !column.nullable()) {
            throw refused(where, "is NOT NULL but is fed by a nullable source column " + from.name());
        }
    }

    private static IllegalStateException refused(String what, String why) {
        return new IllegalStateException("warehouse catalogue: " + what + ": " + why);
    }
}
