package com.terrifictotes.etl.transformer;

import com.terrifictotes.etl.catalogue.Column;
import com.terrifictotes.etl.catalogue.ColumnSource;
import com.terrifictotes.etl.catalogue.ColumnType;
import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.catalogue.ToteSysCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import com.terrifictotes.etl.lake.AvroSchemas;
import com.terrifictotes.etl.lake.ColumnarRow;
import com.terrifictotes.etl.lake.TableRow;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * The columnar pass of a table streamed from its source ({@link StreamedTable}): a row whose cells were all read as
 * primitives ({@link FastCells}) and whose values the warehouse holds as they are goes from those primitives to the
 * Parquet columns ({@link ColumnarRow}), with no source row, warehouse row or boxed value made. It is the row path
 * ({@link StarRows}, {@link WarehouseRow}) compiled for the usual case and must write the same values: the same
 * {@link ColumnSource} declarations, and for each column the checks of
 * {@link com.terrifictotes.etl.catalogue.WarehouseDomain} on the primitive. A row that any check would refuse, or
 * whose cells were not all read, is not this pass's: it goes the row path, which decides, refuses and words the
 * refusal as ever. A table with a declaration compiled here in no such way (a lookup, a join) has no columnar pass.
 */
final class ColumnarTable {
    /** What a load column is made of: the source cell's shape, and what the warehouse holds. */
    private enum Op { INTEGER, MONEY, BOOLEAN, DATE, TIMESTAMP, TEXT, VARCHAR_3, DATE_PART, TIME_PART, TEXT_DATE }

    /** The warehouse's numeric(10,2) holds 8 digits before the point: an unscaled value below 10^10. */
    private static final long MONEY_LIMIT = 10_000_000_000L;
    private static final int MICROS_PER_MILLI = 1_000;
    private static final int VARCHAR_3 = 3;

    private final SourceTable source;
    private final Schema schema;
    private final Op[] ops;
    private final int[] from;
    private final boolean[] nullable;
    private final int key;
    private final int stamp;

    private ColumnarTable(WarehouseTable target, SourceTable source, Op[] ops, int[] from) {
        this.source = source;
        this.schema = AvroSchemas.of(target);
        this.ops = ops;
        this.from = from;
        this.nullable = new boolean[ops.length];
        for (int i = 0; i < ops.length; i++) {
            nullable[i] = target.loadColumns().get(i).nullable();
        }
        this.key = source.columnIndex(source.primaryKey());
        this.stamp = source.columnIndex(SourceTable.LAST_UPDATED);
    }

    /** The columnar pass of {@code target}, if every load column's declaration compiles to one. */
    static Optional<ColumnarTable> of(WarehouseTable target) {
        if (target.sourceTable() == null) {
            return Optional.empty();
        }
        SourceTable source = ToteSysCatalogue.table(target.sourceTable());
        if (source.column(SourceTable.LAST_UPDATED).type() != ColumnType.TIMESTAMP_MILLIS
                || source.column(source.primaryKey()).type() != ColumnType.INTEGER) {
            return Optional.empty();
        }
        List<ColumnSource> declared = target.loadSources();
        List<Column> columns = target.loadColumns();
        Op[] ops = new Op[declared.size()];
        int[] from = new int[declared.size()];
        for (int i = 0; i < ops.length; i++) {
            String cell = declared.get(i).ownColumn().orElse(null);
            ops[i] = cell == null ? null : op(declared.get(i), source.column(cell).type(),
                    columns.get(i).type());
            if (ops[i] == null) {
                return Optional.empty();
            }
            from[i] = source.columnIndex(cell);
        }
        return Optional.of(new ColumnarTable(target, source, ops, from));
    }

    private static Op op(ColumnSource declared, ColumnType cell, ColumnType column) {
        boolean text = cell == ColumnType.TEXT || cell == ColumnType.VARCHAR_3 || cell == ColumnType.ENUM;
        if (declared instanceof ColumnSource.Copied) {
            return switch (column) {
                case INTEGER, DECIMAL_10_2, BOOLEAN, DATE, TIMESTAMP_MILLIS -> cell == column ? copied(column) : null;
                case TEXT, ENUM -> text ? Op.TEXT : null;
                case VARCHAR_3 -> text ? Op.VARCHAR_3 : null;
                case TIME_MILLIS -> null;
            };
        }
        if (declared instanceof ColumnSource.DatePart && cell == ColumnType.TIMESTAMP_MILLIS) {
            return column == ColumnType.DATE ? Op.DATE_PART : null;
        }
        if (declared instanceof ColumnSource.TimePart && cell == ColumnType.TIMESTAMP_MILLIS) {
            return column == ColumnType.TIME_MILLIS ? Op.TIME_PART : null;
        }
        if (declared instanceof ColumnSource.TextDate && text) {
            return column == ColumnType.DATE ? Op.TEXT_DATE : null;
        }
        return null;
    }

    private static Op copied(ColumnType type) {
        return switch (type) {
            case INTEGER -> Op.INTEGER;
            case DECIMAL_10_2 -> Op.MONEY;
            case BOOLEAN -> Op.BOOLEAN;
            case DATE -> Op.DATE;
            default -> Op.TIMESTAMP;
        };
    }

    /** The schema of the warehouse table's rows. */
    Schema schema() {
        return schema;
    }

    /** The cells of a record of the source table, to be read as primitives. */
    FastCells cells() {
        return new FastCells(source);
    }

    /**
     * Whether the record just read into {@code cells} is this pass's: every cell read, the key and stamp there, and
     * every value one the warehouse holds as it is. Otherwise the row path takes the record.
     */
    boolean holds(FastCells cells) {
        if (!cells.complete() || cells.isNull(key) || cells.isNull(stamp)) {
            return false;
        }
        for (int i = 0; i < ops.length; i++) {
            int cell = from[i];
            if (cells.isNull(cell)) {
                if (!nullable[i]) {
                    return false;
                }
            } else if (!holds(ops[i], cells, cell)) {
                return false;
            }
        }
        return true;
    }

    private static boolean holds(Op op, FastCells cells, int cell) {
        return switch (op) {
            case MONEY -> Math.abs(cells.number(cell)) < MONEY_LIMIT;
            case TIMESTAMP, TIME_PART -> cells.number(cell) % MICROS_PER_MILLI == 0;
            case TEXT -> cells.text(cell).indexOf('\0') < 0;
            case VARCHAR_3 -> cells.text(cell).length() <= VARCHAR_3 && cells.text(cell).indexOf('\0') < 0;
            case TEXT_DATE -> cells.textDay(cell) != FastCells.NO_DAY;
            case INTEGER, BOOLEAN, DATE, DATE_PART -> true;
        };
    }

    int id(FastCells cells) {
        return (int) cells.number(key);
    }

    /** The version's stamp, in {@link VersionStamps}' microseconds. */
    long stamp(FastCells cells) {
        return cells.number(stamp);
    }

    /** The warehouse row of the record {@link #holds held} in {@code cells}, to be written as it is read now. */
    Row row(FastCells cells) {
        return new Row(cells);
    }

    /** Every date the row references, for dim_date. */
    void referencedDays(FastCells cells, Facts.ReferencedDays days) {
        for (int i = 0; i < ops.length; i++) {
            if (!cells.isNull(from[i])) {
                switch (ops[i]) {
                    case DATE -> days.add(cells.number(from[i]));
                    case DATE_PART -> days.add(Math.floorDiv(cells.number(from[i]), FastCells.MICROS_PER_DAY));
                    case TEXT_DATE -> days.add(cells.textDay(from[i]));
                    default -> {
                    }
                }
            }
        }
    }

    /** A view of a held record as its warehouse row: valid until the next record is read into its cells. */
    final class Row implements ColumnarRow {
        private final FastCells cells;

        private Row(FastCells cells) {
            this.cells = cells;
        }

        @Override
        public void writeTo(RowColumns columns) {
            for (int i = 0; i < ops.length; i++) {
                int cell = from[i];
                if (cells.isNull(cell)) {
                    columns.writeNull(i);
                    continue;
                }
                long number = cells.number(cell);
                switch (ops[i]) {
                    case INTEGER, DATE -> columns.writeInt(i, (int) number);
                    case MONEY -> columns.writeUnscaled(i, number);
                    case BOOLEAN -> columns.writeBoolean(i, number != 0);
                    case TIMESTAMP -> columns.writeLong(i, number);
                    case TEXT, VARCHAR_3 -> columns.writeText(i, cells.text(cell));
                    case DATE_PART -> columns.writeInt(i, (int) Math.floorDiv(number, FastCells.MICROS_PER_DAY));
                    case TIME_PART -> columns.writeInt(i, (int) (Math.floorMod(number, FastCells.MICROS_PER_DAY)
                            / MICROS_PER_MILLI));
                    case TEXT_DATE -> columns.writeInt(i, cells.textDay(cell));
                }
            }
        }

        /** The same row as the row path builds it: for sinks that keep rows (tests) rather than write Parquet. */
        TableRow toTableRow() {
            Object[] values = new Object[ops.length];
            for (int i = 0; i < ops.length; i++) {
                int cell = from[i];
                if (cells.isNull(cell)) {
                    continue;
                }
                long number = cells.number(cell);
                values[i] = switch (ops[i]) {
                    case INTEGER, MONEY, BOOLEAN, DATE, TIMESTAMP, TEXT, VARCHAR_3 -> cells.boxed(cell);
                    case DATE_PART -> LocalDate.ofEpochDay(Math.floorDiv(number, FastCells.MICROS_PER_DAY));
                    case TIME_PART -> LocalTime.ofNanoOfDay(Math.floorMod(number, FastCells.MICROS_PER_DAY)
                            * MICROS_PER_MILLI);
                    case TEXT_DATE -> LocalDate.ofEpochDay(cells.textDay(cell));
                };
            }
            return TableRow.of(schema, values);
        }
    }
}
