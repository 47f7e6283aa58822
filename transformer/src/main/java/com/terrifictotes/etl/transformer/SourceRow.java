package com.terrifictotes.etl.transformer;

import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.error.BadInputException;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One decoded row of a source table: its values in catalogue column order, as the catalogue's Java types, and where
 * it came from, so that a derivation that cannot use a value names the object, line and column.
 *
 * <p>Not a record: a row is made for every CSV line, and its origin text ({@code s3://bucket/key line N}) is built
 * only when an error needs it, and its column positions are looked up once per row rather than once per value.
 */
public final class SourceRow {
    private static final Map<String, Map<String, Integer>> POSITIONS = new ConcurrentHashMap<>();

    private final SourceTable table;
    private final List<Object> values;
    private final Map<String, Integer> positions;
    private final String location;
    private final long line;

    /** @param origin {@code s3://bucket/key line N}, or the snapshot object it was read from */
    public SourceRow(SourceTable table, List<Object> values, String origin) {
        this(table, new ArrayList<>(values).toArray(), origin, 0); // List.copyOf refuses the NULLs
    }

    /** A row of a CSV object: {@code values} is taken over, not copied. */
    SourceRow(SourceTable table, Object[] values, String location, long line) {
        if (values.length != table.columns().size()) {
            throw new IllegalArgumentException(table.name() + " has " + table.columns().size() + " columns, got "
                    + values.length + " values from " + (line > 0 ? location + " line " + line : location));
        }
        this.table = table;
        this.values = Collections.unmodifiableList(Arrays.asList(values));
        this.positions = POSITIONS.computeIfAbsent(table.name(), name -> positions(table));
        this.location = location;
        this.line = line;
    }

    public SourceTable table() {
        return table;
    }

    public List<Object> values() {
        return values;
    }

    /** {@code s3://bucket/key line N}, or the snapshot object the row was read from. */
    public String origin() {
        return line > 0 ? location + " line " + line : location;
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
        return new BadInputException(origin() + ": column " + column + ": " + problem);
    }

    private int position(String column) {
        Integer position = positions.get(column);
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
