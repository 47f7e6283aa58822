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
 * One decoded row of a source table: its values in catalogue column order, and where it came from, so that a
 * derivation that cannot use a value names the object, line and column. A value is what its CSV text is
 * ({@link com.terrifictotes.etl.csv.ValueCodec#decode}): usually the catalogue's Java type, but a bigint is a Long,
 * NaN a Double, and text that is no value of its column's kind an {@link UnreadableValue}; whether the warehouse can
 * hold it is decided when a warehouse row is built from it ({@link WarehouseRow}).
 *
 * <p>Not a record: a row is made for every CSV line, and its origin text ({@code s3://bucket/key line N}) is built
 * only when an error needs it, and its column positions are looked up once per row rather than once per value.
 */
public final class SourceRow {
    private static final Map<String, Map<String, Integer>> POSITIONS = new ConcurrentHashMap<>();
    /** The positions of the table whose rows were made last: rows come table by table, so this nearly always hits. */
    private static volatile TablePositions lastPositions;

    private final SourceTable table;
    private final Object[] values;
    private final TablePositions positions;
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
        this.values = values;
        TablePositions last = lastPositions;
        if (last == null || last.table() != table) {
            last = TablePositions.of(table, POSITIONS.computeIfAbsent(table.name(), name -> positions(table)));
            lastPositions = last;
        }
        this.positions = last;
        this.location = location;
        this.line = line;
    }

    public SourceTable table() {
        return table;
    }

    /** The values in catalogue column order, as a read-only view. */
    public List<Object> values() {
        return Collections.unmodifiableList(Arrays.asList(values));
    }

    /** {@code s3://bucket/key line N}, or the snapshot object the row was read from. */
    public String origin() {
        return line > 0 ? location + " line " + line : location;
    }

    public Object get(String column) {
        return values[position(column)];
    }

    /** The value of catalogue column {@code column} (its position in the table's columns). */
    Object value(int column) {
        return values[column];
    }

    /** The primary key. Only rows with a {@link #keyProblem() readable key} are ever asked. */
    public int id() {
        return (Integer) values[positions.key()];
    }

    /** A value of this row that stops it becoming anything: its column and why. */
    record Fault(String column, String reason) {
    }

    /**
     * Why this row version cannot be told apart from others (its primary key is no integer, its last_updated no
     * timestamp); or null when it can. Such a row is quarantined before anything else looks at it.
     */
    Fault keyFault() {
        Object id = values[positions.key()];
        if (!(id instanceof Integer)) {
            return fault(table.primaryKey(), id, "an integer");
        }
        Object stamp = values[stampPosition()];
        if (!(stamp instanceof LocalDateTime)) {
            return fault(SourceTable.LAST_UPDATED, stamp, "a timestamp");
        }
        return null;
    }

    /**
     * The first value that is not null and not of its column's catalogue type (a bigint, NaN, unreadable text); or
     * null if there is none. The transformer's join state keeps its rows as the catalogue's types.
     */
    Fault typeFault() {
        for (int i = 0; i < values.length; i++) {
            Object value = values[i];
            com.terrifictotes.etl.catalogue.Column column = table.columns().get(i);
            if (value != null && !column.type().javaType().isInstance(value)) {
                return new Fault(column.name(), value instanceof UnreadableValue unreadable ? unreadable.reason()
                        : "'" + display(column.name()) + "' is not " + column.sqlType() + ", as the transformer's"
                        + " state of " + table.name() + " keeps it");
            }
        }
        return null;
    }

    /** The value as text, as the CSV cell had it (null for NULL): what a quarantine record shows. */
    public String display(String column) {
        Object value = get(column);
        if (value == null || value instanceof UnreadableValue) {
            return value == null ? null : ((UnreadableValue) value).text();
        }
        if (value instanceof LocalDateTime timestamp) {
            return com.terrifictotes.etl.csv.Timestamps.format(timestamp);
        }
        return value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString();
    }

    private Fault fault(String column, Object value, String what) {
        String why = value == null ? "is null" : value instanceof UnreadableValue unreadable ? unreadable.reason()
                : "'" + display(column) + "' is not " + what;
        return new Fault(column, why + ", so the row version cannot be identified");
    }

    public LocalDateTime createdAt() {
        return timestamp(SourceTable.CREATED_AT);
    }

    public LocalDateTime lastUpdated() {
        return (LocalDateTime) values[stampPosition()];
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

    /**
     * A table's column positions by name, and those of its key and stamp, which every row is asked for (its key
     * check, its version, the quarantine) and so are not looked up by name. {@code stamp} is -1 if there is none.
     */
    private record TablePositions(SourceTable table, Map<String, Integer> byName, int key, int stamp) {
        static TablePositions of(SourceTable table, Map<String, Integer> byName) {
            return new TablePositions(table, byName, byName.get(table.primaryKey()),
                    byName.getOrDefault(SourceTable.LAST_UPDATED, -1));
        }
    }

    private int stampPosition() {
        if (positions.stamp() < 0) {
            throw new IllegalArgumentException("table " + table.name() + " has no column " + SourceTable.LAST_UPDATED);
        }
        return positions.stamp();
    }

    private int position(String column) {
        Integer position = positions.byName().get(column);
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
