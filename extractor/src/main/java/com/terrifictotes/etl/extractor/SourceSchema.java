package com.terrifictotes.etl.extractor;

import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.error.BadInputException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The tables and columns the source database actually has (in its current schema), compared with the catalogue
 * before anything is read. The catalogue decides what is extracted; the live schema only decides whether that is
 * still possible.
 *
 * <ul>
 *   <li>a catalogue table or column the source lacks fails the run, naming table and column: extracting without it
 *       would silently deliver incomplete rows;</li>
 *   <li>a source column the catalogue lacks is reported as a warning and not selected;</li>
 *   <li>a source table the catalogue lacks (such as {@code _prisma_migrations}) is not business data: skipped.</li>
 * </ul>
 */
public record SourceSchema(Map<String, List<String>> columnsByTable) {
    private static final String COLUMNS_QUERY = "SELECT table_name, column_name FROM information_schema.columns"
            + " WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position";

    public SourceSchema {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        columnsByTable.forEach((table, columns) -> copy.put(table, List.copyOf(columns)));
        columnsByTable = Map.copyOf(copy);
    }

    public static SourceSchema read(Connection connection) throws SQLException {
        Map<String, List<String>> columns = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(COLUMNS_QUERY);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                columns.computeIfAbsent(rows.getString(1), t -> new ArrayList<>()).add(rows.getString(2));
            }
        }
        return new SourceSchema(columns);
    }

    /**
     * Checks every catalogue table against this schema.
     *
     * @return one warning per source column the catalogue does not know (those columns are not extracted)
     * @throws BadInputException naming every catalogue table and column the source lacks
     */
    public List<String> verify(List<SourceTable> catalogue) {
        List<String> missing = new ArrayList<>();
        List<String> extra = new ArrayList<>();
        for (SourceTable table : catalogue) {
            List<String> live = columnsByTable.get(table.name());
            if (live == null) {
                missing.add("table " + table.name() + " does not exist");
                continue;
            }
            table.columnNames().stream().filter(c -> !live.contains(c))
                    .forEach(c -> missing.add("table " + table.name() + " has no column " + c));
            live.stream().filter(c -> !table.hasColumn(c))
                    .forEach(c -> extra.add("table " + table.name() + " has column " + c
                            + ", which the catalogue does not know; it is not extracted"));
        }
        if (!missing.isEmpty()) {
            throw new BadInputException("source schema no longer matches the catalogue: " + String.join("; ", missing));
        }
        return extra;
    }

    /** Source tables the catalogue does not list: never read. */
    public Set<String> unknownTables(List<SourceTable> catalogue) {
        Set<String> known = catalogue.stream().map(SourceTable::name).collect(Collectors.toSet());
        return columnsByTable.keySet().stream().filter(t -> !known.contains(t))
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }
}
