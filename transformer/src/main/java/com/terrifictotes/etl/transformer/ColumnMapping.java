package com.terrifictotes.etl.transformer;

import com.terrifictotes.etl.catalogue.Column;
import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.error.BadInputException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each catalogue column of a source table is found in a batch's CSV header: the one place where a batch
 * extracted under another catalogue version is upcast to this one. Columns are matched by name, in any order. A
 * column the header has and the catalogue does not (extracted before a column was dropped from the catalogue, or by
 * a newer extractor) is ignored; a nullable catalogue column the header lacks (a batch extracted before the column
 * was added) reads as NULL. Only a NOT NULL catalogue column that the header lacks, or a column named twice, cannot
 * be mapped: one {@link BadInputException} naming the object, the table and the column.
 */
record ColumnMapping(int fields, int[] positions, List<String> ignored) {
    ColumnMapping {
        positions = positions.clone();
        ignored = List.copyOf(ignored);
    }

    static ColumnMapping of(SourceTable table, List<String> header, String location) {
        Map<String, Integer> byName = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            if (byName.put(header.get(i), i) != null) {
                throw new BadInputException(location + ": table " + table.name() + " names column " + header.get(i)
                        + " twice in " + header);
            }
        }
        List<Column> columns = table.columns();
        int[] positions = new int[columns.size()];
        for (int i = 0; i < positions.length; i++) {
            Column column = columns.get(i);
            Integer field = byName.remove(column.name());
            if (field == null && !column.nullable()) {
                throw new BadInputException(location + ": table " + table.name() + " has columns " + header
                        + ", which lack " + column.name() + ", a NOT NULL column of the catalogue "
                        + table.columnNames() + ": the batch cannot be mapped to this catalogue");
            }
            positions[i] = field == null ? -1 : field;
        }
        return new ColumnMapping(header.size(), positions, new ArrayList<>(byName.keySet()));
    }

    /** The header position of catalogue column {@code column}, or -1 when the batch does not carry it. */
    int field(int column) {
        return positions[column];
    }
}
