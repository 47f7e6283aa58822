package com.terrifictotes.etl.transformer;

import com.terrifictotes.etl.catalogue.CalendarAttribute;
import com.terrifictotes.etl.catalogue.ColumnSource;
import com.terrifictotes.etl.catalogue.SourceTable;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * How one load column of a star table gets its value: a {@link ColumnSource} declaration resolved once, at class
 * loading, to the source column's position, so that deriving a row looks nothing up by name.
 */
abstract sealed class ColumnRule {
    /** The load column's position in the warehouse row. */
    final int position;
    /** The warehouse column's name, for messages. */
    final String column;

    ColumnRule(int position, String column) {
        this.position = position;
        this.column = column;
    }

    /** Whether the value comes from the joined parent row rather than the source row itself. */
    boolean fromParent() {
        return false;
    }

    /** Puts this column's value of {@code row} (and its {@code parent}, for a joined column) into {@code target}. */
    abstract void apply(WarehouseRow target, SourceRow row, SourceRow parent);

    /** The rule for a declaration; {@code source} is the table the row comes from, {@code parent} the joined one. */
    static ColumnRule of(int position, String column, ColumnSource declared, SourceTable source, SourceTable parent) {
        if (declared instanceof ColumnSource.Copied copied) {
            return new Copied(position, column, source, copied.column(), false);
        }
        if (declared instanceof ColumnSource.Joined joined) {
            return new Copied(position, column, parent, joined.column(), true);
        }
        if (declared instanceof ColumnSource.DatePart part) {
            return new Converted(position, column, source, part.column(),
                    (value, row) -> ((LocalDateTime) value).toLocalDate());
        }
        if (declared instanceof ColumnSource.TimePart part) {
            return new Converted(position, column, source, part.column(),
                    (value, row) -> ((LocalDateTime) value).toLocalTime());
        }
        if (declared instanceof ColumnSource.TextDate date) {
            return new Converted(position, column, source, date.column(), (value, row) -> SourceDates.parse(value));
        }
        if (declared instanceof ColumnSource.Looked looked) {
            return new Converted(position, column, source, looked.column(), switch (looked.lookup()) {
                case CURRENCY_NAME -> (value, row) -> CurrencyNames.nameOrCode((String) value, row.origin());
            });
        }
        if (declared instanceof ColumnSource.Calendar calendar) {
            return new Calendar(position, column, calendar.attribute());
        }
        throw new IllegalArgumentException(column + " is kept by the warehouse, not derived");
    }

    /** The value of a column of the source row, or of the joined parent row, as it is. */
    static final class Copied extends ColumnRule {
        private final int index;
        private final String sourceColumn;
        private final boolean fromParent;

        Copied(int position, String column, SourceTable table, String sourceColumn, boolean fromParent) {
            super(position, column);
            this.index = table.columnIndex(sourceColumn);
            this.sourceColumn = sourceColumn;
            this.fromParent = fromParent;
        }

        @Override
        boolean fromParent() {
            return fromParent;
        }

        @Override
        void apply(WarehouseRow target, SourceRow row, SourceRow parent) {
            SourceRow from = fromParent ? parent : row;
            target.put(position, from, sourceColumn, from.value(index));
        }
    }

    /** A value made of a source column's value; a null stays null, an unreadable value stays unreadable. */
    static final class Converted extends ColumnRule {
        /** Makes the warehouse value; throws {@link IllegalArgumentException} saying why it cannot. */
        @FunctionalInterface
        interface Conversion {
            Object apply(Object value, SourceRow row);
        }

        private final int index;
        private final String sourceColumn;
        private final Conversion conversion;

        Converted(int position, String column, SourceTable table, String sourceColumn, Conversion conversion) {
            super(position, column);
            this.index = table.columnIndex(sourceColumn);
            this.sourceColumn = sourceColumn;
            this.conversion = conversion;
        }

        @Override
        void apply(WarehouseRow target, SourceRow row, SourceRow parent) {
            Object value = row.value(index);
            if (value != null && !(value instanceof UnreadableValue)) {
                try {
                    value = conversion.apply(value, row);
                } catch (IllegalArgumentException | ClassCastException e) {
                    String shown = row.display(sourceColumn);
                    value = new UnreadableValue(shown, e instanceof ClassCastException
                            ? "'" + shown + "' is not a value " + column + " can be made of" : e.getMessage());
                }
            }
            target.put(position, row, sourceColumn, value);
        }
    }

    /** An attribute of a calendar date (dim_date). */
    static final class Calendar extends ColumnRule {
        private final CalendarAttribute attribute;

        Calendar(int position, String column, CalendarAttribute attribute) {
            super(position, column);
            this.attribute = attribute;
        }

        void apply(WarehouseRow target, LocalDate date) {
            target.set(position, attribute.of(date));
        }

        @Override
        void apply(WarehouseRow target, SourceRow row, SourceRow parent) {
            throw new IllegalStateException(column + " is derived from a calendar date, not a source row");
        }
    }
}
