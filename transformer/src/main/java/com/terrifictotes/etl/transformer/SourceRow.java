package com.terrifictotes.etl.transformer;

import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.error.BadInputException;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One decoded row of a source table: its values in catalogue column order, as the catalogue's Java types, and where
 * it came from, so that a derivation that cannot use a value names the object, line and column.
 *
 * @param origin {@code s3://bucket/key line N}, or the snapshot object it was read from
 */
public record SourceRow(SourceTable table, List<Object> values, String origin) {
    private static final Map<String, Map<String, Integer>> POSITIONS = new ConcurrentHashMap<>();

    public SourceRow {
        if (values.size() != table.columns().size()) {
            throw new IllegalArgumentException(table.name() + " has " + table.columns().size() + " columns, got "
                    + values.size() + " values from " + origin);
        }
        values = Collections.unmodifiableList(new ArrayList<>(values)); // List.copyOf refuses the NULLs
    }

    public Object get(String column) {
        return values.get(position(column));
    }

    /** The primary key. */
    public int id() {
        return integer(table.primaryKey());
    }

    public LocalDateTime createdAt() {
        return timestamp(SourceTable.CREATED_AT);
    }

    public LocalDateTime lastUpdated() {
        return timestamp(SourceTable.LAST_UPDATED);
    }

    public Integer integer(String column) {
        return (Integer) get(column);
    }

    public String text(String column) {
        return (String) get(column);
    }

    public BigDecimal decimal(String column) {
        return (BigDecimal) get(column);
    }

    public Boolean bool(String column) {
        return (Boolean) get(column);
    }

    public LocalDateTime timestamp(String column) {
        return (LocalDateTime) get(column);
    }

    /** An error about one value of this row, naming where the row came from and the column. */
    public BadInputException invalid(String column, String problem) {
        return new BadInputException(origin + ": column " + column + ": " + problem);
    }

    private int position(String column) {
        Integer position = POSITIONS.computeIfAbsent(table.name(), name -> positions(table)).get(column);
        if (position == null) {
            throw new IllegalArgumentException("table " + table.name() + " has no column " + column);
        }
        return position;
    }

    private static Map<String, Integer> positions(SourceTable table) {
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < table.columns().size(); i++) {
            positions.put(table.columns().get(i).name(), i);
        }
        return Map.copyOf(positions);
    }
}
